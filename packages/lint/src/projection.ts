// What the rules that need the whole release (those without `scope: 'object'`) read of each object: a copy of the
// object with only those fields. A run that checks objects where they are parsed (a validation worker) keeps these
// small copies for the rules that run over the whole release at the end, instead of every parsed object. Rules read
// the copy exactly as the object (the same keys in the same order, lists with their items at the same indexes), so
// they find the same; a test runs every such rule on both over the rule fixtures and the generated charts. A release
// rule that reads a new field adds it here (that test fails until it does).
import { DEPLOYMENT_LIKE } from './k8s/workload.js';
import { isRecord } from './k8s/values.js';
import { isSuppression } from './suppress.js';
import type { Json } from './types.js';

/**
 * What to keep of a value: all of it; the listed keys of a mapping (`'*'`: what to keep of any other key); each item
 * of a list; or what a function makes of it.
 */
type Keep = true | { [key: string]: Keep } | readonly [Keep] | ((v: unknown) => unknown);

/** `out[k] = v`, also for a key named `__proto__` (which YAML allows). */
function put(out: Json, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/** The keys of a mapping (ConfigMap and Secret data: rules look up keys, not contents). */
const keysOnly = (v: unknown): unknown => {
  if (!isRecord(v)) return v;
  const out: Json = {};
  for (const k in v) if (Object.hasOwn(v, k)) put(out, k, null);
  return out;
};

/** The annotations that suppress rules (others, such as kubectl's last-applied-configuration, can be large). */
const suppressions = (v: unknown): unknown => {
  if (!isRecord(v)) return v;
  const out: Json = {};
  for (const k in v) if (Object.hasOwn(v, k) && isSuppression(k)) put(out, k, v[k]);
  return out;
};

const METADATA: Keep = { name: true, generateName: true, namespace: true, labels: true, annotations: suppressions };

/** References to other objects, ports and settings of a container that release rules follow. */
const CONTAINER: Keep = { name: true, ports: true, env: [{ valueFrom: true }], envFrom: true };

const POD_SPEC = {
  serviceAccountName: true,
  serviceAccount: true,
  automountServiceAccountToken: true,
  restartPolicy: true,
  imagePullSecrets: true,
  volumes: [{ name: true, persistentVolumeClaim: true, configMap: true, secret: true, projected: true }],
  initContainers: [CONTAINER],
  containers: [CONTAINER],
  ephemeralContainers: [CONTAINER],
} as const satisfies Keep;

const POD_TEMPLATE: Keep = { metadata: { labels: true }, spec: POD_SPEC };

/** The spec of every kind with pods: a Pod's own pod spec, or a workload's replicas, selector and template. */
const WORKLOAD_SPEC: Keep = {
  ...POD_SPEC,
  replicas: true,
  selector: true,
  template: POD_TEMPLATE,
  volumeClaimTemplates: [{ metadata: { name: true } }],
  jobTemplate: { spec: { selector: true, template: POD_TEMPLATE } },
};


const BY_KIND: Record<string, Keep> = {
  ...Object.fromEntries(DEPLOYMENT_LIKE.map((k) => [k, { apiVersion: true, kind: true, metadata: METADATA, spec: WORKLOAD_SPEC }])),
  ConfigMap: { apiVersion: true, kind: true, metadata: METADATA, data: keysOnly, binaryData: keysOnly },
  Secret: { apiVersion: true, kind: true, metadata: METADATA, type: true, data: keysOnly, stringData: keysOnly },
  // small objects that release rules read in full
  ...Object.fromEntries(
    ['Service', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'PersistentVolumeClaim', 'PersistentVolume', 'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map(
      (k) => [k, { metadata: METADATA, '*': true }],
    ),
  ),
};

const IDENTITY: Keep = { apiVersion: true, kind: true, metadata: METADATA };

function project(v: unknown, keep: Keep): unknown {
  if (keep === true) return v;
  if (typeof keep === 'function') return keep(v);
  if (Array.isArray(keep)) {
    if (!Array.isArray(v)) return v;
    const item = (keep as readonly [Keep])[0];
    return v.map((x) => (isRecord(x) ? project(x, item) : x));
  }
  if (!isRecord(v)) return v;
  const spec = keep as Record<string, Keep>;
  const other = spec['*'];
  const out: Json = {};
  // in the object's own key order
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const keepK = Object.hasOwn(spec, k) ? spec[k] : other;
    if (keepK !== undefined) put(out, k, project(v[k], keepK));
  }
  return out;
}

/** The part of an object that the release-scoped rules read. */
export function releaseProjection(value: Json): Json {
  const kind = typeof value.kind === 'string' ? value.kind : '';
  return project(value, BY_KIND[kind] ?? IDENTITY) as Json;
}
