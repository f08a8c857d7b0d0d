// Test kit: temporary directories (helmforge-<purpose>-*) that are removed when the test file is done, pass or fail,
// so that a test run leaves nothing in the temporary folder (npm test checks it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// registered for the file that imports this module (vitest isolates each test file's modules)
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary directory, removed after the importing test file's last test. */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `helmforge-${purpose}-`));
  made.push(dir);
  return dir;
}
