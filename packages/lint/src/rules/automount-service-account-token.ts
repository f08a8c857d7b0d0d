import { rec, records, str } from '../k8s/values.js';
import type { Release } from '../release.js';
import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { serviceAccountName, tokenMounted } from './shared/service-accounts.js';

/** ServiceAccounts (namespace/name) that some RoleBinding or ClusterRoleBinding of the release grants a role. */
function boundServiceAccounts(release: Release): Set<string> {
  const out = new Set<string>();
  for (const b of release.ofKind('RoleBinding', 'ClusterRoleBinding')) {
    for (const [s] of records(b.value.subjects)) {
      if (s.kind === 'ServiceAccount') out.add(`${str(s.namespace) ?? b.namespace}/${str(s.name) ?? ''}`);
    }
  }
  return out;
}

export const automountServiceAccountToken: Rule = {
  id: 'automount-service-account-token',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Every pod gets an API token mounted unless told otherwise; a pod whose ServiceAccount no RoleBinding or ClusterRoleBinding of the release grants anything does not need it, and an intruder can use it against the API server. Flags pods that mount the token (`automountServiceAccountToken` not false on the pod, nor on its ServiceAccount when the release has it) while their ServiceAccount is bound to no role in the release (pods of the `default` ServiceAccount are `default-service-account`\'s).',
  remediation: 'Set `automountServiceAccountToken: false` on the pod or on its ServiceAccount; if the pod does use the API through permissions granted elsewhere, suppress this rule on it with the reason.',
  polaris: ['automountServiceAccountToken'],
  check(release, report) {
    let bound: Set<string> | undefined;
    eachPod(release, (o, pod) => {
      if (!tokenMounted(release, o, pod)) return;
      const sa = serviceAccountName(pod);
      if (sa.name === '' || sa.name === 'default') return; // default-service-account says so
      bound ??= boundServiceAccounts(release);
      if (bound.has(`${o.namespace}/${sa.name}`)) return;
      const at = rec(pod.spec)?.automountServiceAccountToken === true ? `${pod.specAt}/automountServiceAccountToken` : pod.specAt;
      report(o, at, `pod mounts the API token of ServiceAccount "${sa.name}", which no role binding in the release grants anything`);
    });
  },
};
