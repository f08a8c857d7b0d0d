// Temporary directories (helmforge-<purpose>-*) and helm child processes that do not outlive the command: removed and
// killed on success, on failure, and when the process ends on SIGINT, SIGTERM or SIGHUP (signal-exit), before the
// signal takes it down.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';

const directories = new Set<string>();
const children = new Set<ChildProcess>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  onExit(() => {
    for (const child of children) child.kill('SIGKILL');
    removeTemporaryDirectories();
  });
}

/** A new directory under the system's temporary folder, removed at the latest when the process ends. */
export function temporaryDirectory(purpose: string): string {
  hook();
  const dir = mkdtempSync(join(tmpdir(), `helmforge-${purpose}-`));
  directories.add(dir);
  return dir;
}

export function removeTemporaryDirectory(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  directories.delete(dir);
}

/** Removes every temporary directory this process made and still has. */
export function removeTemporaryDirectories(): void {
  for (const dir of directories) removeTemporaryDirectory(dir);
}

/** A child process killed if this one ends first. */
export function killedOnExit(child: ChildProcess): ChildProcess {
  hook();
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
