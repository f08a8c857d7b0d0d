// The values-schema toolkit: schemas are authored once with TypeBox; from them come values.schema.json
// (draft-07, accepted by Helm 3 and Helm 4), the commented values.yaml, the README table and TS types.
import { Type as T, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { GlobalValues } from './fragments.js';

export type JsonSchema = { [key: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

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

/** Plain draft-07 JSON Schema: TypeBox's symbols dropped, `$schema` first, keys in authoring order. */
export function toJsonSchema(schema: TSchema, extra: JsonSchema = {}): JsonSchema {
  return { $schema: DRAFT_07, ...extra, ...(JSON.parse(JSON.stringify(schema)) as JsonSchema) };
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
 * The schema of a child key (object property, additionalProperties, or array items), as written: a
 * reference is not followed, so a description beside it wins over the referenced schema's.
 */
export function childSchema(root: JsonSchema, schema: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
  const s = resolveRef(root, schema);
  if (!s) return undefined;
  if (typeof key === 'number') return s.items as JsonSchema | undefined;
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && key in props) return props[key];
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return s.additionalProperties as JsonSchema;
  return undefined;
}

/** A schema's description, or that of the schema it refers to. */
export function descriptionOf(root: JsonSchema, schema: JsonSchema | undefined): string | undefined {
  const d = schema?.description ?? resolveRef(root, schema)?.description;
  return typeof d === 'string' ? d : undefined;
}

export type { TObject };
