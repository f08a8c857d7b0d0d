import { runsToCompletion } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachAppContainer } from './shared/each.js';

export const livenessProbe: Rule = {
  id: 'liveness-probe',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Without a liveness probe, a container that hangs (deadlock, exhausted pool) keeps its pod Running and is never restarted. Flags regular containers without `livenessProbe`. Unlike kube-linter, pods that run to completion (Jobs, CronJobs, bare Pods with restartPolicy Never or OnFailure such as `helm test` pods) are not flagged: probes are for long-running containers.',
  remediation: 'Add a `livenessProbe` (httpGet, tcpSocket, grpc or exec) that checks the process can still make progress.',
  kubeLinter: ['no-liveness-probe'],
  polaris: ['livenessProbeMissing'],
  kubeScore: ['pod-probes'],
  check(release, report) {
    eachAppContainer(release, (o, c, pod) => {
      if (runsToCompletion(o.kind, pod)) return;
      if (c.c.livenessProbe === undefined || c.c.livenessProbe === null) report(o, c.at, `container "${c.name}" does not specify a liveness probe`);
    });
  },
};
