import { dns1035Label, dns1123Label, dns1123Subdomain, pathSegmentName } from '../k8s/names.js';
import { rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { invalid } from './shared/api.js';

const RBAC = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];

/** How the API server validates metadata.name, per kind (DNS-1123 subdomain unless listed). */
function nameErrors(kind: string, group: string, name: string): readonly string[] {
  if (kind === 'Service' && group === '') return dns1035Label(name);
  if ((kind === 'Namespace' && group === '') || kind === 'StatefulSet') return dns1123Label(name);
  if (RBAC.includes(kind) && group === 'rbac.authorization.k8s.io') return pathSegmentName(name);
  const errs = dns1123Subdomain(name);
  // the CronJob controller appends 11 characters to make its Jobs' names, which are label values (≤ 63)
  if (kind === 'CronJob' && name.length > 52) return [...errs, 'must be no more than 52 characters'];
  // a Job's name is copied into its pods' batch.kubernetes.io/job-name label
  if (kind === 'Job' && name.length > 63) return [...errs, 'must be no more than 63 characters'];
  return errs;
}

export const apiObjectName: Rule = {
  id: 'api-object-name',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['*'],
  description:
    'Object names the API server refuses although the OpenAPI schema accepts any string: most kinds need a DNS-1123 subdomain (lower case, digits, `-` and `.`, at most 253 characters), Services a DNS-1035 label (at most 63, starting with a letter), Namespaces and StatefulSets a DNS-1123 label, RBAC objects a name without `/` or `%`; CronJob names may have at most 52 characters and Job names 63. `metadata.namespace` must be a DNS-1123 label.',
  remediation: 'Rename the object: lower case letters, digits and `-` (e.g. `web-app` for `Web_App`); shorten long release or chart names with `nameOverride`/`fullnameOverride`.',
  check(release, report) {
    for (const o of release.objects) {
      const meta = rec(o.value.metadata);
      const name = str(meta?.name);
      if (name !== undefined && name !== '') {
        for (const e of nameErrors(o.kind, o.group, name)) report(o, '/metadata/name', invalid('metadata.name', name, e), { evidence: name });
      }
      const ns = str(meta?.namespace);
      if (ns !== undefined && ns !== '') for (const e of dns1123Label(ns)) report(o, '/metadata/namespace', invalid('metadata.namespace', ns, e), { evidence: ns });
    }
  },
};
