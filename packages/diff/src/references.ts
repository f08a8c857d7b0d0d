// Who uses what: the pod templates of a release and the claims, ConfigMaps and Secrets they reference, so that a
// verdict about a claim can name whose data it holds, and one about a ConfigMap whose pods see the change.
import { isObject, type Json, type JsonObject, type Release, type ReleaseObject } from './objects.js';

/** The pod template of a workload (a bare Pod's own metadata and spec), or undefined for other kinds. */
function podTemplate(o: ReleaseObject): JsonObject | undefined {
  const spec = o.body.spec;
  if (!isObject(spec)) return undefined;
  if (o.kind === 'Pod') return { metadata: o.body.metadata ?? {}, spec };
  if (o.kind === 'CronJob') {
    const job = isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec.template : undefined;
    return isObject(job) ? job : undefined;
  }
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(o.kind) && isObject(spec.template) ? spec.template : undefined;
}

export type Use = 'volume' | 'env';

/** Each object of `kind` named in a pod spec (volumes, projected sources, env, envFrom) and how it is used. */
function referencesIn(pod: JsonObject, kind: 'PersistentVolumeClaim' | 'ConfigMap' | 'Secret'): Map<string, Set<Use>> {
  const out = new Map<string, Set<Use>>();
  const add = (name: Json | undefined, use: Use) => {
    if (typeof name !== 'string') return;
    const uses = out.get(name) ?? new Set<Use>();
    uses.add(use);
    out.set(name, uses);
  };
  const spec = isObject(pod.spec) ? pod.spec : {};
  const volumeField = { PersistentVolumeClaim: 'persistentVolumeClaim', ConfigMap: 'configMap', Secret: 'secret' }[kind];
  const nameField = kind === 'PersistentVolumeClaim' ? 'claimName' : kind === 'Secret' ? 'secretName' : 'name';
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isObject(v)) continue;
    const direct = v[volumeField];
    if (isObject(direct)) add(direct[nameField], 'volume');
    const projected = isObject(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    for (const s of projected) if (isObject(s) && isObject(s[volumeField])) add((s[volumeField] as JsonObject).name, 'volume');
  }
  if (kind === 'PersistentVolumeClaim') return out;
  const refField = kind === 'ConfigMap' ? 'configMapRef' : 'secretRef';
  const keyRefField = kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef';
  const containers = [spec.containers, spec.initContainers].flatMap((l) => (Array.isArray(l) ? l : []));
  for (const c of containers) {
    if (!isObject(c)) continue;
    for (const e of Array.isArray(c.envFrom) ? c.envFrom : []) if (isObject(e) && isObject(e[refField])) add((e[refField] as JsonObject).name, 'env');
    for (const e of Array.isArray(c.env) ? c.env : []) {
      const from = isObject(e) && isObject(e.valueFrom) ? e.valueFrom[keyRefField] : undefined;
      if (isObject(from)) add(from.name, 'env');
    }
  }
  if (kind === 'Secret') for (const s of Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : []) if (isObject(s)) add(s.name, 'env');
  return out;
}

export interface User {
  workload: ReleaseObject;
  uses: Set<Use>;
}

/** The workloads of `release` whose pods use the object `kind` `name` in `namespace`. */
export function usersOf(release: Release, kind: 'PersistentVolumeClaim' | 'ConfigMap' | 'Secret', namespace: string, name: string): User[] {
  const out: User[] = [];
  for (const o of release.objects.values()) {
    if (o.namespace !== namespace) continue;
    const pod = podTemplate(o);
    const uses = pod !== undefined ? referencesIn(pod, kind).get(name) : undefined;
    if (uses !== undefined) out.push({ workload: o, uses });
  }
  return out;
}
