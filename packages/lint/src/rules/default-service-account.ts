import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { serviceAccountName } from './shared/service-accounts.js';

export const defaultServiceAccount: Rule = {
  id: 'default-service-account',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Pods that run as the namespace\'s `default` ServiceAccount share its identity and whatever permissions anyone grants it. Flags pods that name no ServiceAccount or `default`, unless they turn off the token with `automountServiceAccountToken: false`.',
  remediation: 'Create a ServiceAccount for the workload and set `serviceAccountName`, or set `automountServiceAccountToken: false` when it needs no API access.',
  kubeLinter: ['default-service-account'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      if (pod.spec.automountServiceAccountToken === false) return;
      const sa = serviceAccountName(pod);
      if (sa.name === '' || sa.name === 'default') report(o, sa.at, `pod uses the default ServiceAccount${sa.name === '' ? ' (serviceAccountName is not set)' : ''}`);
    });
  },
};
