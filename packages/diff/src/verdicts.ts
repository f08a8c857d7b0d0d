// What an upgrade does to one object, from the worst to the most harmless. Each finding carries its reason and,
// where there is one, the remedy and the API rule it comes from.
import type { Change } from './changes.js';
import type { ReleaseObject } from './objects.js';

export const VERDICTS = ['will-fail', 'data-loss', 'replaced', 'restart', 'changed', 'added', 'removed', 'unchanged'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts that make `helmforge diff` exit 1 whatever `--fail-on` says. */
export const ALWAYS_FAILING: readonly Verdict[] = ['will-fail', 'data-loss'];

export const VERDICT_TITLES: Record<Verdict, string> = {
  'will-fail': 'will fail',
  'data-loss': 'data loss',
  replaced: 'replaced',
  restart: 'restarts',
  changed: 'changed',
  added: 'added',
  removed: 'removed',
  unchanged: 'unchanged',
};

export function worse(a: Verdict, b: Verdict): Verdict {
  return VERDICTS.indexOf(a) <= VERDICTS.indexOf(b) ? a : b;
}

export interface Finding {
  verdict: Verdict;
  /** What will happen and why, in a sentence. */
  reason: string;
  /** What to do instead, when something can be done. */
  remedy?: string;
  /** The field it is about, as a path (`spec.selector`). */
  field?: string;
  /** The Kubernetes or Helm rule it comes from (function and source file). */
  rule?: string;
}

export interface ObjectDiff {
  /** How the object pairs up: same identity (`changed`/`unchanged`), only in one render, or replaced by another. */
  change: 'changed' | 'unchanged' | 'added' | 'removed' | 'replaced';
  /** The worst of its findings (`changed`/`added`/… when it has none). */
  verdict: Verdict;
  old?: ReleaseObject;
  new?: ReleaseObject;
  findings: Finding[];
  /** Path-level changes, generated values and Secret data masked. */
  changes: Change[];
  /** Paths whose values are generated at render time (they differ between two renders of the same chart). */
  masked: string[];
}

export interface HookRun {
  hook: ReleaseObject;
  /** The upgrade events it runs on: pre-upgrade, post-upgrade. */
  events: string[];
  reason: string;
}

export interface ReleaseDiff {
  objects: ObjectDiff[];
  /** Hooks that `helm upgrade` runs, in order. */
  hooks: HookRun[];
  /** Count of objects per verdict. */
  summary: Record<Verdict, number>;
}

/** The object a diff is about: the new one when there is one. */
export function subject(d: ObjectDiff): ReleaseObject {
  return (d.new ?? d.old) as ReleaseObject;
}
