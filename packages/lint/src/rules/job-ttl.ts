import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const jobTtl: Rule = {
  id: 'job-ttl',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['Job', 'CronJob'],
  description:
    'A finished Job stays with its pods until something deletes it; `ttlSecondsAfterFinished` lets the cluster do it. Flags standalone Jobs without it, and (as kube-linter) CronJobs whose job template sets it, where it conflicts with the CronJob\'s own history limits. A Job under Helm is re-created (and run again) by the next `helm upgrade` once its TTL deleted it; Helm hook Jobs are cleaned up by their `helm.sh/hook-delete-policy` and are not flagged.',
  remediation: 'Set `spec.ttlSecondsAfterFinished` on standalone Jobs, or make the Job a Helm hook with a delete policy; leave it out of CronJob job templates (use successfulJobsHistoryLimit and failedJobsHistoryLimit).',
  kubeLinter: ['job-ttl-seconds-after-finished'],
  check(release, report) {
    for (const o of release.ofKind('Job')) {
      if (o.annotations['helm.sh/hook-delete-policy'] !== undefined) continue;
      if (rec(o.value.spec)?.ttlSecondsAfterFinished === undefined) report(o, '/spec', 'standalone Job does not set ttlSecondsAfterFinished');
    }
    for (const o of release.ofKind('CronJob')) {
      const spec = rec(rec(rec(o.value.spec)?.jobTemplate)?.spec);
      if (spec?.ttlSecondsAfterFinished !== undefined) report(o, '/spec/jobTemplate/spec/ttlSecondsAfterFinished', 'the job template sets ttlSecondsAfterFinished, which competes with the CronJob\'s history limits');
    }
  },
};
