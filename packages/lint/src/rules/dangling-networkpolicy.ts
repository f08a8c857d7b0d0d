import { describeSelector, labelSelector } from '../k8s/selector.js';
import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const danglingNetworkPolicy: Rule = {
  id: 'dangling-networkpolicy',
  category: 'cross-resource',
  severity: 'warning',
  kinds: ['NetworkPolicy'],
  description: 'A NetworkPolicy whose `podSelector` matches the pod labels of no workload in its namespace isolates nothing: the pods it was written for stay open.',
  remediation: 'Make podSelector match the workload\'s pod template labels.',
  kubeLinter: ['dangling-networkpolicy'],
  kubeScore: ['networkpolicy-targets-pod'],
  check(release, report) {
    for (const np of release.ofKind('NetworkPolicy')) {
      const s = labelSelector(rec(np.value.spec)?.podSelector) ?? { matchLabels: {}, matchExpressions: [] };
      if (release.podsMatching(np.namespace, s).length === 0) {
        report(np, '/spec/podSelector', `no pods found matching the podSelector (${describeSelector(s)})`);
      }
    }
  },
};
