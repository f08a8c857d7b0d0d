import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { imagePullSecrets, knownNames } from './shared/references.js';

const PULL_TYPES = ['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg'];

export const missingImagePullSecret: Rule = {
  id: 'missing-image-pull-secret',
  category: 'cross-resource',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'An `imagePullSecrets` entry that names no Secret (the kubelet only logs a warning and pulls anonymously, so a private image fails with ImagePullBackOff), or a Secret that is not of type `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`. Secrets declared external in the lint config are trusted.',
  remediation: 'Create the pull Secret (type kubernetes.io/dockerconfigjson) in the chart, fix the name, or declare it external in .helmforge-lint.yaml.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      for (const ref of imagePullSecrets(pod)) {
        if (release.isExternal('Secret', o.namespace, ref.name)) continue;
        const secret = release.find('Secret', o.namespace, ref.name);
        if (secret === undefined) report(o, ref.at, `image pull Secret "${ref.name}" is not in the release (${knownNames(release, 'Secret', o.namespace)})`, { evidence: ref.name });
        else if (!PULL_TYPES.includes(String(secret.value.type ?? 'Opaque'))) report(o, ref.at, `Secret "${ref.name}" is of type ${String(secret.value.type ?? 'Opaque')}, not kubernetes.io/dockerconfigjson`, { evidence: ref.name });
      }
    });
  },
};
