import { num, rec, records } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const nodePortRange: Rule = {
  id: 'nodeport-range',
  scope: 'object',
  category: 'portability',
  severity: 'warning',
  kinds: ['Service'],
  description:
    'A `nodePort` outside the API server\'s `--service-node-port-range` (30000–32767 unless the cluster was set up otherwise; setting `nodePortRange`) is refused: `provided port is not in the valid range`.',
  remediation: 'Pick a nodePort inside the range, or leave it out and let the cluster choose.',
  check(release, report) {
    const [lo, hi] = release.settings.nodePortRange;
    for (const svc of release.ofKind('Service')) {
      for (const [p, i] of records(rec(svc.value.spec)?.ports)) {
        const n = num(p.nodePort);
        if (n !== undefined && n !== 0 && (n < lo || n > hi)) report(svc, `/spec/ports/${i}/nodePort`, `nodePort ${n} is outside the node port range ${lo}-${hi}`, { evidence: n });
      }
    }
  },
};
