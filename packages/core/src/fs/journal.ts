// Crash-safe replacement of whole directory trees. New trees are staged in full beside their targets; a journal file
// beside the first target then records the transaction before any target is touched, so that a process killed at
// any instant leaves enough on disk for the next helmforge command to finish or undo it:
//   stage (.<name>.helmforge-new-<id>) → journal (state swapping) → per target: target → .<name>.helmforge-old-<id>,
//   staged → target → journal state committed → backups removed → journal removed.
// A transaction found in state `swapping` is rolled back (every target is its old tree again); one found `committed` is
// finished (backups removed). Both are idempotent, so a crash during recovery is recovered by the run after it.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkpoint } from './checkpoint.js';
import { isAlive } from './lock.js';

const JOURNAL = /^\.helmforge-journal-[0-9a-z-]+\.json$/;

export interface StagedTree {
  /** The target directory, absolute. */
  dir: string;
  /** Where its new tree was written in full. */
  staged: string;
}

interface JournalTarget extends StagedTree {
  backup: string;
  /** The target existed before: rolling back restores it; otherwise rolling back removes what was installed. */
  existed: boolean;
}

interface Journal {
  id: string;
  pid: number;
  state: 'swapping' | 'committed';
  targets: JournalTarget[];
}

/** A fresh transaction id: the pid (for people reading a leftover name) and random bits. */
export function transactionId(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Where a target's new tree is staged and its old tree kept during a transaction. */
export function siblingOf(dir: string, role: 'new' | 'old', id: string): string {
  return join(dirname(dir), `.${basename(dir)}.helmforge-${role}-${id}`);
}

function journalPath(dir: string, id: string): string {
  return join(dirname(dir), `.helmforge-journal-${id}.json`);
}

/** Written to a temporary name and renamed: a reader sees the old journal or the new one, never half of one. */
function saveJournal(file: string, journal: Journal): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(journal, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * Swaps every staged tree into place, all or nothing. An error part-way is rolled back before it is rethrown; a crash
 * part-way is rolled back by the next run's recoverInterrupted.
 */
export function swapTrees(trees: StagedTree[], id: string): void {
  const first = trees[0];
  if (first === undefined) return;
  const file = journalPath(first.dir, id);
  const journal: Journal = {
    id,
    pid: process.pid,
    state: 'swapping',
    targets: trees.map((t) => ({ ...t, backup: siblingOf(t.dir, 'old', id), existed: existsSync(t.dir) })),
  };
  saveJournal(file, journal);
  checkpoint('journal');
  try {
    for (const t of journal.targets) {
      if (t.existed) {
        renameSync(t.dir, t.backup);
        checkpoint(`backup:${basename(t.dir)}`);
      }
      renameSync(t.staged, t.dir);
      checkpoint(`install:${basename(t.dir)}`);
    }
  } catch (error) {
    try {
      rollBack(journal);
    } catch (undo) {
      throw new Error(`${(error as Error).message}; undoing the swap failed too (${(undo as Error).message}): the next helmforge command finishes undoing it`, { cause: error });
    }
    unlinkSync(file);
    throw error;
  }
  journal.state = 'committed';
  saveJournal(file, journal);
  checkpoint('commit');
  finish(journal);
  unlinkSync(file);
  checkpoint('done');
}

/** Puts every target back as it was before the transaction (idempotent: safe to repeat after a crash in it). */
function rollBack(journal: Journal): void {
  for (const t of [...journal.targets].reverse()) {
    if (existsSync(t.backup)) {
      // the target is the new tree (installed after the backup was made): move it back where it was staged
      if (existsSync(t.dir)) {
        rmSync(t.staged, { recursive: true, force: true });
        renameSync(t.dir, t.staged);
      }
      renameSync(t.backup, t.dir);
    } else if (!t.existed && existsSync(t.dir) && !existsSync(t.staged)) {
      renameSync(t.dir, t.staged); // installed where there was nothing before
    }
    checkpoint(`rollback:${basename(t.dir)}`);
    rmSync(t.staged, { recursive: true, force: true });
  }
}

/** Removes what a committed transaction left: the old trees (and staged ones, of which there should be none). */
function finish(journal: Journal): void {
  for (const t of journal.targets) {
    rmSync(t.backup, { recursive: true, force: true });
    rmSync(t.staged, { recursive: true, force: true });
    checkpoint(`cleanup:${basename(t.dir)}`);
  }
}

/** The journals of unfinished transactions in the directories that hold `dirs`. */
export function pendingTransactions(dirs: string[]): { file: string; targets: string[] }[] {
  const found = new Map<string, { file: string; targets: string[] }>();
  for (const parent of new Set(dirs.map((d) => dirname(d)))) {
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent)) {
      if (!JOURNAL.test(name)) continue;
      const file = join(parent, name);
      const journal = readJournal(file);
      found.set(file, { file, targets: journal?.targets.map((t) => t.dir) ?? [] });
    }
  }
  return [...found.values()];
}

function readJournal(file: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    return undefined; // removed meanwhile, or a journal.tmp that never became the journal
  }
}

/**
 * Finishes or undoes the transaction recorded in `file`, which the caller must have locked (all of its targets).
 * Returns what was done, for a message.
 */
export function recoverTransaction(file: string): 'rolled back' | 'finished' | undefined {
  const journal = readJournal(file);
  if (journal === undefined) return undefined;
  const outcome = journal.state === 'committed' ? 'finished' : 'rolled back';
  if (journal.state === 'committed') finish(journal);
  else rollBack(journal);
  checkpoint('recovered');
  unlinkSync(file);
  return outcome;
}

/**
 * Trees staged by runs that died before writing their journal (nothing refers to them), and journals that were being
 * written when their process died. Only to be removed holding the lock of each dir: then no live writer stages there.
 */
export function orphanedStaging(dirs: string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    const parent = dirname(dir);
    if (!existsSync(parent)) continue;
    const prefix = `.${basename(dir)}.helmforge-new-`;
    for (const name of readdirSync(parent)) {
      // a journal's id starts with its writer's pid
      const unsaved = /^\.helmforge-journal-(\d+)-[0-9a-f]+\.json\.tmp$/.exec(name);
      if (name.startsWith(prefix) || (unsaved !== null && !isAlive(Number(unsaved[1])))) found.push(join(parent, name));
    }
  }
  return found;
}
