// On-disk cache of downloaded schemas: one file per URL (named by the URL's SHA-256), written atomically (atomic.ts).
// Only successful downloads are stored; a failure or a 404 is never cached. The file system is used synchronously
// (a schema file reads or writes in well under a millisecond; an asynchronous call waits for libuv's thread pool).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from './atomic.js';
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
    writeFileAtomically(this.path(key), value);
  }
}
