import type { Rule } from '../types.js';
import { minReplicas, pdbSelector, selectedWorkloads } from './shared/pdb.js';

export const singleReplicaPdb: Rule = {
  id: 'single-replica-pdb',
  category: 'reliability',
  severity: 'warning',
  kinds: ['PodDisruptionBudget', 'DeploymentLike'],
  description:
    'A PodDisruptionBudget over a workload with a single replica either blocks every drain (minAvailable 1) or protects nothing: with one pod, any eviction is an outage. Flags workloads with one replica (or an HPA minReplicas of 1) that a PodDisruptionBudget selects.',
  remediation: 'Run at least two replicas (and spread them over nodes), or drop the PodDisruptionBudget.',
  check(release, report) {
    for (const pdb of release.ofKind('PodDisruptionBudget')) {
      const s = pdbSelector(pdb);
      if (s === undefined) continue;
      for (const w of selectedWorkloads(release, pdb, s)) {
        if (minReplicas(release, w) === 1) report(w, '/spec/replicas', `one replica, yet PodDisruptionBudget "${pdb.name}" selects it`);
      }
    }
  },
};
