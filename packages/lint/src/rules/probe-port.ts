import { num, rec, records, str } from '../k8s/values.js';
import type { ContainerRef } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachAppContainer } from './shared/each.js';
import { probe, PROBES } from './shared/probes.js';

/** The container's TCP ports (protocol TCP or unset), by number and by name, as kube-linter collects them. */
function tcpPorts(c: ContainerRef): Set<string | number> {
  const out = new Set<string | number>();
  for (const [p] of records(c.c.ports)) {
    if (p.protocol !== undefined && p.protocol !== null && p.protocol !== 'TCP') continue;
    const n = num(p.containerPort);
    if (n !== undefined) out.add(n);
    const name = str(p.name);
    if (name !== undefined && name !== '') out.add(name);
  }
  return out;
}

export const probePort: Rule = {
  id: 'probe-port',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A probe aimed at a port the container does not declare: a port name that names no container port fails every probe (the kubelet cannot resolve it, so the container is restarted or never ready), and a number that is not declared usually means the probe and the server disagree. Checks the httpGet, tcpSocket and grpc ports of liveness, readiness and startup probes of regular containers against their TCP container ports. A missing port name is an error, an undeclared number a warning.',
  remediation: 'Point the probe at a declared container port, by name (`port: http`) where possible.',
  kubeLinter: ['liveness-port', 'readiness-port', 'startup-port'],
  check(release, report) {
    eachAppContainer(release, (o, c) => {
      let ports: Set<string | number> | undefined;
      for (const which of PROBES) {
        const p = probe(c, which);
        if (p === undefined) continue;
        for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const port = rec(p[handler])?.port;
          if (typeof port !== 'string' && typeof port !== 'number') continue;
          ports ??= tcpPorts(c);
          if (ports.has(port)) continue;
          const at = `${c.at}/${which}/${handler}/port`;
          if (typeof port === 'string') report(o, at, `container "${c.name}" has no port named "${port}" for its ${which} (${handler})`, { severity: 'error', evidence: port });
          else report(o, at, `container "${c.name}" does not expose port ${port} for its ${which} (${handler})`, { evidence: port });
        }
      }
    });
  },
};
