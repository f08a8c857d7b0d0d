import type { Rule } from '../types.js';
import { flagAccess } from './shared/access-to-resources.js';

export const accessToSecrets: Rule = {
  id: 'access-to-secrets',
  category: 'security',
  severity: 'warning',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  description:
    'Reading Secrets reads every password, token and key in their scope, including other ServiceAccounts\' tokens: a step to privilege escalation (CIS Benchmark 5.1.2). Flags bindings whose Role or ClusterRole (in the release) grants get, list, watch, create, delete or `*` on secrets.',
  remediation: 'Remove the access to secrets, or narrow it with `resourceNames` to the Secrets the subject needs.',
  kubeLinter: ['access-to-secrets'],
  check(release, report) {
    flagAccess(release, report, [/^secrets$/], [/^get$/, /^list$/, /^delete$/, /^create$/, /^watch$/], 'secrets');
  },
};
