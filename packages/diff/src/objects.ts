// A release as helm would send it to the API server: the objects of one `helm template` (or `helm get manifest`)
// output, each named by what Helm pairs objects by on upgrade — (group, kind, namespace, name) — with hooks and
// test hooks set apart, because Helm runs them instead of upgrading them.
import { isClusterScoped } from '@helmforge/lint';
import { parseManifest, splitText } from '@helmforge/validator';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Hook {
  /** `helm.sh/hook` events: pre-install, pre-upgrade, post-upgrade, test, … */
  events: string[];
  weight: number;
  deletePolicies: string[];
}

export interface ReleaseObject {
  /** `group/kind/namespace/name`: Helm's identity of an object (pkg/kube/resource.go isMatchingInfo). */
  key: string;
  apiVersion: string;
  group: string;
  kind: string;
  /** The object's namespace, the release namespace when it has none; '' for cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** The template that rendered it (`# Source:`), when known. */
  source?: string;
  /** The (sub)chart it comes from: the alias for a subchart, e.g. `web`, `nfs-pv`; the chart name otherwise. */
  component: string;
  body: JsonObject;
  hook?: Hook;
}

export interface Release {
  /** Release objects by key (hooks excluded). */
  objects: Map<string, ReleaseObject>;
  /** Hooks other than `test`, in the order Helm runs them (weight, then kind and name). */
  hooks: ReleaseObject[];
  /** `helm test` hooks: never run by an upgrade. */
  tests: ReleaseObject[];
}

/** A manifest that cannot be read: the file, the line, and what is wrong. */
export class ManifestError extends Error {}


function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `Kind name`; `Kind namespace/name` when a release namespace is given and the object is elsewhere. */
export function describe(o: Pick<ReleaseObject, 'kind' | 'name' | 'namespace'>, releaseNamespace?: string): string {
  return o.namespace !== '' && releaseNamespace !== undefined && o.namespace !== releaseNamespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

/**
 * The claims a StatefulSet's pods get from its volumeClaimTemplates, `<template>-<name>-<ordinal>`, for its replicas
 * (1 when not set) or the first `ordinals` of them.
 */
export function statefulSetClaims(sts: ReleaseObject, ordinals?: number): string[] {
  const spec = isObject(sts.body.spec) ? sts.body.spec : {};
  const count = ordinals ?? (typeof spec.replicas === 'number' ? spec.replicas : 1);
  return (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []).flatMap((t) => {
    const name = isObject(t) && isObject(t.metadata) ? t.metadata.name : undefined;
    return typeof name === 'string' ? Array.from({ length: count }, (_, i) => `${name}-${sts.name}-${i}`) : [];
  });
}

/** The (sub)chart of a `# Source:` path: `platform/charts/web/templates/x.yaml` → `web`, `mychart/templates/x.yaml` → `mychart`. */
function componentOf(source: string | undefined, fallback: string): string {
  if (source === undefined) return fallback;
  const parts = source.split('/');
  const templates = parts.lastIndexOf('templates');
  if (templates >= 2 && parts[templates - 2] === 'charts') return parts[templates - 1] as string;
  return parts[0] ?? fallback;
}

function parseHook(annotations: JsonObject | undefined): Hook | undefined {
  const events = annotations?.['helm.sh/hook'];
  if (typeof events !== 'string' || events.trim() === '') return undefined;
  const list = (v: Json | undefined) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const weight = Number(annotations?.['helm.sh/hook-weight'] ?? 0);
  return { events: list(events), weight: Number.isFinite(weight) ? weight : 0, deletePolicies: list(annotations?.['helm.sh/hook-delete-policy']) };
}

export interface ReadOptions {
  /** The release namespace: objects without one are created there. */
  namespace: string;
  /** Component of objects without a `# Source:` (a manifest file): its name. */
  fallbackComponent: string;
}

/**
 * Reads a rendered release. `file` names the input in error messages. CustomResourceDefinitions in the same
 * release decide whether their custom objects are cluster-scoped; other unknown kinds are taken as namespaced.
 */
export function readRelease(file: string, text: string, options: ReadOptions): Release {
  const bodies: { body: JsonObject; source?: string }[] = [];
  for (const doc of splitText(file, text)) {
    if (doc.error !== undefined) throw new ManifestError(`${file}:${doc.line}: ${doc.error}`);
    const parsed = parseManifest(doc.text ?? '', { strict: false, firstLine: doc.line });
    if (!parsed.ok) throw new ManifestError(`${file}:${parsed.line ?? doc.line}: ${parsed.error}`);
    if ('empty' in parsed) continue;
    const value = parsed.value as Json;
    if (!isObject(value)) throw new ManifestError(`${file}:${doc.line}: a document that is not a Kubernetes object (expected a mapping with apiVersion and kind)`);
    const items = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) ? value.items : [value];
    for (const item of items) {
      if (!isObject(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string' || !isObject(item.metadata) || typeof item.metadata.name !== 'string') {
        throw new ManifestError(`${file}:${doc.line}: an object without apiVersion, kind or metadata.name`);
      }
      bodies.push({ body: item, ...(doc.source !== undefined ? { source: doc.source } : {}) });
    }
  }
  const clusterCustomKinds = new Set<string>();
  for (const { body } of bodies) {
    const spec = body.spec;
    if (body.kind === 'CustomResourceDefinition' && isObject(spec) && spec.scope === 'Cluster' && isObject(spec.names) && typeof spec.group === 'string') {
      clusterCustomKinds.add(`${spec.group}/${String(spec.names.kind)}`);
    }
  }
  const release: Release = { objects: new Map(), hooks: [], tests: [] };
  for (const { body, source } of bodies) {
    const meta = body.metadata as JsonObject;
    const apiVersion = body.apiVersion as string;
    const kind = body.kind as string;
    const group = groupOf(apiVersion);
    const clusterScoped = isClusterScoped(kind) || clusterCustomKinds.has(`${group}/${kind}`);
    const namespace = clusterScoped ? '' : typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : options.namespace;
    const name = meta.name as string;
    const hook = parseHook(isObject(meta.annotations) ? meta.annotations : undefined);
    const object: ReleaseObject = {
      key: `${group}/${kind}/${namespace}/${name}`,
      apiVersion,
      group,
      kind,
      namespace,
      name,
      ...(source !== undefined ? { source } : {}),
      component: componentOf(source, options.fallbackComponent),
      body,
      ...(hook !== undefined ? { hook } : {}),
    };
    if (hook === undefined) {
      if (release.objects.has(object.key)) throw new ManifestError(`${file}: ${describe(object)} is rendered twice (helm would refuse the release)`);
      release.objects.set(object.key, object);
    } else if (hook.events.includes('test') || hook.events.includes('test-success')) release.tests.push(object);
    else release.hooks.push(object);
  }
  release.hooks.sort((a, b) => (a.hook?.weight ?? 0) - (b.hook?.weight ?? 0) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return release;
}
