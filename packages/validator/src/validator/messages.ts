// Ajv errors, worded as kubeconform 0.6 words them: its validation engine is santhosh-tekuri/jsonschema v5.3, whose
// messages and quoting (single quotes for names, patterns and formats; Go's %#v for enum and const values; Go's %v,
// i.e. %g, for numbers) are mirrored here.
import type { SchemaErrorLike } from './fastschema.js';
import type { SchemaError } from './result.js';

/** jsonschema v5's jsonType: documents are decoded to float64, so every number is a "number". */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** jsonschema's quote(): Go's %q, with single instead of double quotes. */
function quote(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Go's %v of a float64: strconv's shortest 'g', an exponent from 1e+06 on and below 1e-04 (Go prints 1e+06). */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Go's %v of a decoded JSON value (what a format or minimum message shows). */
function goValue(v: unknown): string {
  if (typeof v === 'number') return goNumber(v);
  if (v === null) return '<nil>';
  return String(v);
}

/** Go's %#v of a primitive JSON value from a schema (enum, const). */
function goRepr(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goNumber(v);
  if (v === null) return 'interface {}(nil)';
  return String(v);
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

/** The value at a JSON pointer (Ajv's instancePath). */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let v: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** jsonschema v5's message for one Ajv error (required and additionalProperties are grouped by the caller). */
function message(e: SchemaErrorLike, data: unknown): string {
  const p = e.params;
  const value = (): unknown => valueAt(data, e.instancePath);
  switch (e.keyword) {
    case 'type': {
      const t = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
      return `expected ${t.join(' or ')}, but got ${jsonType(value())}`;
    }
    case 'enum': {
      // null is in the list when the bundle transform let an optional property be null: not a value to suggest
      const allowed = (p.allowedValues as unknown[]).filter((v) => v !== null);
      if (!allowed.every(isPrimitive)) return 'enum failed';
      return allowed.length === 1 ? `value must be ${goRepr(allowed[0])}` : `value must be one of ${allowed.map(goRepr).join(', ')}`;
    }
    case 'const':
      return isPrimitive(p.allowedValue) ? `value must be ${goRepr(p.allowedValue)}` : 'const failed';
    case 'format': {
      const v = value();
      return `${typeof v === 'string' ? quote(v) : goValue(v)} is not valid ${quote(String(p.format))}`;
    }
    case 'pattern':
      return `does not match pattern ${quote(String(p.pattern))}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${goNumber(Number(p.limit))} but found ${goValue(value())}`;
    case 'multipleOf':
      return `${goValue(value())} not multipleOf ${goNumber(Number(p.multipleOf))}`;
    case 'minLength':
    case 'maxLength':
      return `length must be ${e.keyword === 'minLength' ? '>=' : '<='} ${String(p.limit)}, but got ${[...String(value())].length}`;
    case 'minItems':
    case 'maxItems':
      return `${e.keyword === 'minItems' ? 'minimum' : 'maximum'} ${String(p.limit)} items required, but found ${(value() as unknown[]).length} items`;
    case 'minProperties':
    case 'maxProperties':
      return `${e.keyword === 'minProperties' ? 'minimum' : 'maximum'} ${String(p.limit)} properties allowed, but found ${Object.keys(value() as object).length} properties`;
    case 'uniqueItems':
      return `items at index ${Math.min(Number(p.i), Number(p.j))} and ${Math.max(Number(p.i), Number(p.j))} are equal`;
    case 'anyOf':
      return 'anyOf failed';
    case 'oneOf': {
      const passing = p.passingSchemas as number[] | null;
      return Array.isArray(passing) ? `valid against schemas at indexes ${passing[0]} and ${passing[1]}` : 'oneOf failed';
    }
    case 'not':
      return 'not failed';
    case 'false schema':
      return 'not allowed';
    default:
      return e.message ?? e.keyword;
  }
}

/** Checks of a value that jsonschema makes only when the value has the schema's type (it stops at a type error). */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties']);

export function describeErrors(errors: readonly SchemaErrorLike[], data: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  const wrongType = new Set<string>();
  for (const e of errors) if (e.keyword === 'type') wrongType.add(e.instancePath);
  // one message per object, naming every missing or unknown property, as jsonschema does
  const missing = new Map<string, string[]>();
  const unknown = new Map<string, { at: number; names: string[] }>();
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the wrapper that lets optional references be null
    if (VALUE_KEYWORDS.has(e.keyword) && wrongType.has(e.instancePath)) continue;
    if (e.keyword === 'required') {
      const list = missing.get(e.instancePath) ?? [];
      list.push(String(e.params.missingProperty));
      missing.set(e.instancePath, list);
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      let entry = unknown.get(e.instancePath);
      if (entry === undefined) {
        entry = { at: out.length, names: [] };
        unknown.set(e.instancePath, entry);
        out.push({ path: e.instancePath, message: '' });
      }
      entry.names.push(String(e.params.additionalProperty));
      continue;
    }
    const text = message(e, data);
    const key = `${e.instancePath}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: e.instancePath, message: text });
  }
  for (const [path, { at, names }] of unknown) out[at] = { path, message: `additionalProperties ${names.map(quote).join(', ')} not allowed` };
  for (const [path, props] of missing) out.push({ path, message: `missing properties: ${props.map(quote).join(', ')}` });
  return out;
}

/** kubeconform's message for an invalid resource. */
export function invalidMessage(schemaId: string, errors: SchemaError[]): string {
  const [first, ...rest] = errors;
  if (first === undefined) return 'problem validating schema';
  let msg = `problem validating schema. Check JSON formatting: jsonschema: '${first.path}' does not validate with ${schemaId}: ${first.message}`;
  for (const e of rest) msg += ` - '${e.path}': ${e.message}`;
  return msg;
}
