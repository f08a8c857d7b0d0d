import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const cronjobConcurrencyPolicy: Rule = {
  id: 'cronjob-concurrency-policy',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['CronJob'],
  description:
    'A CronJob without `concurrencyPolicy` defaults to `Allow`: when a run outlasts the schedule interval, the next one starts beside it, and slow runs pile up over the same data.',
  remediation: 'Set `concurrencyPolicy: Forbid` (skip a run while one is active) or `Replace`; `Allow` written out says the overlap is intended.',
  check(release, report) {
    for (const o of release.ofKind('CronJob')) {
      if (rec(o.value.spec)?.concurrencyPolicy === undefined) report(o, '/spec', 'concurrencyPolicy is not set (defaults to Allow: runs may overlap)');
    }
  },
};
