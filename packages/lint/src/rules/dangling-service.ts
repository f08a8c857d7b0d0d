import { describeSelector, mapSelector } from '../k8s/selector.js';
import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const danglingService: Rule = {
  id: 'dangling-service',
  category: 'cross-resource',
  severity: 'warning',
  kinds: ['Service'],
  description:
    'A Service whose selector matches the pod labels of no workload in its namespace has no endpoints: every connection to it fails. Flags Services (other than ExternalName) without a selector, and those whose selector matches no pod template of the release.',
  remediation: 'Make the Service\'s selector match the workload\'s pod template labels (usually its selectorLabels). A Service whose Endpoints are managed by hand can be exempted in the lint config.',
  kubeLinter: ['dangling-service'],
  kubeScore: ['service-targets-pod'],
  check(release, report) {
    for (const svc of release.ofKind('Service')) {
      const spec = rec(svc.value.spec);
      if (spec?.type === 'ExternalName') continue;
      const s = mapSelector(spec?.selector);
      if (s === undefined || Object.keys(s.matchLabels).length === 0) {
        report(svc, '/spec', 'service has no selector');
        continue;
      }
      const found = release.podsMatching(svc.namespace, s).length > 0;
      if (!found) report(svc, '/spec/selector', `no pods found matching the service selector (${describeSelector(s)})`);
    }
  },
};
