import type { Rule } from '../types.js';

export const duplicateObject: Rule = {
  id: 'duplicate-object',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['*'],
  description:
    'Two objects of the same kind (and API group) with the same name in the same namespace: `helm install` refuses the release (or one silently overwrites the other with kubectl apply). Usually two subcharts or two list entries rendering the same name.',
  remediation: 'Give each object its own name (include the release or component name).',
  check(release, report) {
    const seen = new Set<string>();
    for (const o of release.objects) {
      if (o.kind === '' || o.name === '') continue;
      const key = `${o.group}/${o.kind}/${o.namespace}/${o.name}`;
      if (seen.has(key)) report(o, '/metadata/name', `another ${o.kind} named "${o.name}"${o.namespace !== '' ? ` in namespace ${o.namespace}` : ''} is in the release`, { evidence: o.name });
      seen.add(key);
    }
  },
};
