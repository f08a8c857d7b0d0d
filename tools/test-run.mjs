#!/usr/bin/env node
// `npm test`: builds, lints and tests every package (Nx), checks the committed charts/ and schemas/, and adds up the
// results — all with a temporary folder of its own (TMPDIR), so that it can tell whether the tests left anything named
// helmforge-* behind (other runs on the same machine use theirs), and fail if they did.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'hf-test-run-'));
const env = { ...process.env, TMPDIR: tmp };
const step = (command, args) => spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;

let failed = step('npx', ['nx', 'run-many', '-t', 'build', 'lint', 'test', '--parallel=2', '--outputStyle=static']) !== 0;
failed = step(process.execPath, ['packages/cli/dist/helmforge.mjs', 'generate', '--check']) !== 0 || failed;
const left = readdirSync(tmp).filter((name) => name.startsWith('helmforge-'));
if (left.length > 0) {
  console.log(`temporary folder: the tests left ${left.length} helmforge-* entr${left.length === 1 ? 'y' : 'ies'} behind: ${left.slice(0, 20).join(', ')}${left.length > 20 ? ', …' : ''}`);
  failed = true;
} else {
  console.log('temporary folder: no helmforge-* entry left behind');
}
rmSync(tmp, { recursive: true, force: true });
// the suite's closing line comes last
failed = step(process.execPath, ['tools/test-summary.mjs']) !== 0 || failed;
process.exit(failed ? 1 : 0);
