import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { keysOf, knownNames, references } from './shared/references.js';

export const envValueFrom: Rule = {
  id: 'env-value-from',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'An environment variable taken from a ConfigMap or Secret key (`valueFrom.configMapKeyRef` / `secretKeyRef`) that the release does not have, or a key that object does not hold, keeps the pod in CreateContainerConfigError. Optional references and objects declared external in the lint config are not flagged.',
  remediation: 'Name an existing ConfigMap or Secret and one of its keys, create it in the chart, or mark the reference `optional: true`.',
  kubeLinter: ['env-value-from'],
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const kind of ['ConfigMap', 'Secret'] as const) {
        for (const ref of references(pod, kind, { env: true, other: false })) {
          if (ref.optional || release.isExternal(kind, o.namespace, ref.name)) continue;
          const target = release.find(kind, o.namespace, ref.name);
          if (target === undefined) report(o, ref.at, `${kind} "${ref.name}" is not in the release (${knownNames(release, kind, o.namespace)})`, { evidence: ref.name });
          else if (!keysOf(target).has(ref.key ?? '')) report(o, ref.at.replace(/\/name$/, '/key'), `${kind} "${ref.name}" has no key "${ref.key}"`, { evidence: ref.key });
        }
      }
    });
  },
};
