// The persistent cache of compiled validators. What is stored is the schema graph (graph.ts) of a schema: its
// normalised, deduplicated nodes, a few tens of KB where the standalone Deployment schema is 665 KB of JSON. Closures
// cannot be written to disk, but building them from nodes takes microseconds; reading, parsing, converting and
// normalising the schema is what costs (10–40 ms for a big kind), and that is what a cache hit skips.
// Entries are keyed by the content hash of what they were made from (plus the format version below), so a changed
// schema is a miss, never a stale hit. Each entry is one file, written to a temporary name and renamed into place
// (concurrent runs write identical content; a reader sees a whole file or none), and carries a checksum of its body:
// a truncated or altered file is a miss (and is replaced), not an error.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic.js';

/** Bump when the graph format or a conversion changes: older entries are then never read. */
export const COMPILED_FORMAT = 'helmforge-validator-1';

/** SHA-256 of a text, hex. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The user's cache folder for helmforge (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%, ~/.cache). */
export function userCacheDir(): string {
  const env = process.env;
  if (env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '') return join(env.XDG_CACHE_HOME, 'helmforge');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'helmforge');
  if (process.platform === 'win32' && env.LOCALAPPDATA !== undefined) return join(env.LOCALAPPDATA, 'helmforge', 'Cache');
  return join(homedir(), '.cache', 'helmforge');
}

/** Where compiled validators go: beside the downloads of a -cache folder, else in the user's cache folder. */
export function compiledCacheDir(downloadCache: string | undefined): string {
  return downloadCache !== undefined ? join(downloadCache, 'helmforge-validators') : join(userCacheDir(), 'validators');
}

export class CompiledCache {
  private madeDir = false;

  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, `${contentHash(`${COMPILED_FORMAT}\n${key}`)}.json`);
  }

  /** The stored value of `key`, or undefined (absent, unreadable, corrupt or another format's). */
  get(key: string): unknown {
    const file = this.path(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    // first line: format, key, checksum of the rest
    try {
      const nl = text.indexOf('\n');
      const head = JSON.parse(text.slice(0, nl)) as unknown;
      const body = text.slice(nl + 1);
      if (nl !== -1 && Array.isArray(head) && head[0] === COMPILED_FORMAT && head[1] === key && head[2] === contentHash(body)) return JSON.parse(body) as unknown;
    } catch {
      // not JSON: corrupt
    }
    rmSync(file, { force: true }); // written again by this run
    return undefined;
  }

  /** Stores `value` under `key`; a cache that cannot be written is not an error (the run just compiles next time too). */
  set(key: string, value: unknown): void {
    try {
      if (!this.madeDir) {
        mkdirSync(this.dir, { recursive: true });
        this.madeDir = true;
      }
      const body = JSON.stringify(value);
      writeFileAtomically(this.path(key), `${JSON.stringify([COMPILED_FORMAT, key, contentHash(body)])}\n${body}`);
    } catch {
      // read-only home, full disk …: caching is an optimisation
    }
  }
}
