// Running the built `helmforge` bin in a scratch workspace, as a user would.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';

export const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'helmforge.mjs');
export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function helmforge(args: string[], cwd: string, env: Record<string, string> = {}, input?: string): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, input, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch directory holding a stack file (the committed one by default) as helmforge.yaml. */
export function workspace(stack = join(REPO_ROOT, 'helmforge.yaml')): string {
  const dir = tempDir('cli');
  cpSync(stack, join(dir, 'helmforge.yaml'));
  return dir;
}

/** A scratch directory with the committed stack file and its generated charts/ and schemas/, as a user's checkout has them. */
export function checkout(): string {
  const dir = tempDir('publish');
  for (const p of ['helmforge.yaml', 'charts', 'schemas']) cpSync(join(REPO_ROOT, p), join(dir, p), { recursive: true });
  return dir;
}

/** The committed stack file with one more application: a different chart and different schemas. */
export function writeChangedStack(file: string): void {
  writeFileSync(file, `${readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8').trimEnd()}\n  extra:\n    replicaCount: 1\n`);
}
