import { runsToCompletion } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachAppContainer } from './shared/each.js';

export const readinessProbe: Rule = {
  id: 'readiness-probe',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Without a readiness probe, a Service sends traffic to a container as soon as it starts, before it can answer, and keeps sending it while it cannot. Flags regular containers without `readinessProbe`. Unlike kube-linter, pods that run to completion (Jobs, CronJobs, bare Pods with restartPolicy Never or OnFailure such as `helm test` pods) are not flagged.',
  remediation: 'Add a `readinessProbe` (httpGet, tcpSocket, grpc or exec) that checks the container can serve requests.',
  kubeLinter: ['no-readiness-probe'],
  polaris: ['readinessProbeMissing'],
  kubeScore: ['pod-probes'],
  check(release, report) {
    eachAppContainer(release, (o, c, pod) => {
      if (runsToCompletion(o.kind, pod)) return;
      if (c.c.readinessProbe === undefined || c.c.readinessProbe === null) report(o, c.at, `container "${c.name}" does not specify a readiness probe`);
    });
  },
};
