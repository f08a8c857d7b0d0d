import { isRecord, ptr } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';

/** Pod annotations that only one network plugin understands, mostly pinning addresses or pools. */
const CNI_BOUND = [
  /^ovn\.kubernetes\.io\/(ip_address|mac_address|logical_switch|ip_pool|logical_router|vpc|subnet)$/, // kube-ovn
  /^[\w.-]+\.kubernetes\.io\/(ip_address|logical_switch|ip_pool)$/, // kube-ovn attachment networks (<net>.<ns>.kubernetes.io/…)
  /^cni\.projectcalico\.org\/(ipAddrs|ipAddrsNoIpam|ipv4pools|ipv6pools|floatingIPs|hwAddr)$/, // Calico
  /^k8s\.v1\.cni\.cncf\.io\/networks$/, // Multus
  /^ipam\.cilium\.io\/ip-pool$/, // Cilium
  /^io\.cilium\./, // Cilium
  /^k8s\.ovn\.org\/pod-networks$/, // OVN-Kubernetes
];

export const cniAnnotations: Rule = {
  id: 'cni-annotations',
  scope: 'object',
  category: 'portability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Pod annotations that one network plugin reads (kube-ovn `ovn.kubernetes.io/ip_address`, `logical_switch`, `ip_pool`; Calico `cni.projectcalico.org/ipAddrs`, `ipv4pools`; Multus `k8s.v1.cni.cncf.io/networks`; Cilium `ipam.cilium.io/ip-pool`; OVN-Kubernetes `k8s.ovn.org/pod-networks`) tie the workload to that plugin: after a CNI migration they are ignored, so fixed addresses change and attachments disappear without an error.',
  remediation: 'Reach pods through Services and DNS names instead of fixed pod addresses; if an annotation must stay, suppress this rule on the object with the reason.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const key of Object.keys(isRecord(pod.meta.annotations) ? pod.meta.annotations : {})) {
        if (CNI_BOUND.some((re) => re.test(key))) report(o, ptr(`${pod.metaAt}/annotations`, key), `pod annotation "${key}" only works with one network plugin`, { evidence: key });
      }
    });
  },
};
