// Ajv errors, worded like kubeconform's (santhosh-tekuri/jsonschema) so that messages read the same.
import type { SchemaErrorLike } from './fastschema.js';
import type { SchemaError } from './result.js';

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function quoteList(values: unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))).join(', ');
}

/** The value at a JSON pointer (Ajv's instancePath). */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let v: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function describeErrors(errors: readonly SchemaErrorLike[], data: unknown): SchemaError[] {
  const out: SchemaError[] = [];
  const missing = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue; // the wrapper that lets optional references be null
    let message: string;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'type': {
        const t = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
        message = `expected ${t.join(' or ')}, but got ${jsonType(valueAt(data, e.instancePath))}`;
        break;
      }
      case 'additionalProperties':
        message = `additionalProperties '${String(p.additionalProperty)}' not allowed`;
        break;
      case 'required': {
        const list = missing.get(e.instancePath) ?? [];
        list.push(String(p.missingProperty));
        missing.set(e.instancePath, list);
        continue;
      }
      case 'enum':
        message = `value must be one of ${quoteList(p.allowedValues as unknown[])}`;
        break;
      case 'const':
        message = `value must be ${quoteList([p.allowedValue])}`;
        break;
      case 'format':
        message = `${JSON.stringify(valueAt(data, e.instancePath))} is not valid ${String(p.format)}`;
        break;
      case 'pattern':
        message = `${JSON.stringify(valueAt(data, e.instancePath))} does not match pattern '${String(p.pattern)}'`;
        break;
      case 'oneOf':
      case 'anyOf':
        message = `${e.keyword} failed: ${e.message ?? ''}`;
        break;
      default:
        message = e.message ?? e.keyword;
    }
    const key = `${e.instancePath}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: e.instancePath, message });
  }
  for (const [path, props] of missing) out.push({ path, message: `missing properties: ${props.map((x) => `'${x}'`).join(', ')}` });
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
