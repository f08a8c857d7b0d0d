#!/usr/bin/env node
// The README's main job after `npm ci`: install Helm from npm, build, generate the umbrella chart from
// helmforge.yaml, and validate it with real Helm against the Kubernetes schemas.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args, env = {}) => {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['tools/install-helm.mjs']);
run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
run(process.execPath, ['packages/cli/dist/helmforge.mjs', 'generate']);

// Offline machines validate against the bundle beside the checkout; elsewhere helmforge's default
// (the public kubernetes-json-schema collection, cached on disk) applies.
const bundle = process.env.HELMFORGE_SCHEMA_BUNDLE ?? join(root, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');
const helm = process.env.HELM_BIN ?? join(root, '.tools', 'helm-4', 'helm');
run(process.execPath, ['packages/cli/dist/helmforge.mjs', 'validate', 'charts/platform', '--summary', ...(existsSync(bundle) ? ['--schema-bundle', bundle] : [])], { HELM_BIN: helm });
console.log('charts/platform is generated and every rendered object is valid; install it with: helm install platform ./charts/platform -n platform --create-namespace');
