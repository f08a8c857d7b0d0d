import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

export const hostIpc: Rule = {
  id: 'host-ipc',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A pod that shares the host\'s IPC namespace (`hostIPC: true`) sees and reaches what the node\'s own processes do, bypassing the isolation that pod-level policies assume.',
  remediation: 'Remove `hostIPC`; if the workload truly needs the node\'s IPC namespace (a node agent), suppress this rule on that object with the reason.',
  kubeLinter: ['host-ipc'],
  polaris: ['hostIPCSet'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      if (pod.spec.hostIPC === true) report(o, `${pod.specAt}/hostIPC`, 'pod shares the host\'s IPC namespace (hostIPC: true)');
    });
  },
};
