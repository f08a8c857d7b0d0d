import { intOrPercentValue } from '../k8s/intstr.js';
import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const pdbMaxUnavailable: Rule = {
  id: 'pdb-max-unavailable',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['PodDisruptionBudget'],
  description: 'A PodDisruptionBudget with `maxUnavailable: 0` (or 0%) forbids every voluntary eviction: node drains and cluster upgrades hang until someone deletes it.',
  remediation: 'Set `maxUnavailable` to at least 1.',
  kubeLinter: ['pdb-max-unavailable'],
  polaris: ['pdbDisruptionsIsZero'],
  check(release, report) {
    for (const pdb of release.ofKind('PodDisruptionBudget')) {
      const v = rec(pdb.value.spec)?.maxUnavailable;
      if (v === undefined || v === null) continue;
      const parsed = intOrPercentValue(v);
      if (parsed === undefined) report(pdb, '/spec/maxUnavailable', `maxUnavailable has an invalid value (${String(v)})`);
      else if (parsed.value === 0) report(pdb, '/spec/maxUnavailable', 'maxUnavailable is 0: no pod may ever be evicted', { evidence: v as string | number });
    }
  },
};
