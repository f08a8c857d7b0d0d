import { rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachPod } from './shared/each.js';
import { knownNames } from './shared/references.js';

export const missingPvc: Rule = {
  id: 'missing-pvc',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A pod whose volume names a PersistentVolumeClaim the release does not have stays Pending. Flags `persistentVolumeClaim.claimName`s that name no claim of the pod\'s namespace (StatefulSet volumeClaimTemplates count, and claims declared external in the lint config are trusted).',
  remediation: 'Create the claim in the chart, fix the name (an `existingClaim` value is a common place for typos), or declare the claim external in .helmforge-lint.yaml.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      const templates = new Set(o.kind === 'StatefulSet' ? records(rec(o.value.spec)?.volumeClaimTemplates).map(([t]) => str(rec(t.metadata)?.name)) : []);
      for (const [v, i] of records(pod.spec.volumes)) {
        const claim = str(rec(v.persistentVolumeClaim)?.claimName);
        if (claim === undefined || templates.has(claim)) continue;
        if (release.isExternal('PersistentVolumeClaim', o.namespace, claim) || release.find('PersistentVolumeClaim', o.namespace, claim) !== undefined) continue;
        report(o, `${pod.specAt}/volumes/${i}/persistentVolumeClaim/claimName`, `PersistentVolumeClaim "${claim}" is not in the release (${knownNames(release, 'PersistentVolumeClaim', o.namespace)})`, { evidence: claim });
      }
    });
  },
};
