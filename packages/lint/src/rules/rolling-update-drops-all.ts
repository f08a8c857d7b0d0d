import { scaledValue } from '../k8s/intstr.js';
import { rec } from '../k8s/values.js';
import { replicasOf } from '../k8s/workload.js';
import type { Rule } from '../types.js';

export const rollingUpdateDropsAll: Rule = {
  id: 'rolling-update-drops-all',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['Deployment'],
  description:
    'A rolling update whose `maxUnavailable` reaches the replica count may take every old pod down before a new one is ready: a broken release is then an outage instead of a stalled rollout. Flags Deployments with more than zero replicas where `maxUnavailable` (a percentage rounded down, as the controller does; 25% when unset) is at least `replicas`.',
  remediation: 'Lower `maxUnavailable` (0 with `maxSurge: 1` keeps every old replica until its replacement is ready), or raise `replicas`.',
  check(release, report) {
    for (const o of release.ofKind('Deployment')) {
      const strategy = rec(rec(o.value.spec)?.strategy);
      if (strategy?.type === 'Recreate') continue; // recreating is a deliberate choice (e.g. a ReadWriteOnce volume)
      const replicas = replicasOf(o.kind, o.value) ?? 1;
      if (replicas <= 0) continue;
      const raw = rec(strategy?.rollingUpdate)?.maxUnavailable ?? '25%';
      const unavailable = scaledValue(raw, replicas, false);
      if (unavailable !== undefined && unavailable >= replicas) {
        report(o, rec(strategy?.rollingUpdate)?.maxUnavailable !== undefined ? '/spec/strategy/rollingUpdate/maxUnavailable' : '/spec/strategy', `a rolling update may take all ${replicas} replica${replicas === 1 ? '' : 's'} down at once (maxUnavailable ${String(raw)})`, { evidence: typeof raw === 'string' || typeof raw === 'number' ? raw : undefined });
      }
    }
  },
};
