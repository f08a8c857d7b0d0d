// Where an object keeps its pods: the pod template of every "deployment-like" kind (kube-linter's term: Pod,
// Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob, OpenShift DeploymentConfig),
// with JSON pointers so that findings point into the object.
import type { Json } from '../types.js';
import { isRecord, rec, str, stringMap } from './values.js';

export const DEPLOYMENT_LIKE = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'DeploymentConfig'];
const WITH_PODS = new Set(DEPLOYMENT_LIKE);
const WITH_SELECTOR = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'DeploymentConfig']);
const WITH_REPLICAS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'DeploymentConfig']);
const CONTAINER_FIELDS = [
  ['initContainers', 'init'],
  ['containers', 'regular'],
  ['ephemeralContainers', 'ephemeral'],
] as const;

export interface ContainerRef {
  c: Json;
  name: string;
  /** Pointer of the container in the object. */
  at: string;
  kind: 'init' | 'regular' | 'ephemeral';
}

export interface PodTemplate {
  /** The pod spec and its pointer. */
  spec: Json;
  specAt: string;
  /** The pod template's metadata (the Pod's own for a Pod) and its pointer. */
  meta: Json;
  metaAt: string;
  labels: Record<string, string>;
  /** Init containers, containers, then ephemeral containers (kube-linter's AllContainers order). */
  containers: ContainerRef[];
}

/** The pod template of an object, or undefined for kinds without pods. */
export function podTemplate(kind: string, value: Json): PodTemplate | undefined {
  if (kind === 'Pod') return build(rec(value.metadata) ?? {}, '/metadata', rec(value.spec), '/spec');
  const s = rec(value.spec);
  if (!WITH_PODS.has(kind) || s === undefined) return undefined;
  if (kind === 'CronJob') {
    const t = rec(rec(rec(s.jobTemplate)?.spec)?.template);
    const at = '/spec/jobTemplate/spec/template';
    return t === undefined ? undefined : build(rec(t.metadata) ?? {}, `${at}/metadata`, rec(t.spec), `${at}/spec`);
  }
  const t = rec(s.template);
  return t === undefined ? undefined : build(rec(t.metadata) ?? {}, '/spec/template/metadata', rec(t.spec), '/spec/template/spec');
}

/** A template without a spec still has pods (and labels that Services select), as kube-linter sees it. */
function build(meta: Json, metaAt: string, specOrNone: Json | undefined, specAt: string): PodTemplate {
  const spec = specOrNone ?? {};
  const containers: ContainerRef[] = [];
  // (indexed loops: this runs for every pod of a release, mostly before the code is optimized, where for…of allocates)
  for (let f = 0; f < CONTAINER_FIELDS.length; f++) {
    const [field, kind] = CONTAINER_FIELDS[f] as (typeof CONTAINER_FIELDS)[number];
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const c: unknown = list[i];
      if (isRecord(c)) containers.push({ c, name: str(c.name) ?? '', at: `${specAt}/${field}/${i}`, kind });
    }
  }
  return { spec, specAt, meta, metaAt, labels: stringMap(meta.labels), containers };
}

/** The selector field of a workload and its pointer (a plain map for ReplicationController and DeploymentConfig). */
export function workloadSelector(kind: string, value: Json): { selector: unknown; at: string; plainMap: boolean } | undefined {
  const s = rec(value.spec);
  if (s === undefined) return undefined;
  if (kind === 'CronJob') return { selector: rec(rec(s.jobTemplate)?.spec)?.selector, at: '/spec/jobTemplate/spec/selector', plainMap: false };
  if (!WITH_SELECTOR.has(kind)) return undefined;
  return { selector: s.selector, at: '/spec/selector', plainMap: kind === 'ReplicationController' || kind === 'DeploymentConfig' };
}

/** spec.replicas of kinds that have it (1 when unset, as the API defaults it). */
export function replicasOf(kind: string, value: Json): number | undefined {
  if (!WITH_REPLICAS.has(kind)) return undefined;
  const r = rec(value.spec)?.replicas;
  return typeof r === 'number' ? r : 1;
}

/** Whether a pod runs to completion (Jobs, CronJobs, and bare Pods with restartPolicy Never/OnFailure, e.g. `helm test`). */
export function runsToCompletion(kind: string, t: PodTemplate): boolean {
  if (kind === 'Job' || kind === 'CronJob') return true;
  return kind === 'Pod' && (t.spec.restartPolicy === 'Never' || t.spec.restartPolicy === 'OnFailure');
}

export function securityContext(c: Json): Json | undefined {
  return isRecord(c.securityContext) ? c.securityContext : undefined;
}
