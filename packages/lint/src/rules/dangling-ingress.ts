import { num, rec, records, str } from '../k8s/values.js';
import type { Json, Rule } from '../types.js';

export const danglingIngress: Rule = {
  id: 'dangling-ingress',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['Ingress'],
  description:
    'An Ingress backend that names a Service the release does not have, or a port (number or name) that Service does not expose, answers 503. Checks the default backend and every path\'s backend against the Services of the Ingress\'s namespace (Services declared external in the lint config are trusted).',
  remediation: 'Name an existing Service and one of its ports (`port.number` or `port.name`).',
  kubeLinter: ['dangling-ingress'],
  kubeScore: ['ingress-targets-service'],
  check(release, report) {
    for (const ing of release.ofKind('Ingress')) {
      const spec = rec(ing.value.spec);
      const backends: [Json, string][] = [];
      const def = rec(rec(spec?.defaultBackend)?.service);
      if (def !== undefined) backends.push([def, '/spec/defaultBackend/service']);
      for (const [r, i] of records(spec?.rules)) {
        for (const [p, j] of records(rec(r.http)?.paths)) {
          const svc = rec(rec(p.backend)?.service);
          if (svc !== undefined) backends.push([svc, `/spec/rules/${i}/http/paths/${j}/backend/service`]);
        }
      }
      for (const [b, at] of backends) {
        const name = str(b.name) ?? '';
        const port = rec(b.port);
        const want = str(port?.name) || num(port?.number);
        if (release.isExternal('Service', ing.namespace, name)) continue;
        const svc = release.find('Service', ing.namespace, name);
        if (svc === undefined) {
          report(ing, `${at}/name`, `no Service "${name}" in the release for this backend`, { evidence: name });
          continue;
        }
        const ports = records(rec(svc.value.spec)?.ports).map(([p]) => p);
        if (want !== undefined && !ports.some((p) => p.port === want || (typeof want === 'string' && p.name === want))) {
          report(ing, `${at}/port`, `Service "${name}" has no port ${typeof want === 'string' ? `named "${want}"` : want}`, { evidence: want });
        }
      }
    }
  },
};
