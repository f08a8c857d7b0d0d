// Ajv as the reference the closure compiler is held to (engines.test.ts). Ajv validates the same schema (as a source
// resolves it, before the schema graph and the closures), with the same asserted formats and Go regular expressions;
// its errors are then put in jsonschema v5's terms, which is what the closure compiler reports:
//  - a value of the wrong type has the type error only (Ajv also checks enum, format … at that position);
//  - errors inside oneOf/anyOf/not branches are not separate errors (jsonschema keeps them as causes), the
//    keyword's own error is;
//  - one `required` and one `additionalProperties` error per object, naming every property;
//  - uniqueItems reports every equal pair in jsonschema and one in Ajv: compared as "has duplicates".
import { Ajv, type ErrorObject } from 'ajv';
import { goRegExp, type SchemaErrorItem } from '../src/index.js';
import type { RefResolver } from '../src/validator/graph.js';
import { listErrors } from '../src/validator/messages.js';
import { escapeToken, jsonType } from '../src/validator/compile.js';
import { goNumber, goRepr, goValue, quote } from '../src/validator/messages.js';

export function referenceAjv(): Ajv {
  const int32 = (n: number): boolean => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
  const int64 = (n: number): boolean => Number.isInteger(n) && n >= -9223372036854775808 && n <= 9223372036854775807;
  const regExp = (pattern: string): RegExp => goRegExp(pattern);
  regExp.code = 'goRegExp';
  return new Ajv({
    allErrors: true,
    verbose: true, // errors carry their data and schema
    strict: false,
    logger: false,
    validateSchema: false,
    ownProperties: true,
    formats: { int32: { type: 'number', validate: int32 }, int64: { type: 'number', validate: int64 } },
    code: { regExp },
  });
}

/**
 * The schema a source gives (`ResolvedSchema.load()`) as one document for Ajv: its `$ref`s replaced by their targets,
 * `depth` references deep (the test documents nest less), and optional properties' schemas passed through the
 * source's `optionalProperty` as the graph builder does. Ajv's schemaPath of an error under a reference is the
 * target's own, which hides that the error is inside a oneOf branch, say; inlined, every error has its whole path.
 */
export function referenceSchema(loaded: { schema: unknown; resolve: RefResolver; optionalProperty?: (schema: unknown) => unknown }, depth = 8): unknown {
  const walk = (schema: unknown, resolve: RefResolver, depth: number): unknown => {
    if (Array.isArray(schema)) return schema.map((x) => walk(x, resolve, depth));
    if (schema === null || typeof schema !== 'object') return schema;
    const s = schema as Record<string, unknown>;
    if (typeof s.$ref === 'string') {
      if (depth === 0) return {};
      const target = resolve(s.$ref);
      return walk(target.schema, target.resolver, depth - 1);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' && v !== null && typeof v === 'object' && loaded.optionalProperty !== undefined) {
        const required = Array.isArray(s.required) ? (s.required as unknown[]) : [];
        const hook = loaded.optionalProperty;
        out[k] = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, walk(required.includes(name) ? p : hook(p), resolve, depth)]));
      } else {
        out[k] = walk(v, resolve, depth);
      }
    }
    return out;
  };
  return walk(loaded.schema, loaded.resolve, depth);
}

/** Ajv's instancePath as jsonschema's InstanceLocation (tokens URL-path-escaped). */
function instance(path: string): string {
  if (path === '') return '';
  return path
    .slice(1)
    .split('/')
    .map((t) => `/${escapeToken(t.replace(/~1/g, '/').replace(/~0/g, '~'))}`)
    .join('');
}

function runes(s: unknown): number {
  return [...String(s)].length;
}

function message(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = (e.parentSchema as { type: string | string[] }).type;
      return `expected ${(Array.isArray(types) ? types : [types]).join(' or ')}, but got ${jsonType(e.data)}`;
    }
    case 'enum': {
      const values = e.schema as unknown[];
      if (!values.every((v) => v === null || typeof v !== 'object')) return 'enum failed';
      return values.length === 1 ? `value must be ${goRepr(values[0])}` : `value must be one of ${values.map(goRepr).join(', ')}`;
    }
    case 'const':
      return e.schema !== null && typeof e.schema === 'object' ? 'const failed' : `value must be ${goRepr(e.schema)}`;
    case 'format':
      return `${goValue(e.data)} is not valid ${quote(String(p.format))}`;
    case 'pattern':
      return `does not match pattern ${quote(String(p.pattern))}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${goNumber(Number(p.limit))} but found ${goValue(e.data)}`;
    case 'multipleOf':
      return `${goValue(e.data)} not multipleOf ${goNumber(Number(p.multipleOf))}`;
    case 'minLength':
      return `length must be >= ${String(p.limit)}, but got ${runes(e.data)}`;
    case 'maxLength':
      return `length must be <= ${String(p.limit)}, but got ${runes(e.data)}`;
    case 'minItems':
      return `minimum ${String(p.limit)} items required, but found ${(e.data as unknown[]).length} items`;
    case 'maxItems':
      return `maximum ${String(p.limit)} items required, but found ${(e.data as unknown[]).length} items`;
    case 'minProperties':
      return `minimum ${String(p.limit)} properties allowed, but found ${Object.keys(e.data as object).length} properties`;
    case 'maxProperties':
      return `maximum ${String(p.limit)} properties allowed, but found ${Object.keys(e.data as object).length} properties`;
    case 'uniqueItems':
      return 'has equal items';
    case 'anyOf':
      return 'anyOf failed';
    case 'oneOf': {
      const passing = p.passingSchemas as [number, number] | null;
      return Array.isArray(passing) ? `valid against schemas at indexes ${passing[0]} and ${passing[1]}` : 'oneOf failed';
    }
    case 'not':
      return 'not failed';
    case 'false schema':
      return 'not allowed';
    default:
      throw new Error(`the reference does not word Ajv's ${e.keyword} error: ${JSON.stringify(e)}`);
  }
}

/** Ajv's errors in jsonschema's terms: `path<TAB>message`, sorted. */
export function referenceErrors(errors: readonly ErrorObject[]): string[] {
  const hidden = /\/(oneOf|anyOf)\/\d+\/|\/not\//;
  const position = (e: ErrorObject): string => `${e.instancePath}|${e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'))}`;
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map(position));
  const grouped = new Map<string, { path: string; keyword: string; names: string[] }>();
  const out: string[] = [];
  for (const e of errors) {
    if (hidden.test(e.schemaPath)) continue;
    if (e.keyword !== 'type' && wrongType.has(position(e))) continue;
    if (e.keyword === 'required' || e.keyword === 'additionalProperties') {
      const key = `${e.keyword}|${e.instancePath}|${e.schemaPath}`;
      const g = grouped.get(key) ?? { path: instance(e.instancePath), keyword: e.keyword, names: [] };
      g.names.push(String(e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : (e.params as { additionalProperty: string }).additionalProperty));
      grouped.set(key, g);
      continue;
    }
    out.push(`${instance(e.instancePath)}\t${message(e)}`);
  }
  for (const g of grouped.values()) {
    const names = g.names.map(quote).join(', ');
    out.push(`${g.path}\t${g.keyword === 'required' ? `missing properties: ${names}` : `additionalProperties ${names} not allowed`}`);
  }
  return [...new Set(out)].sort();
}

/** The closure compiler's errors in the same terms. */
export function compiledErrors(items: readonly SchemaErrorItem[]): string[] {
  return [...new Set(listErrors(items).map((e) => `${e.instance}\t${e.message.startsWith('items at index ') ? 'has equal items' : e.message}`))].sort();
}
