// Finds the files to validate (directories recursively: .yaml, .yml, .json) and streams their documents.
import { closeSync, createReadStream, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitStream, splitText, type RawDocument, type SplitOptions } from './stream.js';
import { inShard, type Shard } from './shard.js';

export interface DiscoverOptions {
  /** Regular expressions: matching file paths are ignored (kubeconform -ignore-filename-pattern). */
  ignoreFilenamePatterns?: string[];
  /** Only the files of this part of the inputs (`--shard K/N`). */
  shard?: Shard;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/**
 * Yields file paths: given files as they are, directories walked recursively in a stable order. The file system is
 * asked synchronously: an asynchronous call waits for a thread of libuv's pool (started by the first one), which in
 * a short run is most of the time it takes.
 */
export async function* discoverFiles(targets: string[], options: DiscoverOptions = {}): AsyncGenerator<string> {
  const ignore = (options.ignoreFilenamePatterns ?? []).map((p) => new RegExp(p));
  const ignored = (p: string): boolean => ignore.some((r) => r.test(p));
  const mine = (p: string): boolean => inShard(p, options.shard);
  for (const target of targets) {
    if (ignored(target)) continue;
    let st;
    try {
      st = statSync(target);
    } catch {
      if (mine(target)) yield target; // reported as an error result when read
      continue;
    }
    if (!st.isDirectory()) {
      if (mine(target)) yield target;
      continue;
    }
    const stack = [target];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const e of entries) {
        const p = join(dir, e.name);
        if (ignored(p)) continue;
        if (e.isDirectory()) subdirs.push(p);
        else if (e.isFile() && MANIFEST.test(e.name) && mine(p)) yield p;
      }
      stack.push(...subdirs.reverse());
    }
  }
}

export type ReadOptions = DiscoverOptions & SplitOptions & { stdin?: NodeJS.ReadableStream };

/** The bytes of the files of `targets` (as `readInputs` will find them), or undefined when stdin is one of them. */
export async function inputSize(targets: string[], options: DiscoverOptions = {}): Promise<number | undefined> {
  if (targets.length === 0 || targets.includes('-')) return undefined;
  let bytes = 0;
  for await (const file of discoverFiles(targets, options)) {
    try {
      bytes += statSync(file).size;
    } catch {
      // reported when read
    }
  }
  return bytes;
}

/** Files up to this size are read whole (and split by whoever validates them); larger ones are streamed. */
export const WHOLE_FILE_MAX_BYTES = 1024 * 1024;

/** What `readInputs` yields: a small file's bytes, to split with `splitText`, or one document of a streamed input. */
export type Input = { filename: string; data: Buffer; doc?: undefined } | { doc: RawDocument; filename?: undefined; data?: undefined };

/**
 * The inputs of files, directories and `-` (stdin), in order. A small file comes whole (one read instead of a
 * stream, and a worker thread can split it); stdin and large files are streamed, one document in memory at a time.
 */
export async function* readInputs(targets: string[], options: ReadOptions = {}): AsyncGenerator<Input> {
  const list = targets.length === 0 ? ['-'] : targets;
  for (const t of list) {
    if (t === '-') {
      // (kubeconform keeps stdin's zero-length documents and counts no file for it)
      for await (const doc of splitStream('stdin', (options.stdin ?? process.stdin) as AsyncIterable<Buffer>, { ...options, asFile: false })) yield { doc };
      continue;
    }
    for await (const file of discoverFiles([t], options)) {
      let data: Buffer | undefined;
      try {
        // Synchronous on purpose: a local file of at most 1 MiB reads in well under a millisecond, while four
        // awaited fs calls per file left the process idle for a sixth of a 21,000-resource run.
        const fd = openSync(file, 'r');
        try {
          if (fstatSync(fd).size <= WHOLE_FILE_MAX_BYTES) data = readFileSync(fd);
        } finally {
          closeSync(fd);
        }
      } catch (err) {
        // a target that is not there at all is worded as kubeconform's walk words it: "lstat not-here: no such file …"
        const missingTarget = file === t && (err as NodeJS.ErrnoException).code === 'ENOENT';
        yield { doc: { filename: file, docIndex: 0, line: 1, error: goError(missingTarget ? 'lstat' : 'open', file, err) } };
        continue;
      }
      if (data !== undefined) {
        yield { filename: file, data };
        continue;
      }
      try {
        for await (const doc of splitStream(file, createReadStream(file, { highWaterMark: 256 * 1024 }), options)) yield { doc };
      } catch (err) {
        yield { doc: { filename: file, docIndex: 0, line: 1, error: goError('read', file, err) } };
      }
    }
  }
}

/** The documents of one input. */
export function inputDocuments(input: Input, options: SplitOptions = {}): RawDocument[] {
  return input.doc !== undefined ? [input.doc] : splitText(input.filename, input.data, options);
}

/** Streams the documents of files, directories and `-` (stdin); one document in memory at a time per large file. */
export async function* readResources(targets: string[], options: ReadOptions = {}): AsyncGenerator<RawDocument> {
  for await (const input of readInputs(targets, options)) yield* inputDocuments(input, options);
}

/**
 * A file system error worded as Go's os package words it (`open x.yaml: permission denied`), which is what
 * kubeconform prints. Node's message carries the same strerror text: "ENOENT: no such file or directory, open 'x'".
 */
export function goError(op: string, path: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const text = /^[A-Z][A-Z0-9]+: (.*?), \w+(?: '.*')?$/.exec(message)?.[1] ?? message;
  return `${op} ${path}: ${text}`;
}
