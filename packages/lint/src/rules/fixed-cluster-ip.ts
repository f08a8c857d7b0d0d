import { list, rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const fixedClusterIp: Rule = {
  id: 'fixed-cluster-ip',
  scope: 'object',
  category: 'portability',
  severity: 'warning',
  kinds: ['Service'],
  description:
    'A Service with a fixed `clusterIP` only installs on clusters whose Service CIDR contains that address and where it is free; after a re-install or on another cluster it is refused (`provided IP is not in the valid range`, `already allocated`). Headless Services (`None`) are fine.',
  remediation: 'Remove `clusterIP` (and `clusterIPs`) and let the cluster allocate one; clients should use the Service\'s DNS name.',
  check(release, report) {
    for (const svc of release.ofKind('Service')) {
      const spec = rec(svc.value.spec);
      const ip = str(spec?.clusterIP);
      if (ip !== undefined && ip !== '' && ip !== 'None') report(svc, '/spec/clusterIP', `clusterIP is fixed to ${ip}`, { evidence: ip });
      else if (ip === undefined) {
        const first = list(spec?.clusterIPs).find((x) => typeof x === 'string' && x !== '' && x !== 'None');
        if (first !== undefined) report(svc, '/spec/clusterIPs', `clusterIPs are fixed (${String(first)})`, { evidence: String(first) });
      }
    }
  },
};
