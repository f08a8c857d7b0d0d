import { portName } from '../k8s/names.js';
import { rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, invalid } from './shared/api.js';
import { eachContainer } from './shared/each.js';

export const apiPortName: Rule = {
  id: 'api-port-name',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike', 'Service'],
  description:
    'Port names the API server refuses (IANA service names): at most 15 characters, lower case letters, digits and `-`, at least one letter, no leading, trailing or double `-` (`metrics-endpoint-http` is too long). Checks container port names and Service targetPorts (a name, or a number from 1 to 65535), as kube-linter does.',
  remediation: 'Shorten the port name to 15 characters or fewer (`http-metrics`), in the container and in the Service\'s targetPort alike.',
  kubeLinter: ['invalid-target-ports'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const [p, i] of records(c.c.ports)) {
        const name = str(p.name);
        if (name === undefined || name === '') continue;
        const at = `${c.at}/ports/${i}/name`;
        for (const e of portName(name)) report(o, at, invalid(fieldPath(at), name, e), { evidence: name });
      }
    });
    for (const svc of release.ofKind('Service')) {
      for (const [p, i] of records(rec(svc.value.spec)?.ports)) {
        const t = p.targetPort;
        const at = `/spec/ports/${i}/targetPort`;
        if (typeof t === 'string') for (const e of portName(t)) report(svc, at, invalid(`spec.ports[${i}].targetPort`, t, e), { evidence: t });
        if (typeof t === 'number' && t !== 0 && (t < 1 || t > 65535)) report(svc, at, invalid(`spec.ports[${i}].targetPort`, t, 'must be between 1 and 65535, inclusive'), { evidence: t });
      }
    }
  },
};
