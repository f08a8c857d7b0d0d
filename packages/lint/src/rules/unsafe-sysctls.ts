import { rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

const UNSAFE = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];

export const unsafeSysctls: Rule = {
  id: 'unsafe-sysctls',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Kernel parameters set through `securityContext.sysctls` under `kernel.msg`, `kernel.sem`, `kernel.shm`, `fs.mqueue.` or `net.` can affect other pods on the node or starve it; kubelets refuse the unsafe ones unless allowed node by node.',
  remediation: 'Remove the sysctl, or run the workload on nodes set up for it (kubelet --allowed-unsafe-sysctls) and suppress this rule with the reason.',
  kubeLinter: ['unsafe-sysctls'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const [s, i] of records(rec(pod.spec.securityContext)?.sysctls)) {
        const name = str(s.name) ?? '';
        if (UNSAFE.some((p) => name.startsWith(p))) report(o, `${pod.specAt}/securityContext/sysctls/${i}/name`, `pod sets unsafe sysctl "${name}"`, { evidence: name });
      }
    });
  },
};
