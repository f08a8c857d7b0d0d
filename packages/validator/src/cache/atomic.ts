// A cache file is written whole or not at all: to a temporary name beside it, then renamed into place (a reader, or a
// concurrent run writing the same entry, sees the old file or the new one, never half of one).
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
