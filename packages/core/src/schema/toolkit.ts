// The values-schema toolkit: schemas are authored once with TypeBox; from them come values.schema.json
// (draft-07, accepted by Helm 3 and Helm 4), the commented values.yaml, the README table and TS types.
import { Type as T, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { GlobalValues } from './fragments.js';
import { isKubernetesDefinition, kubernetesDefinitionsFor } from './kubernetes.js';
import { REF_PREFIX } from './kubernetes-definitions.js';

export type JsonSchema = { [key: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/**
 * Where helmforge's schemas are published: each schema's `$id` is this URL plus its file name under schemas/, which is
 * what `helmforge values --schema-url` writes into the `$schema` line and schemas/catalog.json lists.
 */
export const SCHEMA_BASE_URL = 'https://helmforge.dev/schemas/';
export const schemaUrl = (file: string) => `${SCHEMA_BASE_URL}${file}`;
/** The file name of a chart's values schema under schemas/. */
export const valuesSchemaFile = (chart: string) => `${chart}.values.schema.json`;

/**
 * The top-level schema of a chart's values. It always accepts `global` and `enabled`, because Helm passes
 * both from an umbrella chart to its subcharts; everything else unknown is rejected (typos fail fast).
 */
export function valuesSchema<P extends TProperties>(title: string, description: string, properties: P) {
  return T.Object(
    {
      global: T.Optional(GlobalValues),
      enabled: T.Optional(T.Boolean({ description: 'Deploy this chart when it is a subchart of an umbrella chart (the dependency condition).' })),
      ...properties,
    },
    { title, description, additionalProperties: false },
  );
}

/**
 * Plain draft-07 JSON Schema: TypeBox's symbols dropped, `$schema` first, keys in authoring order, and the Kubernetes
 * definitions that typed fields refer to under `definitions`, so the schema is self-contained.
 */
export function toJsonSchema(schema: TSchema, extra: JsonSchema = {}): JsonSchema {
  let converted = conversions.get(schema);
  if (!converted) {
    const body = forEditors(JSON.parse(JSON.stringify(schema)) as JsonSchema);
    const definitions = { ...(body.definitions as JsonSchema | undefined), ...kubernetesDefinitionsFor(body) };
    conversions.set(schema, (converted = { ...body, ...(Object.keys(definitions).length ? { definitions } : {}) }));
  }
  return { $schema: DRAFT_07, ...extra, ...converted };
}

/**
 * Each TypeBox schema is converted once (a chart's values schema is needed by generation and by the stack file's
 * check). The result shares its nested objects with every other conversion of the same schema: read, never modify.
 */
const conversions = new WeakMap<TSchema, JsonSchema>();

/** A schema without its `definitions`, and those: for composing schemas that keep one shared `definitions` at the root. */
export function splitDefinitions(schema: JsonSchema): { body: JsonSchema; definitions: Record<string, JsonSchema> } {
  const { definitions, ...body } = schema;
  return { body, definitions: (definitions as Record<string, JsonSchema> | undefined) ?? {} };
}

/**
 * What editors need beyond validation, on helmforge's own schema text (the Kubernetes definitions are left as they
 * are): an alternative of constants becomes an `enum` (completion lists the values, hover shows them all), and a
 * description written in Markdown (code spans, links) goes to `markdownDescription`, which yaml-language-server and
 * VS Code render, with a plain-text `description` beside it for every other reader. Returns a new schema.
 */
export function forEditors(schema: JsonSchema): JsonSchema {
  const walkMap = (map: JsonSchema, keepKubernetes: boolean) =>
    Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, keepKubernetes && isKubernetesDefinition(name) ? sub : walk(sub)]));
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === 'properties' || k === 'definitions' ? walkMap(v as JsonSchema, k === 'definitions') : walk(v);
    const constants = constantAlternatives(out.anyOf);
    if (constants) {
      delete out.anyOf;
      Object.assign(out, constants);
    }
    if (typeof out.description === 'string' && out.markdownDescription === undefined && MARKDOWN.test(out.description)) {
      out.markdownDescription = out.description;
      out.description = plainText(out.description);
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

const MARKDOWN = /`[^`]+`|\[[^\]]+\]\([^)]+\)/;
/** Markdown as plain text: code spans lose their backticks, links show their target. */
const plainText = (markdown: string) => markdown.replace(/`([^`]+)`/g, '$1').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');

/** `anyOf: [{ const: 'a', type: 'string' }, …]` of one type as `{ type, enum }`; undefined for any other anyOf. */
function constantAlternatives(anyOf: unknown): JsonSchema | undefined {
  if (!Array.isArray(anyOf) || anyOf.length === 0) return undefined;
  const types = new Set<unknown>();
  for (const alt of anyOf as JsonSchema[]) {
    if (alt.const === undefined || Object.keys(alt).some((k) => k !== 'const' && k !== 'type')) return undefined;
    types.add(alt.type);
  }
  return types.size === 1 ? { type: [...types][0], enum: (anyOf as JsonSchema[]).map((a) => a.const) } : undefined;
}

/** JSON pointers of every `pattern` without a `patternErrorMessage` beside it (a `not` clause needs none). */
export function patternsWithoutMessage(schema: unknown, pointer = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as JsonSchema;
  const out = typeof s.pattern === 'string' && typeof s.patternErrorMessage !== 'string' ? [`${pointer}/pattern`] : [];
  for (const [key, value] of Object.entries(s)) if (key !== 'not' && value && typeof value === 'object') out.push(...patternsWithoutMessage(value, `${pointer}/${key}`));
  return out;
}

/** JSON pointers of every anyOf/oneOf alternative without a `title` (editors show titles to tell them apart). */
export function untitledAlternatives(schema: unknown, pointer = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) value.forEach((alt: JsonSchema, i) => typeof alt?.title !== 'string' && out.push(`${pointer}/${key}/${i}`));
    if (value && typeof value === 'object') out.push(...untitledAlternatives(value, `${pointer}/${key}`));
  }
  return out;
}

