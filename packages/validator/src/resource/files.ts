// Finds the files to validate (directories recursively: .yaml, .yml, .json) and streams their documents.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { splitStream, type RawDocument, type SplitOptions } from './stream.js';

export interface DiscoverOptions {
  /** Regular expressions: matching file paths are ignored (kubeconform -ignore-filename-pattern). */
  ignoreFilenamePatterns?: string[];
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Yields file paths: given files as they are, directories walked recursively in a stable order. */
export async function* discoverFiles(targets: string[], options: DiscoverOptions = {}): AsyncGenerator<string> {
  const ignore = (options.ignoreFilenamePatterns ?? []).map((p) => new RegExp(p));
  const ignored = (p: string): boolean => ignore.some((r) => r.test(p));
  for (const target of targets) {
    if (ignored(target)) continue;
    let st;
    try {
      st = await stat(target);
    } catch {
      yield target; // reported as an error result when read
      continue;
    }
    if (!st.isDirectory()) {
      yield target;
      continue;
    }
    const stack = [target];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const e of entries) {
        const p = join(dir, e.name);
        if (ignored(p)) continue;
        if (e.isDirectory()) subdirs.push(p);
        else if (e.isFile() && MANIFEST.test(e.name)) yield p;
      }
      stack.push(...subdirs.reverse());
    }
  }
}

/** Streams the documents of files, directories and `-` (stdin); one document in memory at a time per file. */
export async function* readResources(
  targets: string[],
  options: DiscoverOptions & SplitOptions & { stdin?: NodeJS.ReadableStream } = {},
): AsyncGenerator<RawDocument> {
  const list = targets.length === 0 ? ['-'] : targets;
  for (const t of list) {
    if (t === '-') {
      yield* splitStream('stdin', (options.stdin ?? process.stdin) as AsyncIterable<Buffer>, options);
      continue;
    }
    for await (const file of discoverFiles([t], options)) {
      try {
        yield* splitStream(file, createReadStream(file, { highWaterMark: 256 * 1024 }), options);
      } catch (err) {
        yield { filename: file, docIndex: 0, line: 1, error: `could not read file: ${(err as Error).message}` };
      }
    }
  }
}
