// What a PodDisruptionBudget selects: the workloads of its namespace whose pods its selector matches.
import { labelSelector, matches, type Selector } from '../../k8s/selector.js';
import { rec, stringMap } from '../../k8s/values.js';
import { DEPLOYMENT_LIKE, replicasOf, workloadSelector } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';

export function pdbSelector(pdb: ReleaseObject): Selector | undefined {
  return labelSelector(rec(pdb.value.spec)?.selector);
}

interface Workload {
  o: ReleaseObject;
  /** The workload's own selector's matchLabels (what a PDB's selector is matched against). */
  labels: Record<string, string>;
}

/**
 * Per release, worked out when a PDB rule first asks (both PDB rules ask for every PDB: without it, each PDB would look
 * at every workload and every HPA): the workloads with replicas and a selector by namespace (all, and by `key=value`
 * of each selector label, in release order), and the minReplicas of the first HPA that targets each workload.
 */
interface Index {
  workloads: Map<string, { all: Workload[]; byLabel: Map<string, Workload[]> }>;
  hpaMin: Map<string, number>;
}

const indexes = new WeakMap<Release, Index>();

const hpaKey = (namespace: string, kind: string, name: string) => JSON.stringify([namespace, kind, name]);

function indexOf(release: Release): Index {
  let index = indexes.get(release);
  if (index !== undefined) return index;
  index = { workloads: new Map(), hpaMin: new Map() };
  for (const o of release.ofKind(...DEPLOYMENT_LIKE)) {
    if (replicasOf(o.kind, o.value) === undefined) continue;
    const ws = workloadSelector(o.kind, o.value);
    if (ws === undefined) continue;
    const w = { o, labels: ws.plainMap ? stringMap(ws.selector) : stringMap(rec(ws.selector)?.matchLabels) };
    let ns = index.workloads.get(o.namespace);
    if (ns === undefined) index.workloads.set(o.namespace, (ns = { all: [], byLabel: new Map() }));
    ns.all.push(w);
    for (const [k, v] of Object.entries(w.labels)) {
      const key = `${k}=${v}`;
      const l = ns.byLabel.get(key);
      if (l === undefined) ns.byLabel.set(key, [w]);
      else if (l.at(-1) !== w) l.push(w); // ('a=b': 'c' and 'a': 'b=c' make one key)
    }
  }
  for (const hpa of release.ofKind('HorizontalPodAutoscaler')) {
    const spec = rec(hpa.value.spec);
    const ref = rec(spec?.scaleTargetRef);
    if (typeof ref?.kind !== 'string' || typeof ref.name !== 'string') continue;
    const key = hpaKey(hpa.namespace, ref.kind, ref.name);
    if (!index.hpaMin.has(key)) index.hpaMin.set(key, typeof spec?.minReplicas === 'number' ? spec.minReplicas : 1);
  }
  indexes.set(release, index);
  return index;
}

/**
 * Workloads with replicas that the PDB covers: as kube-linter decides it, those whose own selector's matchLabels the
 * PDB's selector matches.
 */
export function selectedWorkloads(release: Release, pdb: ReleaseObject, s: Selector): ReleaseObject[] {
  const ns = indexOf(release).workloads.get(pdb.namespace);
  if (ns === undefined) return [];
  // a workload the selector matches has the selector's first matchLabel
  const first = Object.entries(s.matchLabels)[0];
  const candidates = first === undefined ? ns.all : (ns.byLabel.get(`${first[0]}=${first[1]}`) ?? []);
  return candidates.filter((w) => matches(s, w.labels)).map((w) => w.o);
}

/** The replica floor of a workload: an HPA's minReplicas when one targets it, else its replicas. */
export function minReplicas(release: Release, o: ReleaseObject): number {
  return indexOf(release).hpaMin.get(hpaKey(o.namespace, o.kind, o.name)) ?? replicasOf(o.kind, o.value) ?? 1;
}
