import { isIPv4, isIPv6 } from 'node:net';
import { dns1035Label, dns1123Subdomain, portName } from '../k8s/names.js';
import { num, rec, records, str } from '../k8s/values.js';
import type { ReleaseObject } from '../release.js';
import type { Json, Report, Rule } from '../types.js';
import { fieldPath, invalid, required, unsupported } from './shared/api.js';

function host(report: Report, o: ReleaseObject, h: string, at: string): void {
  // an address has only digits and dots, or a colon (checked first: node's address tests are slow)
  if ((/^[\d.]+$/.test(h) && isIPv4(h)) || (h.includes(':') && isIPv6(h))) return report(o, at, invalid(fieldPath(at), h, 'must be a DNS name, not an IP address'), { evidence: h });
  const errs = h.startsWith('*.') ? dns1123Subdomain(h.slice(2)) : dns1123Subdomain(h);
  for (const e of errs) report(o, at, invalid(fieldPath(at), h, e), { evidence: h });
}

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const PATH_TYPES_SORTED = ['Exact', 'ImplementationSpecific', 'Prefix'];
const UNCLEAN_PATH = /\/\/|\/\.\/|\/\.\.\/|%2f/i;

function backend(report: Report, o: ReleaseObject, b: Json, at: string): void {
  const svc = rec(b.service);
  if (svc !== undefined && b.resource !== undefined && b.resource !== null) return report(o, at, invalid(fieldPath(at), '', 'cannot set both service and resource backends'));
  if (svc === undefined) {
    if (b.resource === undefined || b.resource === null) report(o, at, required(fieldPath(at), 'one backend (service or resource) must be specified'));
    return;
  }
  const name = str(svc.name) ?? '';
  for (const e of dns1035Label(name)) report(o, `${at}/service/name`, invalid(fieldPath(`${at}/service/name`), name, e), { evidence: name });
  const port = rec(svc.port);
  const pn = str(port?.name);
  const pnum = num(port?.number);
  const pat = `${at}/service/port`;
  if (pn !== undefined && pn !== '' && pnum !== undefined && pnum !== 0) report(o, pat, invalid(fieldPath(pat), '', 'cannot set both port name & port number'));
  else if ((pn === undefined || pn === '') && (pnum === undefined || pnum === 0)) report(o, pat, required(fieldPath(pat), 'port name or number is required'));
  else if (pn !== undefined && pn !== '') for (const e of portName(pn)) report(o, `${pat}/name`, invalid(fieldPath(`${pat}/name`), pn, e), { evidence: pn });
  else if (pnum !== undefined && (pnum < 1 || pnum > 65535)) report(o, `${pat}/number`, invalid(fieldPath(`${pat}/number`), pnum, 'must be between 1 and 65535, inclusive'), { evidence: pnum });
}

export const apiIngress: Rule = {
  id: 'api-ingress',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['Ingress'],
  description:
    'Ingresses (networking.k8s.io/v1) the API server refuses: neither defaultBackend nor rules, a host that is an IP address or not a DNS name (wildcards only as `*.` prefix), an HTTP rule without paths, a path without pathType or with an unknown one, an Exact or Prefix path that does not start with `/`, a backend with no or two targets, a service name that is not a DNS-1035 label, and a port with both or neither of name and number.',
  remediation: 'Fix the field as the message says (`pathType: Prefix` and `path: /` for a whole host).',
  check(release, report) {
    for (const ing of release.ofKind('Ingress')) {
      if (ing.apiVersion !== 'networking.k8s.io/v1') continue;
      const spec = rec(ing.value.spec) ?? {};
      const rules = records(spec.rules);
      const def = rec(spec.defaultBackend);
      if (def === undefined && rules.length === 0) report(ing, '/spec', invalid('spec', '', 'either `defaultBackend` or `rules` must be specified'));
      if (def !== undefined) backend(report, ing, def, '/spec/defaultBackend');
      for (const [r, i] of rules) {
        const h = str(r.host);
        if (h !== undefined && h !== '') host(report, ing, h, `/spec/rules/${i}/host`);
        const http = rec(r.http);
        if (http === undefined) continue;
        const paths = records(http.paths);
        if (paths.length === 0) report(ing, `/spec/rules/${i}/http`, required(`spec.rules[${i}].http.paths`));
        for (const [p, j] of paths) {
          const at = `/spec/rules/${i}/http/paths/${j}`;
          const type = str(p.pathType);
          const path = str(p.path) ?? '';
          if (type === undefined) report(ing, at, required(`${fieldPath(at)}.pathType`, 'pathType must be specified'));
          else if (!PATH_TYPES.includes(type)) report(ing, `${at}/pathType`, unsupported(`${fieldPath(at)}.pathType`, type, PATH_TYPES_SORTED), { evidence: type });
          if ((type === 'Exact' || type === 'Prefix') && !path.startsWith('/')) report(ing, `${at}/path`, invalid(`${fieldPath(at)}.path`, path, 'must be an absolute path'), { evidence: path });
          else if ((type === 'Exact' || type === 'Prefix') && UNCLEAN_PATH.test(path)) report(ing, `${at}/path`, invalid(`${fieldPath(at)}.path`, path, "must not contain '//', '/./', '/../' or '%2f'"), { evidence: path });
          const b = rec(p.backend);
          if (b === undefined) report(ing, at, required(`${fieldPath(at)}.backend`));
          else backend(report, ing, b, `${at}/backend`);
        }
      }
      for (const [t, i] of records(spec.tls)) for (const [j, h] of (Array.isArray(t.hosts) ? t.hosts : []).entries()) if (typeof h === 'string') host(report, ing, h, `/spec/tls/${i}/hosts/${j}`);
    }
  },
};
