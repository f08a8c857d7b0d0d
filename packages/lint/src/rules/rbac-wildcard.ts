import type { Rule } from '../types.js';
import { policyRules } from './shared/rbac.js';

export const rbacWildcard: Rule = {
  id: 'rbac-wildcard',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['Role', 'ClusterRole'],
  description:
    'A `*` in a rule\'s resources or verbs grants everything, including resources and verbs added later by CRDs and new Kubernetes versions (CIS Benchmark 5.1.3).',
  remediation: 'List the resources and verbs the subject needs.',
  kubeLinter: ['wildcard-in-rules'],
  check(release, report) {
    for (const role of release.ofKind('Role', 'ClusterRole')) {
      for (const r of policyRules(role)) {
        r.resources.forEach((x, i) => x === '*' && report(role, `${r.at}/resources/${i}`, 'wildcard "*" in resource specification'));
        r.verbs.forEach((x, i) => x === '*' && report(role, `${r.at}/verbs/${i}`, 'wildcard "*" in verb specification'));
      }
    }
  },
};
