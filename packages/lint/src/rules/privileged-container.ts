import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const privilegedContainer: Rule = {
  id: 'privileged-container',
  scope: 'object',
  category: 'security',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A privileged container runs with every capability and the host\'s devices: a process that escapes it owns the node. Flags every container (init and ephemeral too) whose securityContext sets `privileged: true`.',
  remediation: 'Remove `privileged: true`; grant the one capability the workload needs with `capabilities.add` instead.',
  kubeLinter: ['privileged-container'],
  polaris: ['runAsPrivileged'],
  kubeScore: ['container-security-context-privileged'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      if (securityContext(c.c)?.privileged === true) report(o, `${c.at}/securityContext/privileged`, `container "${c.name}" is privileged`);
    });
  },
};
