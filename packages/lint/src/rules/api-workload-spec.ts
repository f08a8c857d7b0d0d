import { intOrPercentValue } from '../k8s/intstr.js';
import { num, rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, forbidden, invalid, required, unsupported } from './shared/api.js';
import { cronError } from './shared/cron.js';
import { eachPod } from './shared/each.js';

const ALWAYS_RESTART = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

export const apiWorkloadSpec: Rule = {
  id: 'api-workload-spec',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'Workload settings the API server refuses: a restartPolicy the kind does not allow (Always only for Deployments, ReplicaSets, StatefulSets and DaemonSets; OnFailure or Never for Jobs), a rolling update with maxSurge and maxUnavailable both 0 or a maxUnavailable above 100%, rollingUpdate given with the Recreate strategy, a progressDeadlineSeconds not above minReadySeconds, an Indexed Job without completions, and a CronJob schedule that does not parse (five fields, or @hourly etc.; no `TZ=`).',
  remediation: 'Fix the field as the message says; for a CronJob time zone use `spec.timeZone`.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      const policy = str(pod.spec.restartPolicy);
      const at = () => `${pod.specAt}/restartPolicy`;
      if (ALWAYS_RESTART.has(o.kind) && policy !== undefined && policy !== 'Always') {
        report(o, at(), unsupported(fieldPath(at()), policy, ['Always']), { evidence: policy });
      }
      if ((o.kind === 'Job' || o.kind === 'CronJob') && policy !== 'OnFailure' && policy !== 'Never') {
        report(o, at(), policy === undefined ? required(fieldPath(at())) : unsupported(fieldPath(at()), policy, ['OnFailure', 'Never']), { evidence: policy });
      }
    });
    for (const o of release.ofKind('Deployment')) {
      const spec = rec(o.value.spec);
      const strategy = rec(spec?.strategy);
      const ru = rec(strategy?.rollingUpdate);
      if (strategy?.type === 'Recreate' && ru !== undefined) report(o, '/spec/strategy/rollingUpdate', forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
      if (ru !== undefined && strategy?.type !== 'Recreate') {
        const unavailable = intOrPercentValue(ru.maxUnavailable ?? '25%');
        const surge = intOrPercentValue(ru.maxSurge ?? '25%');
        if (unavailable?.value === 0 && surge?.value === 0) report(o, '/spec/strategy/rollingUpdate/maxUnavailable', invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
        if (unavailable?.percent === true && unavailable.value > 100) report(o, '/spec/strategy/rollingUpdate/maxUnavailable', invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'must not be greater than 100%'));
      }
      const deadline = num(spec?.progressDeadlineSeconds);
      const minReady = num(spec?.minReadySeconds) ?? 0;
      if (deadline !== undefined && deadline <= minReady) report(o, '/spec/progressDeadlineSeconds', invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
    for (const o of release.ofKind('Job', 'CronJob')) {
      const base = o.kind === 'Job' ? '/spec' : '/spec/jobTemplate/spec';
      const spec = o.kind === 'Job' ? rec(o.value.spec) : rec(rec(rec(o.value.spec)?.jobTemplate)?.spec);
      if (spec?.completionMode === 'Indexed' && num(spec.completions) === undefined) report(o, `${base}/completions`, required(fieldPath(`${base}/completions`), 'when completion mode is Indexed'));
    }
    for (const o of release.ofKind('CronJob')) {
      const schedule = str(rec(o.value.spec)?.schedule);
      if (schedule === undefined) continue;
      const err = cronError(schedule);
      if (err !== undefined) report(o, '/spec/schedule', invalid('spec.schedule', schedule, err), { evidence: schedule });
    }
  },
};
