import { ipsIn, inCidr } from '../k8s/cidr.js';
import { isRecord, list, ptr, records, str } from '../k8s/values.js';
import type { Release, ReleaseObject } from '../release.js';
import type { Report, Rule } from '../types.js';
import { eachContainer, eachPod } from './shared/each.js';

/** Reports the cluster addresses in `text`; `at` and `where` are worked out only then (most texts hold none). */
function check(release: Release, report: Report, o: ReleaseObject, text: string, at: () => string, where: () => string): void {
  for (const ip of ipsIn(text)) {
    const range = release.settings.clusterCidrs.find((c) => inCidr(ip, c));
    if (range !== undefined) report(o, at(), `${where()} hard-codes ${ip}, inside the pod/service range ${range.text}`, { evidence: text });
  }
}

export const hardcodedPodIp: Rule = {
  id: 'hardcoded-pod-ip',
  scope: 'object',
  category: 'portability',
  severity: 'warning',
  kinds: ['DeploymentLike', 'ConfigMap'],
  description:
    'Pod and Service addresses belong to the network plugin and the Service CIDR: replacing the CNI (or re-creating a Service) changes every one of them, and a manifest that wrote one down now points elsewhere. Flags IP addresses inside the cluster ranges (settings `clusterCidrs`, by default 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 and fd00::/8) in container env values, command and args, `hostAliases`, and ConfigMap data. Node and LAN addresses outside those ranges (an NFS server, a node IP) are not flagged.',
  remediation: 'Use Service DNS names (`<service>.<namespace>.svc`) instead of addresses; set `clusterCidrs` in .helmforge-lint.yaml to your cluster\'s pod and service ranges.',
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const [e, i] of records(c.c.env)) {
        const v = str(e.value);
        if (v !== undefined) check(release, report, o, v, () => `${c.at}/env/${i}/value`, () => `env ${String(e.name)} of container "${c.name}"`);
      }
      for (const field of ['command', 'args'] as const) {
        for (const [i, a] of list(c.c[field]).entries()) if (typeof a === 'string') check(release, report, o, a, () => `${c.at}/${field}/${i}`, () => `${field} of container "${c.name}"`);
      }
    });
    eachPod(release, (o, pod) => {
      for (const [h, i] of records(pod.spec.hostAliases)) {
        const ip = str(h.ip);
        if (ip !== undefined) check(release, report, o, ip, () => `${pod.specAt}/hostAliases/${i}/ip`, () => 'hostAliases');
      }
    });
    for (const cm of release.ofKind('ConfigMap')) {
      if (!isRecord(cm.value.data)) continue;
      for (const [k, v] of Object.entries(cm.value.data)) if (typeof v === 'string') check(release, report, cm, v, () => ptr('/data', k), () => `key ${k}`);
    }
  },
};
