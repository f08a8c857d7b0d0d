import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const jobBackoffLimit: Rule = {
  id: 'job-backoff-limit',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['Job', 'CronJob'],
  description:
    'A Job without `backoffLimit` retries a failing pod six times with exponential back-off (up to six minutes apart), which hides a broken job for most of an hour and repeats its side effects.',
  remediation: 'Set `backoffLimit` to the retries the job can afford (often 0–2), with `activeDeadlineSeconds` as an overall bound.',
  check(release, report) {
    for (const o of release.ofKind('Job')) {
      if (rec(o.value.spec)?.backoffLimit === undefined) report(o, '/spec', 'backoffLimit is not set (defaults to 6 retries)');
    }
    for (const o of release.ofKind('CronJob')) {
      const spec = rec(rec(rec(o.value.spec)?.jobTemplate)?.spec);
      if (spec !== undefined && spec.backoffLimit === undefined) report(o, '/spec/jobTemplate/spec', 'backoffLimit is not set in the job template (defaults to 6 retries)');
    }
  },
};
