import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { knownNames, references } from './shared/references.js';

export const missingConfigMap: Rule = {
  id: 'missing-configmap',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A pod that mounts a ConfigMap as a volume (also in a projected volume) or loads it with `envFrom` does not start while the ConfigMap is missing. Flags such references to ConfigMaps the release does not have; optional references and ConfigMaps declared external in the lint config are not flagged.',
  remediation: 'Create the ConfigMap in the chart, fix the name, mark the reference `optional: true`, or declare it external in .helmforge-lint.yaml when it is created outside the release.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const ref of references(pod, 'ConfigMap', { env: false, other: true })) {
        if (ref.optional || release.isExternal('ConfigMap', o.namespace, ref.name) || release.find('ConfigMap', o.namespace, ref.name) !== undefined) continue;
        report(o, ref.at, `ConfigMap "${ref.name}" is not in the release (${knownNames(release, 'ConfigMap', o.namespace)})`, { evidence: ref.name });
      }
    });
  },
};
