import { intOrPercentValue } from '../k8s/intstr.js';
import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { minReplicas, pdbSelector, selectedWorkloads } from './shared/pdb.js';

export const pdbMinAvailable: Rule = {
  id: 'pdb-min-available',
  category: 'reliability',
  severity: 'warning',
  kinds: ['PodDisruptionBudget'],
  description:
    'A PodDisruptionBudget whose `minAvailable` is 100% or at least the replica count of a workload it selects (its HPA\'s minReplicas when it has one) never allows an eviction: drains and upgrades hang.',
  remediation: 'Set `minAvailable` below the replica count, or use `maxUnavailable: 1`.',
  kubeLinter: ['pdb-min-available'],
  polaris: ['pdbMinAvailableGreaterThanHPAMinReplicas'],
  check(release, report) {
    for (const pdb of release.ofKind('PodDisruptionBudget')) {
      const raw = rec(pdb.value.spec)?.minAvailable;
      if (raw === undefined || raw === null) continue;
      const v = intOrPercentValue(raw);
      if (v === undefined) {
        report(pdb, '/spec/minAvailable', `minAvailable has an invalid value (${String(raw)})`);
        continue;
      }
      if (v.percent && v.value >= 100) {
        report(pdb, '/spec/minAvailable', 'minAvailable is 100% of the replicas: no pod may ever be evicted', { evidence: raw as string });
        continue;
      }
      const s = pdbSelector(pdb);
      if (s === undefined) continue;
      for (const w of selectedWorkloads(release, pdb, s)) {
        const replicas = minReplicas(release, w);
        const min = v.percent ? Math.ceil((replicas * v.value) / 100) : v.value;
        if (replicas <= min) report(pdb, '/spec/minAvailable', `${w} has ${replicas} replica${replicas === 1 ? '' : 's'}, not more than minAvailable ${String(raw)}: no pod may ever be evicted`, { evidence: raw as string | number });
      }
    }
  },
};
