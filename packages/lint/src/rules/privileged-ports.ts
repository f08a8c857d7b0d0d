import { num, records } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const privilegedPorts: Rule = {
  id: 'privileged-ports',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Listening on a port below 1024 needs root or NET_BIND_SERVICE inside the container, which non-root, capability-less containers do not have. Flags container ports from 1 to 1023.',
  remediation: 'Listen on a port of 1024 or above and map the well-known port in the Service (`port: 80`, `targetPort: 8080`).',
  kubeLinter: ['privileged-ports'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const [p, i] of records(c.c.ports)) {
        const port = num(p.containerPort);
        if (port !== undefined && port > 0 && port < 1024) report(o, `${c.at}/ports/${i}/containerPort`, `port ${port} is mapped in container "${c.name}"`, { evidence: port });
      }
    });
  },
};
