// Named steps of helmforge's write sequences, with a test-only fault hook: the crash-safety tests run a real child
// process that stops at one step, then check what the next run finds on disk.
//   HELMFORGE_TEST_TRACE=FILE        appends each step's name to FILE (to learn the sequence)
//   HELMFORGE_TEST_CRASH_AT=STEP     SIGKILLs this process when it reaches STEP (as `kill -9` would)
//   HELMFORGE_TEST_PAUSE_AT=STEP     writes `paused at STEP` on stderr and waits there until the file
//   HELMFORGE_TEST_RESUME_FILE=FILE  exists (a writer that holds its locks, for the locking tests)
import { appendFileSync, existsSync } from 'node:fs';

/** Trace and crash; true when the process should pause here. */
function reached(step: string): boolean {
  const env = process.env;
  if (env.HELMFORGE_TEST_TRACE) appendFileSync(env.HELMFORGE_TEST_TRACE, `${step}\n`);
  if (env.HELMFORGE_TEST_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
  if (env.HELMFORGE_TEST_PAUSE_AT !== step) return false;
  process.stderr.write(`paused at ${step}\n`);
  return true;
}

const resumed = () => existsSync(process.env.HELMFORGE_TEST_RESUME_FILE ?? '');

/** A step inside synchronous code: a pause there blocks the whole process (signals wait too). */
export function checkpoint(step: string): void {
  if (!reached(step)) return;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (!resumed()) Atomics.wait(nap, 0, 0, 20);
}

/** A step in asynchronous code: a pause there keeps the process responsive (timers run, signals are handled). */
export async function asyncCheckpoint(step: string): Promise<void> {
  if (!reached(step)) return;
  while (!resumed()) await new Promise((r) => setTimeout(r, 20));
}
