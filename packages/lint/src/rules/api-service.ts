import { dns1123Label, dns1123Subdomain } from '../k8s/names.js';
import { num, rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { forbidden, invalid, required, unsupported } from './shared/api.js';

export const apiService: Rule = {
  id: 'api-service',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['Service'],
  description:
    'Services the API server refuses: no ports (unless ExternalName or headless), several ports of which one has no name, a port name that is not a DNS-1123 label, a protocol other than TCP, UDP or SCTP, a nodePort on a ClusterIP Service, `clusterIP: None` on a NodePort or LoadBalancer Service, an ExternalName Service without a valid externalName, and externalTrafficPolicy on a Service that is neither NodePort nor LoadBalancer.',
  remediation: 'Fix the field as the message says (name every port when there are several; set nodePort only with type NodePort or LoadBalancer).',
  check(release, report) {
    for (const svc of release.ofKind('Service')) {
      const spec = rec(svc.value.spec) ?? {};
      const type = str(spec.type) ?? 'ClusterIP';
      const ports = records(spec.ports);
      const headless = spec.clusterIP === 'None';
      if (ports.length === 0 && type !== 'ExternalName' && !headless) report(svc, '/spec', required('spec.ports'));
      for (const [p, i] of ports) {
        const name = str(p.name);
        if ((name === undefined || name === '') && ports.length > 1) report(svc, `/spec/ports/${i}`, required(`spec.ports[${i}].name`));
        if (name !== undefined && name !== '') for (const e of dns1123Label(name)) report(svc, `/spec/ports/${i}/name`, invalid(`spec.ports[${i}].name`, name, e), { evidence: name });
        const protocol = str(p.protocol);
        if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol)) report(svc, `/spec/ports/${i}/protocol`, unsupported(`spec.ports[${i}].protocol`, protocol, ['SCTP', 'TCP', 'UDP']), { evidence: protocol });
        const nodePort = num(p.nodePort);
        if (nodePort !== undefined && nodePort !== 0 && (type === 'ClusterIP' || type === 'ExternalName')) report(svc, `/spec/ports/${i}/nodePort`, forbidden(`spec.ports[${i}].nodePort`, `may not be used when \`type\` is '${type}'`), { evidence: nodePort });
      }
      if (headless && (type === 'NodePort' || type === 'LoadBalancer')) report(svc, '/spec/clusterIP', invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
      if (type === 'ExternalName') {
        const ext = str(spec.externalName);
        if (ext === undefined || ext === '') report(svc, '/spec', required('spec.externalName'));
        else for (const e of dns1123Subdomain(ext.replace(/\.$/, ''))) report(svc, '/spec/externalName', invalid('spec.externalName', ext, e), { evidence: ext });
      }
      if (spec.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy !== null && type !== 'NodePort' && type !== 'LoadBalancer') {
        report(svc, '/spec/externalTrafficPolicy', invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set when `type` is \'NodePort\' or \'LoadBalancer\''));
      }
    }
  },
};
