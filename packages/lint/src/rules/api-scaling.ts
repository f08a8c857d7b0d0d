import { num, rec } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { invalid } from './shared/api.js';

export const apiScaling: Rule = {
  id: 'api-scaling',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler', 'PodDisruptionBudget'],
  description:
    'Autoscalers and disruption budgets the API server refuses: a HorizontalPodAutoscaler with minReplicas below 1 or maxReplicas below minReplicas, and a PodDisruptionBudget that sets both minAvailable and maxUnavailable.',
  remediation: 'Keep 1 ≤ minReplicas ≤ maxReplicas; give a PodDisruptionBudget either minAvailable or maxUnavailable.',
  check(release, report) {
    for (const hpa of release.ofKind('HorizontalPodAutoscaler')) {
      const spec = rec(hpa.value.spec) ?? {};
      const min = num(spec.minReplicas);
      const max = num(spec.maxReplicas);
      if (min !== undefined && min < 1) report(hpa, '/spec/minReplicas', invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
      if (max !== undefined && max < (min ?? 1)) report(hpa, '/spec/maxReplicas', invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
    }
    for (const pdb of release.ofKind('PodDisruptionBudget')) {
      const spec = rec(pdb.value.spec) ?? {};
      if (spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
        report(pdb, '/spec', invalid('spec', '', 'minAvailable and maxUnavailable cannot be both set'));
      }
    }
  },
};
