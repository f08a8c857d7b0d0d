// One writer at a time: generate, package and push lock what they write (proper-lockfile: an atomic mkdir beside the
// target whose mtime the holder keeps fresh). A second run waits a bounded time, then names who holds the lock.
// A lock left by a process that died is taken over at once when its owner (pid, recorded beside the lock) is gone,
// or by proper-lockfile's staleness rule (mtime not refreshed for STALE_MS) when the owner is on another host.
import lockfile from 'proper-lockfile';
import { onExit } from 'signal-exit';
import { existsSync, mkdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { HelmforgeError } from '../errors.js';
import { asyncCheckpoint } from './checkpoint.js';

const STALE_MS = 30_000;
const DEFAULT_WAIT_MS = 10_000;

export interface LockRequest {
  /** The file or directory that will be written (it need not exist). */
  path: string;
  /** What the holder does to it, for the message a second run prints: `writing`, `packaging`, `pushing`. */
  verb: string;
  /** Skip this lock when the path's parent directory does not exist (a reader: there is nothing to protect). */
  optional?: boolean;
}

interface Owner {
  pid: number;
  host: string;
  command: string;
  verb: string;
}

export interface HeldLocks {
  /** Throws if a lock was lost while held (its mtime could not be refreshed): the caller must not go on writing. */
  assertHeld(): void;
  release(): Promise<void>;
}

/** The lock directory and owner file of a target: dot-files beside it, so replacing the target keeps them. */
export function lockPaths(target: string): { lock: string; owner: string } {
  const base = join(dirname(target), `.${basename(target)}.helmforge-lock`);
  return { lock: base, owner: `${base}.owner` };
}

/** Paths this process holds, so that a recovery inside a locked command does not wait for itself. */
const held = new Set<string>();

// A command ended by SIGINT or SIGTERM (or an exit while holding a lock) leaves no lock and no owner file behind.
// proper-lockfile removes its lock directories on exit too; this also covers a lock whose release is under way.
onExit(() => {
  for (const path of held) {
    const paths = lockPaths(path);
    for (const remove of [() => rmdirSync(paths.lock), () => unlinkSync(paths.owner)]) {
      try {
        remove();
      } catch {
        // already gone
      }
    }
  }
});

/** How long to wait for a lock: HELMFORGE_LOCK_WAIT seconds, default 10. */
function waitMs(): number {
  const s = Number(process.env.HELMFORGE_LOCK_WAIT);
  return Number.isFinite(s) && s >= 0 && process.env.HELMFORGE_LOCK_WAIT !== '' ? s * 1000 : DEFAULT_WAIT_MS;
}

function readOwner(file: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Owner;
  } catch {
    return undefined; // not written yet, or already removed
  }
}

/** A process of this host with that pid is running (EPERM: it is, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose owner on this host is no longer running: removed so that it can be taken. */
function removeIfOwnerDead(paths: { lock: string; owner: string }): boolean {
  const owner = readOwner(paths.owner);
  if (owner === undefined || owner.host !== hostname() || isAlive(owner.pid)) return false;
  // rmdir, not a recursive remove: a lock directory never has content, and anything in it is not ours to delete
  rmdirSync(paths.lock);
  if (readOwner(paths.owner)?.pid === owner.pid) unlinkSync(paths.owner);
  return true;
}

/**
 * Locks every path (sorted, so that two commands never wait for each other crosswise), waiting up to
 * HELMFORGE_LOCK_WAIT seconds for each. `show` words a path for messages.
 */
export async function acquireLocks(requests: LockRequest[], command: string, show: (path: string) => string): Promise<HeldLocks> {
  const deadline = Date.now() + waitMs();
  const releases: { path: string; owner: string; release: () => Promise<void> }[] = [];
  let lost: Error | undefined;
  const releaseAll = async (): Promise<void> => {
    for (const r of releases.splice(0).reverse()) {
      // the lock first, then its owner file (unless the next holder has written its own there meanwhile): a signal
      // between the two leaves nothing, as the exit handler still knows the path
      await r.release().catch(() => undefined);
      held.delete(r.path);
      if (readOwner(r.owner)?.pid === process.pid) unlinkSync(r.owner);
    }
  };
  try {
    for (const request of [...requests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
      const path = resolve(request.path);
      if (held.has(path)) continue;
      const paths = lockPaths(path);
      if (request.optional === true && !existsSync(dirname(path))) continue;
      mkdirSync(dirname(path), { recursive: true });
      for (;;) {
        try {
          const release = await lockfile.lock(path, {
            lockfilePath: paths.lock,
            realpath: false,
            stale: STALE_MS,
            retries: 0,
            onCompromised: (error) => (lost = error),
          });
          const owner: Owner = { pid: process.pid, host: hostname(), command, verb: request.verb };
          writeFileSync(paths.owner, `${JSON.stringify(owner)}\n`);
          releases.push({ path, owner: paths.owner, release });
          held.add(path);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
          if (removeIfOwnerDead(paths)) continue;
          if (Date.now() >= deadline) {
            const owner = readOwner(paths.owner);
            const who = owner ? `helmforge ${owner.command} (pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}) is ${owner.verb}` : 'helmforge command is writing';
            throw new HelmforgeError(
              `another ${who} ${show(path)}: wait until it has finished and run this again (if no helmforge is running, remove ${show(paths.lock)})`,
            );
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
  } catch (error) {
    await releaseAll();
    throw error;
  }
  if (releases.length > 0) await asyncCheckpoint('locked');
  return {
    assertHeld() {
      if (lost !== undefined) throw new HelmforgeError(`lost the lock on what this command writes (${lost.message}); nothing was replaced: run it again`);
    },
    release: releaseAll,
  };
}

/** Runs `work` holding the locks, released afterwards whatever happens. */
export async function withLocks<T>(requests: LockRequest[], command: string, show: (path: string) => string, work: (locks: HeldLocks) => Promise<T> | T): Promise<T> {
  const locks = await acquireLocks(requests, command, show);
  try {
    return await work(locks);
  } finally {
    await locks.release();
  }
}
