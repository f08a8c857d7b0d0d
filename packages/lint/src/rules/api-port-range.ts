import { num, rec, records } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, invalid } from './shared/api.js';
import { eachPod } from './shared/each.js';
import { PROBES } from './shared/probes.js';

const RANGE = 'must be between 1 and 65535, inclusive';

export const apiPortRange: Rule = {
  id: 'api-port-range',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike', 'Service'],
  description:
    'Port numbers outside 1–65535, which OpenAPI (an int32) accepts and the API server refuses: container ports, host ports (0 means none), probe ports (httpGet, tcpSocket, grpc), Service ports and node ports (0 means allocate). Service targetPorts are checked by `api-port-name`.',
  remediation: 'Use a port from 1 to 65535.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      const check = (v: unknown, at: string, zeroOk = false) => {
        const n = num(v);
        if (n !== undefined && !(zeroOk && n === 0) && (n < 1 || n > 65535 || !Number.isInteger(n))) report(o, at, invalid(fieldPath(at), n, RANGE), { evidence: n });
      };
      for (const c of pod.containers) {
        for (const [p, i] of records(c.c.ports)) {
          check(p.containerPort, `${c.at}/ports/${i}/containerPort`);
          check(p.hostPort, `${c.at}/ports/${i}/hostPort`, true);
        }
        for (const which of PROBES) {
          const probe = rec(c.c[which]);
          for (const h of ['httpGet', 'tcpSocket', 'grpc'] as const) {
            const handler = rec(probe?.[h]);
            if (handler !== undefined && typeof handler.port === 'number') check(handler.port, `${c.at}/${which}/${h}/port`);
          }
        }
      }
    });
    for (const svc of release.ofKind('Service')) {
      for (const [p, i] of records(rec(svc.value.spec)?.ports)) {
        for (const [field, zeroOk] of [['port', false], ['nodePort', true]] as const) {
          const n = num(p[field]);
          if (n !== undefined && !(zeroOk && n === 0) && (n < 1 || n > 65535)) report(svc, `/spec/ports/${i}/${field}`, invalid(`spec.ports[${i}].${field}`, n, RANGE), { evidence: n });
        }
      }
    }
  },
};
