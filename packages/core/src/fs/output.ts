// The whole safe write of generated trees: refuse what is not ours, lock, recover an interrupted run, write
// crash-safely. Also the recovery alone, which every command that reads the output runs first.
import { rmSync } from 'node:fs';
import { orphanedStaging, pendingTransactions, recoverTransaction } from './journal.js';
import { withLocks, type HeldLocks, type LockRequest } from './lock.js';
import { refuseUnsafeTargets, refuseUserFiles, userFilesIn, type OutputTarget, type TargetContext } from './ownership.js';
import { writeTreesAtomically } from '../writer.js';

/**
 * Finishes or undoes what an interrupted helmforge run left beside `dirs` (its journal and temporary siblings), holding
 * the locks of every directory involved. Looks first without locking, so that a reader of a clean (or read-only) tree
 * writes nothing. Returns one line per recovered transaction.
 */
export async function recoverInterrupted(dirs: string[], command: string, show: (path: string) => string): Promise<string[]> {
  const notes: string[] = [];
  for (const pending of pendingTransactions(dirs)) {
    await withLocks(pending.targets.map((path) => ({ path, verb: 'recovering' })), command, show, () => {
      const outcome = recoverTransaction(pending.file);
      if (outcome !== undefined) notes.push(`recovered an interrupted helmforge run: ${outcome} ${pending.targets.map(show).join(', ')}`);
    });
  }
  if (orphanedStaging(dirs).length > 0) {
    await withLocks(dirs.map((path) => ({ path, verb: 'recovering', optional: true })), command, show, () => {
      for (const path of orphanedStaging(dirs)) rmSync(path, { recursive: true, force: true });
    });
  }
  return notes;
}

/**
 * Runs `work` holding the locks of `requests`, after recovering what an interrupted run left beside those paths (each
 * recovery said to `note`): how every command that reads or writes generated output starts.
 */
export async function withRecoveredLocks<T>(
  requests: LockRequest[],
  command: string,
  show: (path: string) => string,
  note: (line: string) => void,
  /** `recovered`: something was put right, so what was read from these paths before may have changed. */
  work: (locks: HeldLocks, recovered: boolean) => Promise<T> | T,
): Promise<T> {
  return withLocks(requests, command, show, async (locks) => {
    const notes = await recoverInterrupted(requests.map((r) => r.path), command, show);
    for (const line of notes) note(line);
    return work(locks, notes.length > 0);
  });
}

export interface WriteOptions extends TargetContext {
  command: string;
  /** Delete files a user added inside a generated tree instead of refusing. */
  force: boolean;
  /** Told each line worth showing: recovered runs, files deleted with --force. */
  note: (line: string) => void;
}

/**
 * Replaces each target with its tree: refused (nothing changed) unless helmforge owns every target. `build` makes the
 * targets from what is on disk; it is asked again when recovering an interrupted run changed that. Returns the targets
 * as written.
 */
export async function writeOwnedTrees(build: () => OutputTarget[], o: WriteOptions): Promise<OutputTarget[]> {
  let targets = build();
  refuseUnsafeTargets(targets, o);
  // checked before anything is locked or created, so that a refusal changes nothing; checked again under the locks
  const early = userFilesIn(targets, o);
  if (early.length > 0 && !o.force) refuseUserFiles(early, o);
  return withRecoveredLocks(targets.map((t) => ({ path: t.dir, verb: 'writing' })), o.command, o.show, o.note, (locks, recovered) => {
    if (recovered) targets = build();
    const added = userFilesIn(targets, o);
    if (added.length > 0 && !o.force) refuseUserFiles(added, o);
    locks.assertHeld();
    writeTreesAtomically(targets);
    for (const f of added) o.note(`deleted ${o.show(f)} (--force)`);
    return targets;
  });
}
