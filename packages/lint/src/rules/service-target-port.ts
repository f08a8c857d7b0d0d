import { mapSelector } from '../k8s/selector.js';
import { rec, records, str } from '../k8s/values.js';
import { runsToCompletion } from '../k8s/workload.js';
import type { Rule } from '../types.js';

export const serviceTargetPort: Rule = {
  id: 'service-target-port',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['Service'],
  description:
    'A Service port whose `targetPort` is a name resolves it in each selected pod, and a pod with no container port of that name gets no endpoint for it. Flags named targetPorts that no selected pod declares (the port is dead: an error), and long-running workloads among the selected ones that lack it (a warning: they never get traffic on it). Pods that run to completion, such as `helm test` pods carrying the same labels, are skipped.',
  remediation: 'Name the container port as the Service\'s targetPort says (or give the number).',
  check(release, report) {
    for (const svc of release.ofKind('Service')) {
      const spec = rec(svc.value.spec);
      const s = mapSelector(spec?.selector);
      if (s === undefined || Object.keys(s.matchLabels).length === 0) continue;
      const pods = release.podsMatching(svc.namespace, s);
      if (pods.length === 0) continue; // dangling-service says so
      for (const [p, i] of records(spec?.ports)) {
        const target = str(p.targetPort);
        if (target === undefined) continue;
        const has = (o: (typeof pods)[number]) => (o.pod?.containers ?? []).some((c) => c.kind === 'regular' && records(c.c.ports).some(([cp]) => cp.name === target));
        const at = `/spec/ports/${i}/targetPort`;
        const serving = pods.filter((o) => o.pod !== undefined && !runsToCompletion(o.kind, o.pod));
        if (!pods.some(has)) report(svc, at, `targetPort "${target}" names no container port of the pods the Service selects (${pods.map(String).join(', ')})`, { evidence: target });
        else for (const o of serving.filter((x) => !has(x))) report(svc, at, `targetPort "${target}" names no container port of ${o}, which the Service selects`, { severity: 'warning', evidence: target });
      }
    }
  },
};
