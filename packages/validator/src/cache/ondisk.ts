// On-disk cache of downloaded schemas: one file per URL (named by the URL's SHA-256), written atomically.
// Only successful downloads are stored; a failure or a 404 is never cached. The file system is used synchronously
// (a schema file reads or writes in well under a millisecond; an asynchronous call waits for libuv's thread pool).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class OnDiskCache {
  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, createHash('sha256').update(key).digest('hex'));
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return readFileSync(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const final = this.path(key);
    const tmp = `${final}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(tmp, value);
      renameSync(tmp, final);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}
