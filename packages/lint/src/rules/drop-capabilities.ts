import { isRecord, list } from '../k8s/values.js';
import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

const forbidden = (cap: unknown) => cap === 'NET_RAW' || (typeof cap === 'string' && cap.toUpperCase() === 'ALL');

export const dropCapabilities: Rule = {
  id: 'drop-capabilities',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'NET_RAW, in the default capability set, lets a process craft raw packets and spoof traffic inside the pod network. Flags containers whose `securityContext.capabilities` adds NET_RAW (or ALL) or drops neither NET_RAW nor ALL (as kube-linter, containers without a `capabilities` block are not looked at).',
  remediation: 'Drop every capability (`capabilities.drop: [ALL]`) and add back only what the workload needs.',
  kubeLinter: ['drop-net-raw-capability'],
  polaris: ['insecureCapabilities'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      const caps = securityContext(c.c)?.capabilities;
      if (!isRecord(caps)) return;
      const at = `${c.at}/securityContext/capabilities`;
      for (const [i, cap] of list(caps.add).entries()) if (forbidden(cap)) report(o, `${at}/add/${i}`, `container "${c.name}" adds capability ${String(cap)}`, { evidence: cap });
      if (!list(caps.drop).some(forbidden)) report(o, isRecord(caps) && caps.drop !== undefined ? `${at}/drop` : at, `container "${c.name}" does not drop capability NET_RAW (drop: [${list(caps.drop).join(', ')}])`);
    });
  },
};
