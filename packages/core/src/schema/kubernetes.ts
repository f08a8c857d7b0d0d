// Typed Kubernetes fields for values schemas (affinity, tolerations, extra volumes, sidecars, securityContext …), built
// from the Kubernetes API's own definitions so that a typo such as `nodeAfinity` fails in the editor and at
// `helm install`, exactly where the API server would have dropped it silently.
//
// The definitions come from kubernetes/definitions.json in this package: the closure of PodSpec, taken verbatim from
// the Kubernetes 1.33 `_definitions.json` bundle by tools/kubernetes-definitions.mjs (a test keeps it equal to the
// bundle). A values schema references them as `#/definitions/<name>` and carries the ones it uses, so every
// values.schema.json stays self-contained draft-07.
import { Type as T, type TUnsafe } from '@sinclair/typebox';
import { readFileSync } from 'node:fs';
import { QUANTITY_PATTERN } from './fragments.js';
import { KUBERNETES_DEFINITIONS_FILE, REF_PREFIX, refsIn, type KubernetesDefinitionsFile } from './kubernetes-definitions.js';
import type { JsonSchema } from './toolkit.js';

let file: KubernetesDefinitionsFile | undefined;
function kubernetesFile(): KubernetesDefinitionsFile {
  return (file ??= JSON.parse(readFileSync(KUBERNETES_DEFINITIONS_FILE, 'utf8')) as KubernetesDefinitionsFile);
}

/** Kubernetes version of the definitions the typed fields use. */
export const kubernetesVersion = () => kubernetesFile().kubernetesVersion;

const QUANTITY_NAME = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING_NAME = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** The short name of a definition (`io.k8s.api.core.v1.Affinity` → `Affinity`). */
export const kindOf = (name: string) => name.slice(name.lastIndexOf('.') + 1);

const transformed = new Map<string, JsonSchema>();

/**
 * A definition as values schemas use it:
 *  - strict: an object with `properties` accepts no other key (`additionalProperties: false`), so typos fail;
 *  - a property its object does not require, and a map value, also accepts null. That is kubeconform's reading of the
 *    API, and it is what Helm values mean by null: Helm deletes a key set to null when the chart has a default for it
 *    (`resources.limits.cpu: null` drops the CPU limit), and renders any other null as `key: null`, which the API
 *    server reads as unset. The field itself, a required property and a list entry do not accept null: a null there
 *    would leave a required value missing or render a null entry that the API server rejects;
 *  - quantities are strings that match the API server's quantity syntax (or non-negative numbers), int-or-string is
 *    a string or an integer; formats and the server-side `x-kubernetes-*` annotations are left out.
 * The definition itself accepts null (its `type` lists it), so that an optional reference costs nothing but the
 * `$ref`; the positions that must not be null say so with their own `type` (see reference). Helm compiles every
 * subschema of a values schema on every install, so fewer of them is faster.
 */
export function valuesDefinition(name: string): JsonSchema {
  let def = transformed.get(name);
  if (!def) {
    const source = kubernetesFile().definitions[name];
    if (!source) throw new Error(`no Kubernetes definition ${name} in ${KUBERNETES_DEFINITIONS_FILE}`);
    const special =
      name === QUANTITY_NAME
        ? { description: 'A quantity: a number with an optional suffix, e.g. 500m, 256Mi, 10Gi or 1.5.', type: [...typesOf(name), 'null'], ...QUANTITY_PATTERN, minimum: 0 }
        : name === INT_OR_STRING_NAME
          ? { description: 'An integer or a string such as a port name or a percentage.', type: [...typesOf(name), 'null'] }
          : toValuesSchema(source, true);
    transformed.set(name, (def = { title: kindOf(name), ...special }));
  }
  return def;
}

/** The types of a definition's values, null left out (what a non-null reference to it requires). */
function typesOf(name: string): string[] {
  if (name === QUANTITY_NAME) return ['string', 'number'];
  if (name === INT_OR_STRING_NAME) return ['string', 'integer'];
  const type = kubernetesFile().definitions[name]?.type;
  return type === undefined ? [] : ([] as string[]).concat(type as string | string[]);
}

/**
 * A reference to a definition: as it is (the definition accepts null) where null is allowed, else under `allOf` beside
 * the definition's own non-null types. A description stays beside the `$ref`, where editors read it.
 */
function reference(ref: string, description: unknown, nullable: boolean): JsonSchema {
  const docs = description === undefined ? {} : { description };
  if (nullable) return { ...docs, $ref: ref };
  const types = typesOf(ref.slice(REF_PREFIX.length));
  return { ...docs, ...(types.length ? { type: types.length === 1 ? types[0] : types } : { not: { type: 'null' } }), allOf: [{ $ref: ref }] };
}

