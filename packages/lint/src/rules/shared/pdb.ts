// What a PodDisruptionBudget selects: the workloads of its namespace whose pods its selector matches.
import { labelSelector, matches, type Selector } from '../../k8s/selector.js';
import { rec, stringMap } from '../../k8s/values.js';
import { DEPLOYMENT_LIKE, replicasOf, workloadSelector } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';

export function pdbSelector(pdb: ReleaseObject): Selector | undefined {
  return labelSelector(rec(pdb.value.spec)?.selector);
}

/**
 * Workloads with replicas that the PDB covers: as kube-linter decides it, those whose own selector's matchLabels the
 * PDB's selector matches.
 */
export function selectedWorkloads(release: Release, pdb: ReleaseObject, s: Selector): ReleaseObject[] {
  return release.ofKind(...DEPLOYMENT_LIKE).filter((o) => {
    if (o.namespace !== pdb.namespace || replicasOf(o.kind, o.value) === undefined) return false;
    const ws = workloadSelector(o.kind, o.value);
    if (ws === undefined) return false;
    return matches(s, ws.plainMap ? stringMap(ws.selector) : stringMap(rec(ws.selector)?.matchLabels));
  });
}

/** The replica floor of a workload: an HPA's minReplicas when one targets it, else its replicas. */
export function minReplicas(release: Release, o: ReleaseObject): number {
  const replicas = replicasOf(o.kind, o.value) ?? 1;
  for (const hpa of release.ofKind('HorizontalPodAutoscaler')) {
    const spec = rec(hpa.value.spec);
    const ref = rec(spec?.scaleTargetRef);
    if (hpa.namespace === o.namespace && ref?.name === o.name && ref.kind === o.kind) return typeof spec?.minReplicas === 'number' ? spec.minReplicas : 1;
  }
  return replicas;
}