/** JSON pointers of every property (at any depth) that lacks a description. */
export function missingDescriptions(schema: unknown, pointer = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as JsonSchema;
  const out: string[] = [];
  const props = s.properties as Record<string, JsonSchema> | undefined;
  for (const [key, sub] of Object.entries(props ?? {})) {
    const p = `${pointer}/properties/${key}`;
    if (typeof sub.description !== 'string' || !sub.description.trim()) out.push(p);
    out.push(...missingDescriptions(sub, p));
  }
  if (s.items && typeof s.items === 'object') out.push(...missingDescriptions(s.items, `${pointer}/items`));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.push(...missingDescriptions(s.additionalProperties, `${pointer}/additionalProperties`));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    (s[k] as unknown[] | undefined)?.forEach((sub, i) => out.push(...missingDescriptions(sub, `${pointer}/${k}/${i}`)));
  }
  for (const [key, sub] of Object.entries((s.definitions as Record<string, unknown>) ?? {})) out.push(...missingDescriptions(sub, `${pointer}/definitions/${key}`));
  return out;
}

/**
 * Patterns Helm cannot compile: Go's regexp (RE2) has no lookaround and no backreferences, and both
 * Helm 3 and Helm 4 reject the whole schema when one pattern fails to compile.
 */
export function unportablePatterns(schema: unknown, pointer = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    const p = `${pointer}/${key}`;
    if (key === 'pattern' && typeof value === 'string' && /\(\?[=!<]|\\[1-9]/.test(value)) out.push(p);
    else if (value && typeof value === 'object') out.push(...unportablePatterns(value, p));
  }
  return out;
}

/**
 * Follows a local `#/definitions/x` reference against the root schema, also through a lone
 * `allOf: [{ $ref }]` (how a described reference is written in draft-07).
 */
export function resolveRef(root: JsonSchema, schema: JsonSchema | undefined): JsonSchema | undefined {
  let s = schema;
  for (let i = 0; s && i < 16; i++) {
    const allOf = s.allOf as JsonSchema[] | undefined;
    if (!s.properties && allOf?.length === 1) {
      s = allOf[0];
      continue;
    }
    if (typeof s.$ref !== 'string') break;
    const path = (s.$ref as string).replace(/^#\//, '').split('/');
    s = path.reduce<unknown>((acc, k) => (acc as JsonSchema | undefined)?.[k], root) as JsonSchema | undefined;
  }
  return s;
}

/**
 * The Kubernetes definition a schema stands for (`io.k8s.api.core.v1.Affinity`), when it is a reference to one, written
 * `$ref` or as a lone `allOf: [{ $ref }]`.
 */
export function kubernetesDefinitionOf(schema: JsonSchema | undefined): string | undefined {
  const allOf = schema?.allOf as JsonSchema[] | undefined;
  const ref = schema?.$ref ?? (allOf?.length === 1 ? allOf[0]?.$ref : undefined);
  const name = typeof ref === 'string' && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
  return name && isKubernetesDefinition(name) ? name : undefined;
}

/**
 * The schema of a child key (object property, additionalProperties, or array items), as written: a
 * reference is not followed, so a description beside it wins over the referenced schema's.
 * The keys inside a Kubernetes object are the API's, documented by the API (and by the editor, from the schema):
 * values.yaml comments and the README table stop at the typed field, so this gives no child schema there.
 */
export function childSchema(root: JsonSchema, schema: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
  if (kubernetesDefinitionOf(schema)) return undefined;
  const s = resolveRef(root, schema);
  if (!s) return undefined;
  if (typeof key === 'number') return s.items as JsonSchema | undefined;
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && key in props) return props[key];
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return s.additionalProperties as JsonSchema;
  return undefined;
}

/** A schema's description (in Markdown when it has one), or that of the schema it refers to: for values.yaml and READMEs. */
export function descriptionOf(root: JsonSchema, schema: JsonSchema | undefined): string | undefined {
  const own = (s: JsonSchema | undefined) => s?.markdownDescription ?? s?.description;
  const d = own(schema) ?? own(resolveRef(root, schema));
  return typeof d === 'string' ? d : undefined;
}

export type { TObject };
