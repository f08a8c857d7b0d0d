// Crash safety of `helmforge generate`, proved with real processes: a child generate is SIGKILLed at each step of its
// write sequence (the test-only hook HELMFORGE_TEST_CRASH_AT), then the next helmforge command must find, for both
// charts/platform and schemas, the old tree or the new one — complete, with nothing left beside them.
import { describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTree, type FileTree } from '@helmforge/core';
import { tempDir } from '../../../tools/testkit/temp.js';
import { helmforge, workspace, writeChangedStack } from './support.js';

/** Both output trees of a workspace, keyed by their path in it. */
function outputs(dir: string): FileTree {
  const out: FileTree = new Map();
  for (const tree of ['charts/platform', 'schemas']) for (const [p, c] of readTree(join(dir, tree))) out.set(`${tree}/${p}`, c);
  return out;
}

/** Everything in the workspace, the charts/ folder included: leftovers (siblings, journals, locks) show up here. */
const entries = (dir: string) => ({ top: readdirSync(dir).sort(), charts: readdirSync(join(dir, 'charts')).sort() });

/** A workspace generated from the committed stack, holding old.yaml (that stack) and new.yaml (one more app). */
function generatedWorkspace(): string {
  const dir = workspace();
  cpSync(join(dir, 'helmforge.yaml'), join(dir, 'old.yaml'));
  writeChangedStack(join(dir, 'new.yaml'));
  expect(helmforge(['generate', '--config', 'old.yaml'], dir).status).toBe(0);
  return dir;
}

describe('generate killed at every step of its write sequence', () => {
  const reference = generatedWorkspace();
  const before = outputs(reference);
  const traceFile = join(tempDir('trace'), 'steps');
  const traced = helmforge(['generate', '--config', 'new.yaml'], reference, { HELMFORGE_TEST_TRACE: traceFile });
  expect(traced.status).toBe(0);
  const after = outputs(reference);
  const steps = readFileSync(traceFile, 'utf8').trim().split('\n');

  it('has the sequence the test walks: lock, stage both trees, journal, swap both, commit, clean up', () => {
    expect(steps).toEqual([
      'locked',
      'stage:platform', 'stage-half:platform', 'staged:platform',
      'stage:schemas', 'stage-half:schemas', 'staged:schemas',
      'journal',
      'backup:platform', 'install:platform', 'backup:schemas', 'install:schemas',
      'commit',
      'cleanup:platform', 'cleanup:schemas',
      'done',
    ]);
    // the new stack changes both trees, so that old and new can be told apart
    expect(after.get('charts/platform/Chart.yaml')).not.toBe(before.get('charts/platform/Chart.yaml'));
    expect(after.get('schemas/platform.values.schema.json')).not.toBe(before.get('schemas/platform.values.schema.json'));
  });

  it.each(steps.map((step, i) => [step, i >= steps.indexOf('commit') ? 'new' : 'old'] as const))(
    'killed at %s: the next command finds the %s trees, complete, and nothing beside them',
    (step, expected) => {
      const dir = generatedWorkspace();
      const clean = entries(dir);
      const killed = helmforge(['generate', '--config', 'new.yaml'], dir, { HELMFORGE_TEST_CRASH_AT: step });
      expect(killed.signal).toBe('SIGKILL');
      // the next helmforge command recovers the interrupted run before it looks
      const check = helmforge(['generate', '--check', '--config', `${expected}.yaml`], dir);
      expect(check.stderr).toMatch(step === 'locked' || step.startsWith('stage') || step === 'done' ? /^$/ : /^recovered an interrupted helmforge run: (rolled back|finished) charts\/platform, schemas\n$/);
      expect(check.status).toBe(0);
      expect(outputs(dir)).toEqual(expected === 'new' ? after : before);
      expect(entries(dir)).toEqual(clean);
      // and the interrupted generate can simply be run again
      expect(helmforge(['generate', '--config', 'new.yaml'], dir).status).toBe(0);
      expect(outputs(dir)).toEqual(after);
    },
  );

  it('a crash while recovering is recovered by the run after it', () => {
    const dir = generatedWorkspace();
    const clean = entries(dir);
    expect(helmforge(['generate', '--config', 'new.yaml'], dir, { HELMFORGE_TEST_CRASH_AT: 'install:schemas' }).signal).toBe('SIGKILL');
    expect(helmforge(['generate', '--check', '--config', 'old.yaml'], dir, { HELMFORGE_TEST_CRASH_AT: 'rollback:schemas' }).signal).toBe('SIGKILL');
    expect(helmforge(['generate', '--check', '--config', 'old.yaml'], dir).status).toBe(0);
    expect(outputs(dir)).toEqual(before);
    expect(entries(dir)).toEqual(clean);
  });

  it.each([
    ['stage-half:schemas', 'no trees', 1],
    ['install:platform', 'no trees', 1],
    ['commit', 'the new trees', 0],
  ] as const)('a first generate killed at %s: the next command finds %s', (step, found, checkStatus) => {
    const dir = workspace();
    expect(helmforge(['generate'], dir, { HELMFORGE_TEST_CRASH_AT: step }).signal).toBe('SIGKILL');
    expect(helmforge(['generate', '--check'], dir).status).toBe(checkStatus);
    expect(outputs(dir)).toEqual(found === 'no trees' ? new Map() : before);
  });
});
