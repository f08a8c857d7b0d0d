// Validates values (or a stack file) against a JSON Schema with ajv, reporting JSON pointers.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../errors.js';
import type { JsonSchema } from './toolkit.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// Our schemas are authored in TypeScript and checked by Helm in the tests, so ajv's meta-schema pass is
// skipped, and so is ajv's code optimiser: compiling is the dominant cost of a cold `helmforge generate`,
// while the values it checks are small.
const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false, addUsedSchema: false, code: { optimize: false } });
addFormats(ajv);
const byObject = new WeakMap<object, ValidateFunction>();
const byContent = new Map<string, ValidateFunction>();

/** A compiled validator, shared by every schema object with the same content (each compiles once). */
export function schemaValidator(schema: JsonSchema): ValidateFunction {
  let fn = byObject.get(schema);
  if (!fn) {
    const { $schema: _ignored, ...body } = schema;
    const key = JSON.stringify(body);
    fn = byContent.get(key) ?? ajv.compile(body);
    byContent.set(key, fn);
    byObject.set(schema, fn);
  }
  return fn;
}

/** Problems with JSON pointers, most specific first, without ajv's anyOf/if noise when a better one exists. */
export function validateAgainst(schema: JsonSchema, value: unknown): Problem[] {
  const validate = schemaValidator(schema);
  if (validate(value)) return [];
  // Drop ajv's summary errors (anyOf/if/propertyNames …) when a more specific one explains them.
  const errors = (validate.errors ?? []).filter((e) => !['anyOf', 'if', 'oneOf', 'propertyNames', 'allOf'].includes(e.keyword) || (validate.errors ?? []).length === 1);
  const seen = new Set<string>();
  return (errors.length ? errors : (validate.errors ?? [])).flatMap((e) => {
    const problem = toProblem(e);
    const key = `${problem.pointer} ${problem.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [problem];
  });
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function toProblem(e: ErrorObject): Problem {
  const params = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) {
    return { pointer: `${e.instancePath}/${escapePointer(e.propertyName)}`, message: `the name "${e.propertyName}" ${e.message ?? 'is not allowed'}`, hint: 'names are DNS-1123 labels: lowercase letters, digits and "-", starting and ending with a letter or digit' };
  }
  if (e.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    return { pointer: `${e.instancePath}/${escapePointer(key)}`, message: `unknown key "${key}"`, hint: 'remove it or check its spelling against the schema' };
  }
  if (e.keyword === 'required') {
    return { pointer: e.instancePath, message: `missing required key "${String(params.missingProperty)}"`, hint: 'add it' };
  }
  const hint =
    e.keyword === 'pattern' ? `the value must match ${String(params.pattern)}` : e.keyword === 'enum' ? `use one of ${JSON.stringify(params.allowedValues)}` : undefined;
  return { pointer: e.instancePath, message: e.message ?? e.keyword, ...(hint ? { hint } : {}) };
}
