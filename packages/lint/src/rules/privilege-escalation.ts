import { list, rec } from '../k8s/values.js';
import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const privilegeEscalation: Rule = {
  id: 'privilege-escalation',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A container that may gain more privileges than its parent process (setuid binaries, file capabilities) turns a compromised process into root. Flags containers with `allowPrivilegeEscalation: true`, with `privileged: true`, or that add `SYS_ADMIN` (the same containers kube-linter flags).',
  remediation: 'Set `allowPrivilegeEscalation: false` in the container securityContext, and do not run it privileged or with `SYS_ADMIN`.',
  kubeLinter: ['privilege-escalation-container'],
  polaris: ['privilegeEscalationAllowed'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      const sc = securityContext(c.c);
      if (sc === undefined) return;
      if (sc.allowPrivilegeEscalation === true) report(o, `${c.at}/securityContext/allowPrivilegeEscalation`, `container "${c.name}" has allowPrivilegeEscalation set to true`);
      else if (sc.privileged === true) report(o, `${c.at}/securityContext/privileged`, `container "${c.name}" is privileged and so allows privilege escalation`);
      else if (list(rec(sc.capabilities)?.add).includes('SYS_ADMIN')) report(o, `${c.at}/securityContext/capabilities/add`, `container "${c.name}" adds SYS_ADMIN and so allows privilege escalation`);
    });
  },
};
