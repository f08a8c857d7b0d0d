import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const cronjobStartingDeadline: Rule = {
  id: 'cronjob-starting-deadline',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['CronJob'],
  description:
    'Without `startingDeadlineSeconds`, a CronJob that missed more than 100 schedules (controller down, cluster upgrade, suspended for a while) stops being scheduled at all, and a missed run may start at any time later.',
  remediation: 'Set `startingDeadlineSeconds` to how late a run may still start (e.g. 300).',
  kubeScore: ['cronjob-has-deadline'],
  check(release, report) {
    for (const o of release.ofKind('CronJob')) {
      if (rec(o.value.spec)?.startingDeadlineSeconds === undefined) report(o, '/spec', 'startingDeadlineSeconds is not set');
    }
  },
};
