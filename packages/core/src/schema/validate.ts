// Validates values (or a stack file) against a JSON Schema with ajv, reporting JSON pointers.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../errors.js';
import type { JsonSchema } from './toolkit.js';
import { isPlainObject } from '../merge.js';
import { refsIn } from './kubernetes-definitions.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// Our schemas are authored in TypeScript and checked by Helm in the tests, so ajv's meta-schema pass is
// skipped, and so is ajv's code optimiser: compiling is the dominant cost of a cold `helmforge generate`,
// while the values it checks are small.
// Two instances: valid input (the common case) is decided by the cheaper first-error validator; only
// invalid input pays for compiling the all-errors one that reports every problem.
const options = { strict: false, allowUnionTypes: true, validateSchema: false, addUsedSchema: false, code: { optimize: false } } as const;
const firstError = new Ajv({ ...options, allErrors: false });
// verbose: errors carry their sub-schema, whose description explains a pattern better than the regex does
const allErrors = new Ajv({ ...options, allErrors: true, verbose: true });
addFormats(firstError);
addFormats(allErrors);

const byObject = new WeakMap<object, { body: JsonSchema; key: string }>();
const byContent = new Map<string, ValidateFunction>();

function compiled(ajv: Ajv, tag: string, schema: JsonSchema): ValidateFunction {
  let entry = byObject.get(schema);
  if (!entry) {
    const { $schema: _ignored, ...body } = schema;
    byObject.set(schema, (entry = { body, key: JSON.stringify(body) }));
  }
  // Shared by every schema object with the same content: each compiles once per instance.
  let fn = byContent.get(tag + entry.key);
  if (!fn) byContent.set(tag + entry.key, (fn = ajv.compile(entry.body)));
  return fn;
}

/** A compiled validator that reports every error (see validateAgainst for the fast path). */
export function schemaValidator(schema: JsonSchema): ValidateFunction {
  return compiled(allErrors, 'all:', schema);
}

/** Problems with JSON pointers, most specific first, without ajv's anyOf/if noise when a better one exists. */
export function validateAgainst(schema: JsonSchema, value: unknown): Problem[] {
  if (compiled(firstError, 'first:', schema)(value)) return [];
  const validate = schemaValidator(schema);
  if (validate(value)) return [];
  const all = withoutUnmeantAlternatives(withoutNullAlternatives(validate.errors ?? []));
  // Drop ajv's summary errors (anyOf/if/propertyNames …) when a more specific one explains them.
  const errors = all.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword) || all.length === 1);
  const seen = new Set<string>();
  return (errors.length ? errors : all).flatMap((e) => {
    const problem = toProblem(e);
    const key = `${problem.pointer} ${problem.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [problem];
  });
}

const SUMMARY_KEYWORDS = new Set(['anyOf', 'if', 'oneOf', 'propertyNames', 'allOf']);

/**
 * A "must be null" from the null alternative of a nullable field (`anyOf: [{ $ref }, { type: 'null' }]`) is never what
 * a non-null value was meant for: it goes when another error explains the same value. (The referenced alternative's
 * errors carry the referenced schema's path, so the anyOf grouping below cannot pair them.)
 */
function withoutNullAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const isNullAlternative = (e: ErrorObject) => e.keyword === 'type' && (e.params as { type?: unknown }).type === 'null';
  return errors.filter((e) => !isNullAlternative(e) || !errors.some((o) => o !== e && !isNullAlternative(o) && !SUMMARY_KEYWORDS.has(o.keyword) && `${o.instancePath}/`.startsWith(`${e.instancePath}/`)));
}

/**
 * For each failed anyOf/oneOf, the alternatives whose type the value does not have were not what the user meant:
 * `capacity: five` should hear about the quantity pattern, not also "must be number"; `nodePort: 99999` about the
 * maximum, not also "must be null". Their errors are dropped when another alternative of the right type failed for a
 * finer reason; when every alternative is of another type, their errors become one ("must be string or number").
 */
function withoutUnmeantAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  const combined = new Map<ErrorObject, ErrorObject>();
  for (const alt of errors) {
    if (alt.keyword !== 'anyOf' && alt.keyword !== 'oneOf') continue;
    const prefix = `${alt.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of errors) {
      if (!e.schemaPath.startsWith(prefix) || dropped.has(e)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] as string;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const isTypeMismatch = (es: ErrorObject[]) => es.every((e) => e.keyword === 'type' && e.instancePath === alt.instancePath);
    const mismatched = [...branches.values()].filter(isTypeMismatch);
    if (mismatched.length === 0) continue;
    for (const es of mismatched) for (const e of es) dropped.add(e);
    if (mismatched.length === branches.size) {
      const types = [...new Set(mismatched.flat().map((e) => String((e.params as { type: unknown }).type)))];
      combined.set(alt, { ...alt, keyword: 'type', params: { type: types.join(',') }, message: `must be ${types.join(' or ')}` });
    }
  }
  // the failed anyOf itself stands for the combined error
  return errors.filter((e) => !dropped.has(e)).map((e) => combined.get(e) ?? e);
}

const PLAIN_OBJECT_KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'markdownDescription', 'type', 'properties', 'required', 'additionalProperties', 'definitions']);

