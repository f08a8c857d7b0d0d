// One writer at a time: a second generate, package or push waits a bounded time for the lock on what it writes, then
// names the run that holds it; a lock whose holder was killed is taken over. The holder is a real generate (or
// package) paused inside its write sequence by the test-only hook HELMFORGE_TEST_PAUSE_AT.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree } from '@helmforge/core';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { BIN, helmforge, workspace, writeChangedStack } from './support.js';

const HELM = join(REPO_ROOT, '.tools', 'helm-4', 'helm');
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** Starts `helmforge args` in `dir` and resolves once it is paused at `step`; it goes on when `resume` is created. */
function pausedAt(step: string, dir: string, args: string[]): Promise<{ child: ChildProcess; resume: string; done: Promise<number | null> }> {
  const resume = join(dir, `resume-${running.length}`);
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    // a temporary folder of its own: a holder killed with SIGKILL cannot remove its temporary directories
    env: { ...process.env, HELM_BIN: HELM, HELMFORGE_TEST_PAUSE_AT: step, HELMFORGE_TEST_RESUME_FILE: resume, TMPDIR: tempDir('holder-tmp') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes(`paused at ${step}`)) resolve({ child, resume, done });
    });
    void done.then((code) => reject(new Error(`helmforge ${args.join(' ')} ended (${code}) before pausing at ${step}: ${err}`)));
  });
}

/** A workspace whose charts/platform and schemas are generated, with new.yaml (one more application) beside. */
function generated(): string {
  const dir = workspace();
  writeChangedStack(join(dir, 'new.yaml'));
  expect(helmforge(['generate'], dir).status).toBe(0);
  return dir;
}

describe('one helmforge writer at a time', () => {
  it('a second generate waits a bounded time, then names the run that holds the lock; nothing changes', async () => {
    const dir = generated();
    const before = readTree(dir);
    const holder = await pausedAt('journal', dir, ['generate', '--config', 'new.yaml']);
    const started = Date.now();
    const second = helmforge(['generate'], dir, { HELMFORGE_LOCK_WAIT: '1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(second.stderr).toBe(
      `helmforge generate: another helmforge generate (pid ${holder.child.pid}) is writing charts/platform: wait until it has finished and run this again (if no helmforge is running, remove charts/.platform.helmforge-lock)\n`,
    );
    expect(second.status).toBe(1);
    writeFileSync(holder.resume, '');
    expect(await holder.done).toBe(0);
    const after = readTree(dir);
    expect(after.get('charts/platform/Chart.yaml')).not.toBe(before.get('charts/platform/Chart.yaml'));
  });

  it('a second generate that may wait long enough goes on once the first has finished', async () => {
    const dir = generated();
    const holder = await pausedAt('install:platform', dir, ['generate', '--config', 'new.yaml']);
    const second = new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'generate'], { cwd: dir, env: { ...process.env, HELMFORGE_LOCK_WAIT: '60' }, stdio: ['ignore', 'ignore', 'pipe'] });
      running.push(child);
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => resolve({ code, err }));
    });
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(holder.resume, '');
    expect(await holder.done).toBe(0);
    expect(await second).toEqual({ code: 0, err: '' });
    // the second run (the committed stack) wrote last
    expect(helmforge(['generate', '--check'], dir).status).toBe(0);
  });

  it('the lock of a generate that was killed is taken over at once, and its half-done swap rolled back', async () => {
    const dir = generated();
    const before = readTree(dir);
    const holder = await pausedAt('install:platform', dir, ['generate', '--config', 'new.yaml']);
    holder.child.kill('SIGKILL');
    await holder.done;
    expect(readdirSync(join(dir, 'charts'))).toContain('.platform.helmforge-lock');
    const next = helmforge(['generate', '--check'], dir, { HELMFORGE_LOCK_WAIT: '0' });
    expect(next.stderr).toBe('recovered an interrupted helmforge run: rolled back charts/platform, schemas\n');
    expect(next.status).toBe(0);
    expect(readTree(dir)).toEqual(before);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['platform']);
  });

  it('package and push wait for a generate, and generate for a package', async () => {
    const dir = generated();
    const generating = await pausedAt('journal', dir, ['generate']);
    const lockedBy = (pid: number | undefined, verb: string) => new RegExp(`another helmforge ${verb.split(' ')[0]} \\(pid ${pid}\\) is ${verb.split(' ')[1]} charts/platform`);
    const packaging = helmforge(['package', '-d', 'dist'], dir, { HELMFORGE_LOCK_WAIT: '0', HELM_BIN: HELM });
    expect(packaging.stderr).toMatch(lockedBy(generating.child.pid, 'generate writing'));
    expect(packaging.status).toBe(1);
    const pushing = helmforge(['push', 'oci://127.0.0.1:1/charts'], dir, { HELMFORGE_LOCK_WAIT: '0', HELM_BIN: HELM });
    expect(pushing.stderr).toMatch(lockedBy(generating.child.pid, 'generate writing'));
    expect(pushing.status).toBe(1);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    writeFileSync(generating.resume, '');
    expect(await generating.done).toBe(0);

    cpSync(join(dir, 'helmforge.yaml'), join(dir, 'again.yaml'));
    const pkg = await pausedAt('locked', dir, ['package', '-d', 'dist']);
    const generate = helmforge(['generate', '--config', 'again.yaml'], dir, { HELMFORGE_LOCK_WAIT: '0' });
    expect(generate.stderr).toMatch(lockedBy(pkg.child.pid, 'package packaging'));
    expect(generate.status).toBe(1);
  });
});
