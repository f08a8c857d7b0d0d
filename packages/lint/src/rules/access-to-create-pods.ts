import type { Rule } from '../types.js';
import { flagAccess } from './shared/access-to-resources.js';

export const accessToCreatePods: Rule = {
  id: 'access-to-create-pods',
  category: 'security',
  severity: 'warning',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  description:
    'Whoever can create pods (directly or through Deployments, StatefulSets, ReplicaSets, DaemonSets, Jobs or CronJobs) can run them as any ServiceAccount of the namespace and mount its Secrets (CIS Benchmark 5.1.4). Flags bindings whose role grants create on those resources.',
  remediation: 'Remove create access to pod-creating resources where possible.',
  enabledByDefault: false,
  kubeLinter: ['access-to-create-pods'],
  check(release, report) {
    flagAccess(release, report, [/^pods$/, /^deployments$/, /^statefulsets$/, /^replicasets$/, /^cronjob$/, /^jobs$/, /^daemonsets$/], [/^create$/], 'pod creation');
  },
};