/**
 * Validates an override merged onto defaults that are known to be valid: only the overridden parts are
 * checked, each against its own sub-schema, descending through plain object schemas (properties,
 * required, additionalProperties) as far as the override goes. So checking a few overrides compiles a few
 * small schemas rather than a chart's whole schema. Any other keyword (conditions, references,
 * alternatives) makes that subtree be checked whole, so the verdict is the same as validating everything.
 */
export function validateOverride(schema: JsonSchema, merged: unknown, override: unknown, pointer = '', definitions = schema.definitions as JsonSchema | undefined): Problem[] {
  const plain = schema.properties && Object.keys(schema).every((k) => PLAIN_OBJECT_KEYWORDS.has(k));
  if (!plain || !isPlainObject(override) || !isPlainObject(merged)) return validateAgainst(withDefinitions(schema, definitions), merged).map((p) => ({ ...p, pointer: `${pointer}${p.pointer ?? ''}` }));
  const props = schema.properties as Record<string, JsonSchema>;
  const problems: Problem[] = ((schema.required ?? []) as string[])
    .filter((key) => !(key in merged))
    .map((key) => ({ pointer, message: `missing required key "${key}"`, hint: 'add it' }));
  for (const key of Object.keys(override)) {
    const at = `${pointer}/${escapePointer(key)}`;
    const extra = schema.additionalProperties;
    if (props[key]) problems.push(...validateOverride(props[key], merged[key], override[key], at, definitions));
    else if (extra === false) problems.push({ pointer: at, message: `unknown key "${key}"`, hint: 'remove it or check its spelling against the schema' });
    else if (isPlainObject(extra)) problems.push(...validateAgainst(withDefinitions(extra, definitions), merged[key]).map((p) => ({ ...p, pointer: `${at}${p.pointer ?? ''}` })));
  }
  return problems;
}

const withDefinitionsCache = new WeakMap<JsonSchema, JsonSchema>();

/** A sub-schema with the root's `definitions`, so that its `#/definitions/…` references resolve (built once per sub-schema). */
function withDefinitions(schema: JsonSchema, definitions: JsonSchema | undefined): JsonSchema {
  if (!definitions || schema.definitions === definitions) return schema;
  let out = withDefinitionsCache.get(schema);
  if (!out) withDefinitionsCache.set(schema, (out = { ...schema, definitions: pick(definitions, refsIn(schema)) }));
  return out;
}

/** The definitions that `names` refer to, transitively. */
function pick(definitions: JsonSchema, names: string[]): JsonSchema {
  const out: JsonSchema = {};
  for (let name = names.pop(); name !== undefined; name = names.pop()) {
    if (name in out || !(name in definitions)) continue;
    out[name] = definitions[name];
    names.push(...refsIn(definitions[name]));
  }
  return out;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function toProblem(e: ErrorObject): Problem {
  const params = e.params as Record<string, unknown>;
  const parent = e.parentSchema as JsonSchema | undefined;
  // a pattern says what it wants in words (patternErrorMessage), never as the regular expression
  const explained = e.keyword === 'pattern' && typeof parent?.patternErrorMessage === 'string' ? parent.patternErrorMessage : undefined;
  if (e.propertyName !== undefined && e.keyword === 'not') {
    const description = parent?.description;
    return { pointer: `${e.instancePath}/${escapePointer(e.propertyName)}`, message: `the name "${e.propertyName}" is not allowed`, hint: typeof description === 'string' ? `expected: ${description}` : 'choose another name' };
  }
  if (e.propertyName !== undefined) {
    const pointer = `${e.instancePath}/${escapePointer(e.propertyName)}`;
    if (explained) return { pointer, message: `the name "${e.propertyName}" ${explained}` };
    return { pointer, message: `the name "${e.propertyName}" ${e.message ?? 'is not allowed'}`, hint: 'names are DNS-1123 labels: lowercase letters, digits and "-", starting and ending with a letter or digit' };
  }
  if (e.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    return { pointer: `${e.instancePath}/${escapePointer(key)}`, message: `unknown key "${key}"`, hint: 'remove it or check its spelling against the schema' };
  }
  if (e.keyword === 'required') {
    return { pointer: e.instancePath, message: `missing required key "${String(params.missingProperty)}"`, hint: 'add it' };
  }
  if (explained) return { pointer: e.instancePath, message: explained };
  const description = parent?.description;
  const hint =
    e.keyword === 'pattern'
      ? typeof description === 'string'
        ? `expected: ${description}`
        : `the value must match ${String(params.pattern)}`
      : e.keyword === 'enum'
        ? `use one of ${JSON.stringify(params.allowedValues)}`
        : undefined;
  return { pointer: e.instancePath, message: e.message ?? e.keyword, ...(hint ? { hint } : {}) };
}
