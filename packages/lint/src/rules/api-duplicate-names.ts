import { num, rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { duplicate, fieldPath } from './shared/api.js';
import { eachPod } from './shared/each.js';

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
      const dup = (at: string, value: string, seen: Set<string>) => {
        if (seen.has(value)) report(o, at, duplicate(fieldPath(at), value), { evidence: value });
        seen.add(value);
      };
      const containers = new Set<string>();
      const hostPorts = new Set<string>();
      for (const c of pod.containers) {
        dup(`${c.at}/name`, c.name, containers);
        const names = new Set<string>();
        for (const [p, i] of records(c.c.ports)) {
          const name = str(p.name);
          if (name !== undefined && name !== '') dup(`${c.at}/ports/${i}/name`, name, names);
          const hp = num(p.hostPort);
          if (hp !== undefined && hp !== 0) dup(`${c.at}/ports/${i}/hostPort`, `${hp}/${str(p.protocol) ?? 'TCP'}`, hostPorts);
        }
      }
      const volumes = new Set<string>();
      for (const [v, i] of records(pod.spec.volumes)) dup(`${pod.specAt}/volumes/${i}/name`, str(v.name) ?? '', volumes);
    });
    for (const svc of release.ofKind('Service')) {
      const names = new Set<string>();
      const ports = new Set<string>();
      for (const [p, i] of records(rec(svc.value.spec)?.ports)) {
        const name = str(p.name);
        if (name !== undefined && name !== '') {
          if (names.has(name)) report(svc, `/spec/ports/${i}/name`, duplicate(`spec.ports[${i}].name`, name), { evidence: name });
          names.add(name);
        }
        const key = `${String(p.port)}/${str(p.protocol) ?? 'TCP'}`;
        if (ports.has(key)) report(svc, `/spec/ports/${i}`, duplicate(`spec.ports[${i}]`, key), { evidence: num(p.port) });
        ports.add(key);
      }
    }
  },
};
