import { rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const danglingHpa: Rule = {
  id: 'dangling-hpa',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  description:
    'A HorizontalPodAutoscaler whose `scaleTargetRef` (apiVersion, kind and name) matches no workload of the release scales nothing, and the workload it was meant for keeps its fixed replica count.',
  remediation: 'Make scaleTargetRef name the workload exactly: apiVersion (`apps/v1`), kind and name.',
  kubeLinter: ['dangling-horizontalpodautoscaler'],
  kubeScore: ['horizontalpodautoscaler-has-target'],
  check(release, report) {
    for (const hpa of release.ofKind('HorizontalPodAutoscaler')) {
      const ref = rec(rec(hpa.value.spec)?.scaleTargetRef);
      if (ref === undefined) continue;
      const kind = str(ref.kind) ?? '';
      const name = str(ref.name) ?? '';
      const apiVersion = str(ref.apiVersion) ?? '';
      if (release.isExternal(kind, hpa.namespace, name)) continue;
      const found = release.withPods().some((o) => o.namespace === hpa.namespace && o.kind === kind && o.name === name && o.apiVersion === apiVersion);
      if (!found) report(hpa, '/spec/scaleTargetRef', `no ${kind} "${name}" (${apiVersion}) in the release for scaleTargetRef`, { evidence: name });
    }
  },
};
