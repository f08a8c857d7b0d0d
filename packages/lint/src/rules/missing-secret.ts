import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { knownNames, references } from './shared/references.js';

export const missingSecret: Rule = {
  id: 'missing-secret',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A pod that mounts a Secret as a volume (also in a projected volume) or loads it with `envFrom` does not start while the Secret is missing. Flags such references to Secrets the release does not have; optional references and Secrets declared external in the lint config are not flagged.',
  remediation: 'Create the Secret in the chart, fix the name, mark the reference `optional: true`, or declare it external in .helmforge-lint.yaml when it is created outside the release.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const ref of references(pod, 'Secret', { env: false, other: true })) {
        if (ref.optional || release.isExternal('Secret', o.namespace, ref.name) || release.find('Secret', o.namespace, ref.name) !== undefined) continue;
        report(o, ref.at, `Secret "${ref.name}" is not in the release (${knownNames(release, 'Secret', o.namespace)})`, { evidence: ref.name });
      }
    });
  },
};
