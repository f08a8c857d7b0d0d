import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const unsafeProcMount: Rule = {
  id: 'unsafe-proc-mount',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description: '`procMount: Unmasked` turns off the masking of sensitive /proc paths that the container runtime applies by default.',
  remediation: 'Remove `procMount` or set it to `Default`.',
  kubeLinter: ['unsafe-proc-mount'],
  polaris: ['procMount'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      const pm = securityContext(c.c)?.procMount;
      if (typeof pm === 'string' && pm.toLowerCase() === 'unmasked') report(o, `${c.at}/securityContext/procMount`, `container "${c.name}" exposes /proc unsafely (procMount: Unmasked)`);
    });
  },
};
