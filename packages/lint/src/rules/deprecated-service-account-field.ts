import { str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

export const deprecatedServiceAccountField: Rule = {
  id: 'deprecated-service-account-field',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description: '`spec.serviceAccount` is a deprecated alias of `serviceAccountName`; when both are set and differ, which one wins is not obvious.',
  remediation: 'Use `serviceAccountName` only.',
  kubeLinter: ['deprecated-service-account-field'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      const old = str(pod.spec.serviceAccount);
      if (old !== undefined && old !== '') report(o, `${pod.specAt}/serviceAccount`, 'uses the deprecated serviceAccount field (use serviceAccountName)');
    });
  },
};
