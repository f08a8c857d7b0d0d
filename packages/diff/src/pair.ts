// Pairs the objects of two releases. The same identity is an update; what is left on both sides may still be
// one object taking another's place — the same name under another kind or namespace, or the same template
// rendering it under another name (a nameOverride, a renamed volume) — which Helm carries out as a create and a
// delete, with consequences (pods dropped at once, data left behind) that the verdicts spell out.
import { diffValues } from './changes.js';
import type { Json, Release, ReleaseObject } from './objects.js';

export type PairKind = 'same' | 'kind' | 'namespace' | 'renamed' | 'added' | 'removed';

export interface Pair {
  how: PairKind;
  old?: ReleaseObject;
  new?: ReleaseObject;
}

/** Share of the leaves of two objects (metadata aside) that are equal: 1 for copies, 0 for nothing in common. */
function similarity(a: ReleaseObject, b: ReleaseObject): number {
  const body = (o: ReleaseObject): Json => Object.fromEntries(Object.entries(o.body).filter(([k]) => k !== 'metadata'));
  const leaves = (v: Json): number => (v !== null && typeof v === 'object' ? Object.values(v).reduce<number>((n, x) => n + leaves(x), 0) : 1);
  const total = Math.max(leaves(body(a)), leaves(body(b)), 1);
  return Math.max(0, 1 - diffValues(body(a), body(b)).length / total);
}

/** Objects renamed in the same template: the closest pairs first, each object at most once. */
function matchRenames(removed: ReleaseObject[], added: ReleaseObject[]): [ReleaseObject, ReleaseObject][] {
  const candidates: { score: number; r: ReleaseObject; a: ReleaseObject }[] = [];
  for (const r of removed) {
    for (const a of added) {
      if (r.source === undefined || r.source !== a.source || r.group !== a.group || r.kind !== a.kind || r.namespace !== a.namespace) continue;
      candidates.push({ score: similarity(r, a), r, a });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.r.name.localeCompare(y.r.name));
  const used = new Set<ReleaseObject>();
  const out: [ReleaseObject, ReleaseObject][] = [];
  for (const c of candidates) {
    if (used.has(c.r) || used.has(c.a)) continue;
    used.add(c.r).add(c.a);
    out.push([c.r, c.a]);
  }
  return out;
}

// Kinds that can stand in for one another: a workload for a workload, a config object for a config object.
const FAMILIES: Record<string, string> = {
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  ReplicaSet: 'workload',
  Job: 'workload',
  CronJob: 'workload',
  Pod: 'workload',
  ConfigMap: 'config',
  Secret: 'config',
};
const familyOf = (o: ReleaseObject): string | undefined => FAMILIES[o.kind];

export function pairObjects(old: Release, next: Release): Pair[] {
  const pairs: Pair[] = [];
  const removed: ReleaseObject[] = [];
  for (const o of old.objects.values()) {
    const n = next.objects.get(o.key);
    if (n !== undefined) pairs.push({ how: 'same', old: o, new: n });
    else removed.push(o);
  }
  let added = [...next.objects.values()].filter((n) => !old.objects.has(n.key));
  const take = (how: PairKind, match: (r: ReleaseObject, a: ReleaseObject) => boolean) => {
    for (const r of [...removed]) {
      const a = added.find((x) => match(r, x));
      if (a === undefined) continue;
      pairs.push({ how, old: r, new: a });
      removed.splice(removed.indexOf(r), 1);
      added = added.filter((x) => x !== a);
    }
  };
  // a kind change under the same name, from the same chart, within a family (Deployment → StatefulSet)
  take('kind', (r, a) => r.name === a.name && r.namespace === a.namespace && r.kind !== a.kind && r.component === a.component && familyOf(r) !== undefined && familyOf(r) === familyOf(a));
  // the same object moved to another namespace
  take('namespace', (r, a) => r.name === a.name && r.group === a.group && r.kind === a.kind && r.namespace !== a.namespace);
  for (const [r, a] of matchRenames(removed, added)) {
    pairs.push({ how: 'renamed', old: r, new: a });
    removed.splice(removed.indexOf(r), 1);
    added = added.filter((x) => x !== a);
  }
  for (const r of removed) pairs.push({ how: 'removed', old: r });
  for (const a of added) pairs.push({ how: 'added', new: a });
  return pairs;
}
