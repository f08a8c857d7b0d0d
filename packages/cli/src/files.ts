// Writing one file of the user's: all or nothing (a temporary sibling renamed into place), never half-written.
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The prefix of the temporary siblings of `file`: `.<name>.helmforge-new-`, the name that the recovery of a locked path
 * (core's orphanedStaging) removes when a killed run left one.
 */
export const stagingPrefix = (file: string): string => `.${basename(file)}.helmforge-new-`;

/** Writes `file` through a sibling renamed over it; `mtime` also dates it (before the rename: readers see it dated). */
export function writeFileAtomically(file: string, content: string | Uint8Array, mtime?: Date): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `${stagingPrefix(file)}${process.pid}`);
  try {
    writeFileSync(temp, content);
    if (mtime !== undefined) utimesSync(temp, mtime, mtime);
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}
