import { rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, invalid, notFound, required } from './shared/api.js';
import { eachPod } from './shared/each.js';

export const apiVolumeMounts: Rule = {
  id: 'api-volume-mounts',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'Volume mounts the API server refuses: a `volumeMounts[].name` that names no volume of the pod (for StatefulSets, no volumeClaimTemplate either), a mount path used twice in one container, an empty mountPath, and a `subPath` that is absolute or contains `..`.',
  remediation: 'Name a volume declared in `volumes` (or add it), and give each mount its own path.',
  check(release, report) {
    eachPod(release, (o, pod) => {
      const volumes = new Set(records(pod.spec.volumes).map(([v]) => str(v.name)));
      if (o.kind === 'StatefulSet') for (const [t] of records(rec(o.value.spec)?.volumeClaimTemplates)) volumes.add(str(rec(t.metadata)?.name));
      for (const c of pod.containers) {
        const paths = new Set<string>();
        for (const [m, i] of records(c.c.volumeMounts)) {
          const at = `${c.at}/volumeMounts/${i}`;
          const name = str(m.name) ?? '';
          if (!volumes.has(name)) report(o, `${at}/name`, notFound(fieldPath(`${at}/name`), name), { evidence: name });
          const path = str(m.mountPath) ?? '';
          if (path === '') report(o, `${at}/mountPath`, required(fieldPath(`${at}/mountPath`)));
          else if (paths.has(path)) report(o, `${at}/mountPath`, invalid(fieldPath(`${at}/mountPath`), path, 'must be unique'), { evidence: path });
          paths.add(path);
          const sub = str(m.subPath);
          if (sub !== undefined && sub !== '') {
            if (sub.startsWith('/')) report(o, `${at}/subPath`, invalid(fieldPath(`${at}/subPath`), sub, 'must be a relative path'), { evidence: sub });
            else if (sub.split('/').includes('..')) report(o, `${at}/subPath`, invalid(fieldPath(`${at}/subPath`), sub, "must not contain '..'"), { evidence: sub });
          }
        }
      }
    });
  },
};
