// Deterministic, atomic output: a tree is written to a temporary sibling directory and swapped in with
// renames only after every file is on disk, so neither a failure nor a crash leaves a half-written tree behind.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { checkpoint } from './fs/checkpoint.js';
import { siblingOf, swapTrees, transactionId, type StagedTree } from './fs/journal.js';

/** Relative POSIX path → file content. */
export type FileTree = Map<string, string>;

/** LF line endings and exactly one final newline, so output is byte-identical on every platform. */
export function normalizeText(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--; // (a /\n*$/ regex is quadratic on long text)
  return `${lf.slice(0, end)}\n`;
}

export function sortedTree(tree: FileTree): FileTree {
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The entries under `dir` that are not directories (files, and symbolic links, which are never followed), as relative
 * POSIX paths.
 */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Relative path → content of every file under `dir`; anything but a regular file reads as a marker no text equals. */
export function readTree(dir: string): FileTree {
  const tree: FileTree = new Map();
  for (const path of listTree(dir)) {
    const file = join(dir, path);
    tree.set(path, lstatSync(file).isFile() ? readFileSync(file, 'utf8') : NOT_A_FILE);
  }
  return tree;
}

const NOT_A_FILE = '\0 not a regular file';

export interface TreeDiff {
  changed: string[];
  missing: string[];
  extra: string[];
}

/** Compares what is on disk at `dir` with what would be written there. */
export function diffTree(dir: string, expected: FileTree): TreeDiff {
  const actual = readTree(dir);
  const diff: TreeDiff = { changed: [], missing: [], extra: [] };
  for (const [path, content] of expected) {
    const have = actual.get(path);
    if (have === undefined) diff.missing.push(path);
    else if (have !== normalizeText(content)) diff.changed.push(path);
  }
  for (const path of actual.keys()) if (!expected.has(path)) diff.extra.push(path);
  return diff;
}

/**
 * Replaces each target directory with its tree, all or nothing: every tree is first written in full to a sibling
 * directory; only then are the targets swapped under a journal (fs/journal.ts), so that neither an error nor a crash
 * at any instant leaves a target missing or half-written.
 */
export function writeTreesAtomically(targets: { dir: string; tree: FileTree }[]): void {
  const id = transactionId();
  const staged: (StagedTree & { file?: string })[] = [];
  try {
    for (const { dir, tree } of targets) {
      const name = basename(dir);
      const sibling = siblingOf(dir, 'new', id);
      const current: StagedTree & { file?: string } = { dir, staged: sibling };
      staged.push(current);
      checkpoint(`stage:${name}`);
      mkdirSync(sibling, { recursive: true });
      const files = [...sortedTree(tree)];
      for (const [i, [path, content]] of files.entries()) {
        const file = join(sibling, path);
        current.file = path;
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, normalizeText(content), { mode: 0o644 });
        if (i === Math.floor(files.length / 2)) checkpoint(`stage-half:${name}`);
      }
      checkpoint(`staged:${name}`);
    }
  } catch (error) {
    for (const s of staged) rmSync(s.staged, { recursive: true, force: true });
    throw inTarget(error, staged[staged.length - 1]);
  }
  swapTrees(staged, id);
}

/** A file-system error while staging, worded with the target's path (a write error has none: the last file's). */
function inTarget(error: unknown, at: (StagedTree & { file?: string }) | undefined): unknown {
  const e = error as NodeJS.ErrnoException;
  if (at === undefined || typeof e?.code !== 'string') return error;
  e.path = e.path !== undefined ? e.path.replace(at.staged, at.dir) : at.file !== undefined ? join(at.dir, at.file) : at.dir;
  return e;
}
