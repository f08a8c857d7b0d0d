import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { knownNames } from './shared/references.js';
import { serviceAccountName } from './shared/service-accounts.js';

export const nonExistentServiceAccount: Rule = {
  id: 'non-existent-service-account',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A pod whose `serviceAccountName` names a ServiceAccount that does not exist is refused by the API server\'s ServiceAccount admission: its controller never gets a pod running. Flags names other than `default` that no ServiceAccount of the pod\'s namespace in the release has (ServiceAccounts declared external in the lint config are trusted).',
  remediation: 'Create the ServiceAccount in the chart (serviceAccount.create) or name an existing one.',
  kubeLinter: ['non-existent-service-account'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      const sa = serviceAccountName(pod);
      if (sa.name === '' || sa.name === 'default') return;
      if (release.isExternal('ServiceAccount', o.namespace, sa.name) || release.find('ServiceAccount', o.namespace, sa.name) !== undefined) return;
      report(o, sa.at, `serviceAccountName "${sa.name}" names no ServiceAccount in the release (${knownNames(release, 'ServiceAccount', o.namespace)})`, { evidence: sa.name });
    });
  },
};
