import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

export const hostPid: Rule = {
  id: 'host-pid',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A pod that shares the host\'s process namespace (`hostPID: true`) sees and reaches what the node\'s own processes do, bypassing the isolation that pod-level policies assume.',
  remediation: 'Remove `hostPID`; if the workload truly needs the node\'s process namespace (a node agent), suppress this rule on that object with the reason.',
  kubeLinter: ['host-pid'],
  polaris: ['hostPIDSet'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      if (pod.spec.hostPID === true) report(o, `${pod.specAt}/hostPID`, 'pod shares the host\'s process namespace (hostPID: true)');
    });
  },
};
