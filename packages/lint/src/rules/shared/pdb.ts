// What a PodDisruptionBudget selects: the workloads of its namespace whose pods its selector matches.
import { LabelIndex, labelSelector, type Selector } from '../../k8s/selector.js';
import { rec, stringMap } from '../../k8s/values.js';
import { DEPLOYMENT_LIKE, replicasOf, workloadSelector } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';

export function pdbSelector(pdb: ReleaseObject): Selector | undefined {
  return labelSelector(rec(pdb.value.spec)?.selector);
}

/**
 * Per release, worked out when a PDB rule first asks (both PDB rules ask for every PDB: without it, each PDB would look
 * at every workload and every HPA): the workloads with replicas and a selector by namespace and by the labels of their
 * own selector, and the minReplicas of the first HPA that targets each workload.
 */
interface Index {
  workloads: LabelIndex<ReleaseObject>;
  hpaMin: Map<string, number>;
}

const indexes = new WeakMap<Release, Index>();

const hpaKey = (namespace: string, kind: string, name: string) => JSON.stringify([namespace, kind, name]);

function indexOf(release: Release): Index {
  let index = indexes.get(release);
  if (index !== undefined) return index;
  index = { workloads: new LabelIndex(), hpaMin: new Map() };
  for (const o of release.ofKind(...DEPLOYMENT_LIKE)) {
    if (replicasOf(o.kind, o.value) === undefined) continue;
    const ws = workloadSelector(o.kind, o.value);
    if (ws === undefined) continue;
    index.workloads.add(o.namespace, ws.plainMap ? stringMap(ws.selector) : stringMap(rec(ws.selector)?.matchLabels), o);
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
  return indexOf(release).workloads.matching(pdb.namespace, s);
}

/** The replica floor of a workload: an HPA's minReplicas when one targets it, else its replicas. */
export function minReplicas(release: Release, o: ReleaseObject): number {
  return indexOf(release).hpaMin.get(hpaKey(o.namespace, o.kind, o.name)) ?? replicasOf(o.kind, o.value) ?? 1;
}
