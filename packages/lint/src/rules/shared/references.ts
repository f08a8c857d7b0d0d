// Objects that pods refer to by name (ConfigMaps, Secrets, claims): where the references are, and whether they resolve.
import { isRecord, list, rec, records, str } from '../../k8s/values.js';
import type { PodTemplate } from '../../k8s/workload.js';
import type { Release, ReleaseObject } from '../../release.js';

export interface Reference {
  name: string;
  at: string;
  optional: boolean;
  /** `env[].valueFrom` references also name a key. */
  key?: string;
}

/** ConfigMap or Secret references of a pod: env valueFrom, envFrom, volumes and projected volume sources. */
export function references(pod: PodTemplate, kind: 'ConfigMap' | 'Secret', opts: { env: boolean; other: boolean }): Reference[] {
  const out: Reference[] = [];
  const keyRef = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const fromRef = kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  for (const c of pod.containers) {
    if (opts.env) {
      for (const [e, i] of records(c.c.env)) {
        const r = rec(rec(e.valueFrom)?.[keyRef]);
        if (r !== undefined) out.push({ name: str(r.name) ?? '', key: str(r.key) ?? '', optional: r.optional === true, at: `${c.at}/env/${i}/valueFrom/${keyRef}/name` });
      }
    }
    if (opts.other) {
      for (const [e, i] of records(c.c.envFrom)) {
        const r = rec(e[fromRef]);
        if (r !== undefined) out.push({ name: str(r.name) ?? '', optional: r.optional === true, at: `${c.at}/envFrom/${i}/${fromRef}/name` });
      }
    }
  }
  if (!opts.other) return out;
  const field = kind === 'ConfigMap' ? 'configMap' : 'secret';
  const nameField = kind === 'ConfigMap' ? 'name' : 'secretName';
  for (const [v, i] of records(pod.spec.volumes)) {
    const src = rec(v[field]);
    if (src !== undefined) out.push({ name: str(src[nameField]) ?? '', optional: src.optional === true, at: `${pod.specAt}/volumes/${i}/${field}/${nameField}` });
    for (const [s, j] of records(rec(v.projected)?.sources)) {
      const p = rec(s[field]);
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
