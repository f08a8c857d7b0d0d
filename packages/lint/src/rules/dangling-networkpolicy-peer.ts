import { describeSelector, labelSelector } from '../k8s/selector.js';
import { rec, records } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const danglingNetworkPolicyPeer: Rule = {
  id: 'dangling-networkpolicy-peer',
  category: 'cross-resource',
  severity: 'warning',
  kinds: ['NetworkPolicy'],
  description:
    'An ingress `from` or egress `to` peer given by `podSelector` alone (no namespaceSelector) that matches no pods of the policy\'s namespace allows traffic from or to nothing, which usually means a label typo has cut a connection.',
  remediation: 'Make the peer\'s podSelector match the pod template labels of the workload meant.',
  kubeLinter: ['dangling-networkpolicypeer-podselector'],
  check(release, report) {
    for (const np of release.ofKind('NetworkPolicy')) {
      const spec = rec(np.value.spec);
      for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
        for (const [r, i] of records(spec?.[dir])) {
          for (const [peer, j] of records(r[peers])) {
            if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== null) continue;
            const s = labelSelector(peer.podSelector);
            if (s === undefined) continue;
            if (release.podsMatching(np.namespace, s).length === 0) {
              report(np, `/spec/${dir}/${i}/${peers}/${j}/podSelector`, `no pods found matching the ${dir} peer's podSelector (${describeSelector(s)})`);
            }
          }
        }
      }
    }
  },
};
