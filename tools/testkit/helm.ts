// Test kit: the real Helm binaries installed by tools/install-helm.mjs, for suites parameterised over both.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HelmBinary {
  label: string;
  major: 3 | 4;
  bin: string;
}

export const HELM_BINARIES: HelmBinary[] = [
  { label: 'helm 4.1.4', major: 4, bin: join(REPO_ROOT, '.tools', 'helm-4', 'helm') },
  { label: 'helm 3.17.0', major: 3, bin: join(REPO_ROOT, '.tools', 'helm-3', 'helm') },
];

for (const h of HELM_BINARIES) {
  if (!existsSync(h.bin)) throw new Error(`${h.bin} is missing: run \`node tools/install-helm.mjs\` (npm test does it in pretest)`);
}

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with an isolated HOME/config/cache so tests never touch the user's Helm settings. */
export function runHelm(helm: HelmBinary, args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): HelmResult {
  const home = isolatedHelmHome();
  const result = spawnSync(helm.bin, args, {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_DATA_HOME: join(home, 'data'),
      ...options.env,
    },
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

let home: string | undefined;
function isolatedHelmHome(): string {
  home ??= tempDir('helm-home');
  return home;
}

// (one home per test file: each file loads this module afresh, and tempDir removes it after the file's tests)
