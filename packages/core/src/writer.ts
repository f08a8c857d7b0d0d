// Deterministic, atomic output: a tree is written to a temporary sibling directory and swapped in with
// renames only after every file is on disk, so a failure never leaves a half-written tree behind.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

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

export function readTree(dir: string): FileTree {
  const tree: FileTree = new Map();
  if (!existsSync(dir)) return tree;
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else tree.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return sortedTree(tree);
}

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
 * Replaces each target directory with its tree, all or nothing: every tree is first written in full to a
 * temporary sibling; only then are the old directories moved aside and the new ones renamed into place.
 */
export function writeTreesAtomically(targets: { dir: string; tree: FileTree }[]): void {
  const stamp = `${process.pid}-${Date.now()}`;
  const staged: { dir: string; tmp: string; backup: string }[] = [];
  try {
    for (const { dir, tree } of targets) {
      const tmp = `${dir}.tmp-${stamp}`;
      staged.push({ dir, tmp, backup: `${dir}.old-${stamp}` });
      for (const [path, content] of sortedTree(tree)) {
        const file = join(tmp, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, normalizeText(content), { mode: 0o644 });
      }
      if (!tree.size) mkdirSync(tmp, { recursive: true });
    }
  } catch (error) {
    for (const s of staged) rmSync(s.tmp, { recursive: true, force: true });
    throw error;
  }
  const swapped: typeof staged = [];
  try {
    for (const s of staged) {
      mkdirSync(dirname(s.dir), { recursive: true });
      if (existsSync(s.dir)) renameSync(s.dir, s.backup);
      renameSync(s.tmp, s.dir);
      swapped.push(s);
    }
  } catch (error) {
    // Roll back: put every old directory back where it was.
    for (const s of [...staged].reverse()) {
      if (swapped.includes(s)) rmSync(s.dir, { recursive: true, force: true });
      if (existsSync(s.backup)) renameSync(s.backup, s.dir);
      rmSync(s.tmp, { recursive: true, force: true });
    }
    throw error;
  }
  for (const s of staged) rmSync(s.backup, { recursive: true, force: true });
}
