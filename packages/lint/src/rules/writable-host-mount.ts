import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';
import { hostMounts } from './shared/host-mounts.js';

export const writableHostMount: Rule = {
  id: 'writable-host-mount',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description: 'A container that mounts a host directory writable can change files on the node, and through them other pods and the kubelet. Flags hostPath volume mounts without `readOnly: true`.',
  remediation: 'Mount host paths with `readOnly: true`.',
  kubeLinter: ['writable-host-mount'],
  check(release, report) {
    eachContainer(release, (o, c, pod) => {
      for (const m of hostMounts(pod, c)) if (!m.readOnly) report(o, m.mountAt, `container "${c.name}" mounts host path ${m.path} writable`, { evidence: m.path });
    });
  },
};
