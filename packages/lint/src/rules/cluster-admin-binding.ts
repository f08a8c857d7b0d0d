import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const clusterAdminBinding: Rule = {
  id: 'cluster-admin-binding',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['ClusterRoleBinding'],
  description: 'Binding the `cluster-admin` ClusterRole gives its subjects every permission on every resource in every namespace (CIS Benchmark 5.1.1).',
  remediation: 'Bind a role that grants only the resources and verbs the subjects need.',
  kubeLinter: ['cluster-admin-role-binding'],
  polaris: ['clusterrolebindingClusterAdmin'],
  check(release, report) {
    for (const b of release.ofKind('ClusterRoleBinding')) {
      const ref = rec(b.value.roleRef);
      if (ref?.kind === 'ClusterRole' && ref.name === 'cluster-admin') report(b, '/roleRef/name', 'the cluster-admin role is bound to this binding\'s subjects');
    }
  },
};
