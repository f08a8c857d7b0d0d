// Objects that pods refer to by name (ConfigMaps, Secrets, claims): where the references are, and whether they resolve.
import { isRecord, list, rec, str } from '../../k8s/values.js';
import type { PodTemplate } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';
import type { Rule } from '../../types.js';
import { eachPod } from './each.js';

export interface Reference {
  name: string;
  at: string;
  optional: boolean;
  /** `env[].valueFrom` references also name a key. */
  key?: string;
}

/** ConfigMap or Secret references of a pod: env valueFrom, envFrom, volumes and projected volume sources. */
export function references(pod: PodTemplate, kind: 'ConfigMap' | 'Secret', opts: { env: boolean; other: boolean }): Reference[] {
  // (indexed loops: three rules ask for every pod of a release, mostly before the code is optimized)
  const out: Reference[] = [];
  const keyRef = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const fromRef = kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  for (let n = 0; n < pod.containers.length; n++) {
    const c = pod.containers[n] as PodTemplate['containers'][number];
    if (opts.env) {
      const env = list(c.c.env);
      for (let i = 0; i < env.length; i++) {
        const r = rec(rec(rec(env[i])?.valueFrom)?.[keyRef]);
        if (r !== undefined) out.push({ name: str(r.name) ?? '', key: str(r.key) ?? '', optional: r.optional === true, at: `${c.at}/env/${i}/valueFrom/${keyRef}/name` });
      }
    }
    if (opts.other) {
      const envFrom = list(c.c.envFrom);
      for (let i = 0; i < envFrom.length; i++) {
        const r = rec(rec(envFrom[i])?.[fromRef]);
        if (r !== undefined) out.push({ name: str(r.name) ?? '', optional: r.optional === true, at: `${c.at}/envFrom/${i}/${fromRef}/name` });
      }
    }
  }
  if (!opts.other) return out;
  const field = kind === 'ConfigMap' ? 'configMap' : 'secret';
  const nameField = kind === 'ConfigMap' ? 'name' : 'secretName';
  const volumes = list(pod.spec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const v = rec(volumes[i]);
    if (v === undefined) continue;
    const src = rec(v[field]);
    if (src !== undefined) out.push({ name: str(src[nameField]) ?? '', optional: src.optional === true, at: `${pod.specAt}/volumes/${i}/${field}/${nameField}` });
    const sources = list(rec(v.projected)?.sources);
    for (let j = 0; j < sources.length; j++) {
      const p = rec(rec(sources[j])?.[field]);
      if (p !== undefined) out.push({ name: str(p.name) ?? '', optional: p.optional === true, at: `${pod.specAt}/volumes/${i}/projected/sources/${j}/${field}/name` });
    }
  }
  return out;
}

/** The keys of a ConfigMap (data, binaryData) or Secret (data, stringData). */
export function keysOf(o: ReleaseObject): Set<string> {
  const keys = new Set<string>();
  for (const field of o.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData']) if (isRecord(o.value[field])) for (const k of Object.keys(o.value[field] as object)) keys.add(k);
  return keys;
}

/** Known names of a kind in a namespace, for messages ("known: a, b"). */
export function knownNames(release: Release, kind: string, namespace: string): string {
  const names = release.names(kind, namespace);
  return names.length === 0 ? `the release has no ${kind}` : `known: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
}

export function imagePullSecrets(pod: PodTemplate): { name: string; at: string }[] {
  return list(pod.spec.imagePullSecrets).flatMap((s, i) => (isRecord(s) && typeof s.name === 'string' ? [{ name: s.name, at: `${pod.specAt}/imagePullSecrets/${i}/name` }] : []));
}

/** missing-configmap and missing-secret: volume, projected and envFrom references that resolve to nothing. */
export function missingReferenceRule(kind: 'ConfigMap' | 'Secret'): Rule {
  return {
    id: `missing-${kind.toLowerCase()}`,
    category: 'cross-resource',
    severity: 'error',
    kinds: ['DeploymentLike'],
    description: `A pod that mounts a ${kind} as a volume (also in a projected volume) or loads it with \`envFrom\` does not start while the ${kind} is missing. Flags such references to ${kind}s the release does not have; optional references and ${kind}s declared external in the lint config are not flagged.`,
    remediation: `Create the ${kind} in the chart, fix the name, mark the reference \`optional: true\`, or declare it external in .helmforge-lint.yaml when it is created outside the release.`,
    check(release, report) {
      eachPod(release, (o, pod) => {
        for (const ref of references(pod, kind, { env: false, other: true })) {
          if (ref.optional || release.isExternal(kind, o.namespace, ref.name) || release.find(kind, o.namespace, ref.name) !== undefined) continue;
          report(o, ref.at, `${kind} "${ref.name}" is not in the release (${knownNames(release, kind, o.namespace)})`, { evidence: ref.name });
        }
      });
    },
  };
}