function toValuesSchema(schema: JsonSchema, nullable: boolean): JsonSchema {
  if (typeof schema.$ref === 'string') return reference(schema.$ref, schema.description, nullable);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'format') continue;
    if (key === 'properties') {
      const required = new Set((schema.required as string[] | undefined) ?? []);
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([p, sub]) => [p, toValuesSchema(sub, !required.has(p))]));
    } else if (key === 'items') out.items = toValuesSchema(value as JsonSchema, false);
    else if (key === 'additionalProperties' && typeof value === 'object') out.additionalProperties = toValuesSchema(value as JsonSchema, true);
    else out[key] = value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (nullable) {
    if (out.type !== undefined) out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

/** The Kubernetes definitions a (values) schema refers to, transitively, in their values form, sorted by name. */
export function kubernetesDefinitionsFor(schema: unknown): Record<string, JsonSchema> {
  const known = kubernetesFile().definitions;
  const found = new Map<string, JsonSchema>();
  const pending = refsIn(schema).filter((n) => n in known);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (found.has(name)) continue;
    found.set(name, valuesDefinition(name));
    pending.push(...refsOf(name));
  }
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const refs = new Map<string, string[]>();
/** The definitions one definition refers to directly (they are walked for every schema that uses it). */
const refsOf = (name: string) => refs.get(name) ?? refs.set(name, refsIn(valuesDefinition(name))).get(name)!;

/** True when a definition name is one of the Kubernetes API's (how the values table and the umbrella tell them apart). */
export const isKubernetesDefinition = (name: string) => name.startsWith('io.k8s.');

type KubeObject = { [key: string]: unknown };

/** The schema of a PodSpec or Container field in its values form, with helmforge's own description. */
function field(owner: 'PodSpec' | 'Container', name: string, description: string): JsonSchema {
  const def = kubernetesFile().definitions[`io.k8s.api.core.v1.${owner}`] as { properties: Record<string, JsonSchema> };
  const source = def.properties[name];
  if (!source) throw new Error(`core/v1 ${owner} has no field ${name}`);
  return toValuesSchema({ ...source, description }, false);
}

const typed = <S>(owner: 'PodSpec' | 'Container', name: string, description: string): TUnsafe<S> => T.Unsafe<S>(field(owner, name, description));

// Pod placement
export const Affinity = (description = 'Affinity rules of the pods (core/v1 Affinity).') => typed<KubeObject>('PodSpec', 'affinity', description);
export const Tolerations = (description = 'Tolerations of the pods (core/v1 Toleration).') => typed<KubeObject[]>('PodSpec', 'tolerations', description);
export const NodeSelector = (description = 'Node labels the pods must match.') => typed<Record<string, string>>('PodSpec', 'nodeSelector', description);
export const TopologySpreadConstraints = (description = 'Topology spread constraints of the pods (core/v1 TopologySpreadConstraint).') =>
  typed<KubeObject[]>('PodSpec', 'topologySpreadConstraints', description);
// Pod contents
export const Volumes = (description = 'Pod volumes (core/v1 Volume).') => typed<KubeObject[]>('PodSpec', 'volumes', description);
export const Containers = (description = 'Containers (core/v1 Container).') => typed<KubeObject[]>('PodSpec', 'containers', description);
export const InitContainers = (description = 'Init containers (core/v1 Container).') => typed<KubeObject[]>('PodSpec', 'initContainers', description);
export const PodSecurityContext = (description = 'Pod-level securityContext (core/v1 PodSecurityContext).') => typed<KubeObject>('PodSpec', 'securityContext', description);
// Container fields
export const VolumeMounts = (description = 'Container volume mounts (core/v1 VolumeMount).') => typed<KubeObject[]>('Container', 'volumeMounts', description);
export const EnvVars = (description = 'Environment variables (core/v1 EnvVar).') => typed<KubeObject[]>('Container', 'env', description);
export const EnvFromSources = (description = 'ConfigMaps and Secrets loaded as environment variables (core/v1 EnvFromSource).') => typed<KubeObject[]>('Container', 'envFrom', description);
export const ContainerSecurityContext = (description = 'Container-level securityContext (core/v1 SecurityContext).') => typed<KubeObject>('Container', 'securityContext', description);
export const Resources = (description = 'Resource requests and limits of the container (core/v1 ResourceRequirements).') =>
  typed<{ requests?: Record<string, string | number>; limits?: Record<string, string | number> } & KubeObject>('Container', 'resources', description);
export const Lifecycle = (description = 'Container lifecycle hooks (core/v1 Lifecycle).') => typed<KubeObject>('Container', 'lifecycle', description);

/** Scheduling every workload accepts. */
export const PodPlacement = {
  nodeSelector: NodeSelector(),
  tolerations: Tolerations(),
  affinity: Affinity(),
  topologySpreadConstraints: TopologySpreadConstraints(),
  priorityClassName: T.String({ description: 'PriorityClass of the pods; empty for none.' }),
};

/** Escape hatches every workload accepts: added to the chart's own env, volumes and mounts. */
export const EscapeHatches = {
  extraEnv: EnvVars('Extra environment variables of the main container (core/v1 EnvVar).'),
  extraVolumes: Volumes('Extra pod volumes (core/v1 Volume).'),
  extraVolumeMounts: VolumeMounts('Extra volume mounts of the main container (core/v1 VolumeMount).'),
};
