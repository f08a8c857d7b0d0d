import { num, rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { duplicate, fieldPath } from './shared/api.js';
import { eachPod } from './shared/each.js';
import { Seen } from './shared/seen.js';

export const apiDuplicateNames: Rule = {
  id: 'api-duplicate-names',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike', 'Service'],
  description:
    'Names that must be unique and are not, which the API server refuses: two containers of a pod (init, regular and ephemeral together), two volumes, two ports of one container, the same hostPort and protocol twice in a pod, two Service ports with one name or with one port number and protocol.',
  remediation: 'Give each container, volume and port its own name (and each Service port its own number/protocol).',
  check(release, report) {
    eachPod(release, (o, pod) => {
      const dup = (at: string, value: string) => report(o, at, duplicate(fieldPath(at), value), { evidence: value });
      const containers = new Seen();
      let hostPorts: Seen | undefined;
      for (const c of pod.containers) {
        if (containers.repeated(c.name)) dup(`${c.at}/name`, c.name);
        const ports = c.c.ports;
        if (!Array.isArray(ports) || ports.length === 0) continue;
        const names = new Seen();
        for (const [p, i] of records(ports)) {
          const name = str(p.name);
          if (name !== undefined && name !== '' && names.repeated(name)) dup(`${c.at}/ports/${i}/name`, name);
          const hp = num(p.hostPort);
          if (hp !== undefined && hp !== 0) {
            const key = `${hp}/${str(p.protocol) ?? 'TCP'}`;
            if ((hostPorts ??= new Seen()).repeated(key)) dup(`${c.at}/ports/${i}/hostPort`, key);
          }
        }
      }
      const volumes = new Seen();
      for (const [v, i] of records(pod.spec.volumes)) {
        const name = str(v.name) ?? '';
        if (volumes.repeated(name)) dup(`${pod.specAt}/volumes/${i}/name`, name);
      }
    });
    for (const svc of release.ofKind('Service')) {
      const names = new Seen();
      const ports = new Seen();
      for (const [p, i] of records(rec(svc.value.spec)?.ports)) {
        const name = str(p.name);
        if (name !== undefined && name !== '' && names.repeated(name)) report(svc, `/spec/ports/${i}/name`, duplicate(`spec.ports[${i}].name`, name), { evidence: name });
        const key = `${String(p.port)}/${str(p.protocol) ?? 'TCP'}`;
        if (ports.repeated(key)) report(svc, `/spec/ports/${i}`, duplicate(`spec.ports[${i}]`, key), { evidence: num(p.port) });
      }
    }
  },
};
