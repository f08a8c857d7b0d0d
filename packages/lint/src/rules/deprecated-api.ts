import { deprecationOf, reachedIn } from '../deprecations.js';
import type { Rule } from '../types.js';

export const deprecatedApi: Rule = {
  id: 'deprecated-api',
  scope: 'object',
  category: 'deprecation',
  severity: 'error',
  kinds: ['*'],
  description:
    'An object whose apiVersion the target Kubernetes version (`-k`, each one given) no longer serves is refused by the API server (`no matches for kind`), and `helm upgrade` of a release that has one fails; one that is deprecated will be refused by a later version. A removed apiVersion is an error, a deprecated one a warning; each finding names the version it was (or will be) removed in and what replaces it.',
  remediation: 'Move the object to the replacement apiVersion (and the field changes the migration guide lists), or render it conditionally with `.Capabilities.APIVersions.Has`.',
  check(release, report) {
    for (const o of release.objects) {
      const d = deprecationOf(o.apiVersion, o.kind);
      if (d === undefined) continue;
      const use = d.replacement !== undefined ? `use ${d.replacement}` : 'no replacement';
      const note = d.note !== undefined ? ` (${d.note})` : '';
      if (d.removedIn !== undefined && reachedIn(d.removedIn, release.kubernetesVersion)) {
        report(o, '/apiVersion', `${o.apiVersion} ${o.kind} was removed in ${d.removedIn}: ${use}${note}`, { evidence: o.apiVersion });
      } else if (d.deprecatedIn !== undefined && reachedIn(d.deprecatedIn, release.kubernetesVersion)) {
        const when = d.removedIn !== undefined ? `, removed in ${d.removedIn}` : '';
        report(o, '/apiVersion', `${o.apiVersion} ${o.kind} is deprecated since ${d.deprecatedIn}${when}: ${use}${note}`, { severity: 'warning', evidence: o.apiVersion });
      }
    }
  },
};
