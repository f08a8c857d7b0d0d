import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

export const hostNetwork: Rule = {
  id: 'host-network',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A pod that shares the host\'s network namespace (`hostNetwork: true`) sees and reaches what the node\'s own processes do, bypassing the isolation that pod-level policies assume.',
  remediation: 'Remove `hostNetwork`; if the workload truly needs the node\'s network namespace (a node agent), suppress this rule on that object with the reason.',
  kubeLinter: ['host-network'],
  polaris: ['hostNetworkSet'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      if (pod.spec.hostNetwork === true) report(o, `${pod.specAt}/hostNetwork`, 'pod shares the host\'s network namespace (hostNetwork: true)');
    });
  },
};
