// Validates against the JSON Schema subset that Kubernetes definitions are made of (type, enum, format, properties,
// required, additionalProperties, items, and the bundle's lazy references) without generating code: a schema
// becomes a tree of small closures in microseconds, where Ajv spends ~150 ms per worker thread generating, and V8
// then warming up, one function per definition. It reports exactly what Ajv (with this package's options) reports,
// in the same order, so that messages do not depend on which engine ran: the order of Ajv's rule groups is
// mirrored below, and a test compares both engines error for error. A schema position that uses any other keyword
// is handed to Ajv whole (`fallback`).
import { LAZY_REF, LAZY_REF_OR_NULL, type JsonSchema } from '../registry/transform.js';

/** What Ajv's ErrorObject carries that messages are made of. */
export interface SchemaErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Validates the value at the current position; errors go to the run's list. */
export type Check = (data: unknown) => void;

export interface FastCompileContext {
  /** The check of a lazily referenced definition (compiled when first reached). */
  ref(target: string): Check;
  /** A position outside the subset: validated by Ajv, its errors (with full instance paths) appended. */
  fallback(schema: unknown): Check;
}

/** Ajv keywords (draft-07, as `createAjv` configures it) that this compiler does not implement: their position falls back. */
const UNSUPPORTED = new Set([
  '$async',
  'id',
  '$ref',
  'nullable',
  'const',
  'not',
  'anyOf',
  'oneOf',
  'allOf',
  'if',
  'then',
  'else',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'multipleOf',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'additionalItems',
  'contains',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'propertyNames',
  'dependencies',
  'patternProperties',
]);

/** Ajv keywords that generate no validation code with these options (annotations, identifiers). */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$defs',
  '$vocabulary',
  '$comment',
  'definitions',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'contentMediaType',
  'contentEncoding',
  'contentSchema',
]);

/** Keywords implemented here. Every other key is not an Ajv keyword and is ignored, as Ajv (strict: false) does. */
const SUPPORTED = new Set(['type', 'enum', 'format', 'properties', 'required', 'additionalProperties', 'items', LAZY_REF, LAZY_REF_OR_NULL]);

/** Every keyword Ajv knows, for the test that keeps these lists in step with Ajv's RULES. */
export const KNOWN_KEYWORDS = [...UNSUPPORTED, ...ANNOTATIONS, ...SUPPORTED];

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Formats of Kubernetes schemas, as `createAjv` declares them: int32/int64 are range-checked on numbers; the others
 * are accepted as they are (`true`); any other format is unknown and ignored.
 */
export const NUMBER_FORMATS: Record<string, (n: number) => boolean> = {
  int32: (n) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
  int64: (n) => Number.isInteger(n),
};
export const ACCEPTED_FORMATS = ['int-or-string', 'date-time', 'byte', 'double', 'float'];

// ---- run state (validation is synchronous and one document at a time per thread) ----------------------------
let errors: SchemaErrorLike[] = [];
const path: (string | number)[] = [];
let depth = 0;

/** The current position as a JSON pointer (Ajv's instancePath). */
export function currentPointer(): string {
  let p = '';
  for (let i = 0; i < depth; i++) {
    const seg = path[i];
    p += typeof seg === 'number' ? `/${seg}` : `/${seg !== undefined && /[~/]/.test(seg) ? seg.replace(/~/g, '~0').replace(/\//g, '~1') : seg}`;
  }
  return p;
}

function report(keyword: string, params: Record<string, unknown>): void {
  errors.push({ instancePath: currentPointer(), keyword, params });
}

/** Adds errors found by another engine (a fallback position). */
export function appendErrors(found: readonly SchemaErrorLike[]): void {
  for (const e of found) errors.push(e);
}

/** Runs a compiled root check; returns its errors (an empty array when valid). */
export function runCheck(check: Check, data: unknown): SchemaErrorLike[] {
  const saved = errors;
  const savedDepth = depth;
  errors = [];
  depth = 0;
  try {
    check(data);
    return errors;
  } finally {
    errors = saved;
    depth = savedDepth;
  }
}

function isObject(d: unknown): d is Record<string, unknown> {
  return d !== null && typeof d === 'object' && !Array.isArray(d);
}

/** Ajv's checkDataType, without strictNumbers (createAjv sets strict: false). */
function hasType(type: string, d: unknown): boolean {
  switch (type) {
    case 'null':
      return d === null;
    case 'array':
      return Array.isArray(d);
    case 'object':
      return isObject(d);
    case 'integer':
      return typeof d === 'number' && !(d % 1) && !Number.isNaN(d);
    case 'number':
      return typeof d === 'number';
    default:
      return typeof d === type;
  }
}

/** Whether a position is outside the subset (then Ajv validates it whole). */
function needsFallback(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return true; // boolean schemas
  const s = schema as JsonSchema;
  for (const k in s) if (UNSUPPORTED.has(k)) return true;
  const t = s.type;
  if (t !== undefined) {
    const types = Array.isArray(t) ? t : [t];
    if (!types.every((x) => typeof x === 'string' && JSON_TYPES.has(x))) return true; // Ajv refuses it: let Ajv say so
  }
  if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0 || s.enum.some((v) => v !== null && typeof v === 'object'))) return true;
  if (s.format !== undefined && typeof s.format !== 'string') return true;
  if (s.properties !== undefined && !isObject(s.properties)) return true;
  if (s.required !== undefined && (!Array.isArray(s.required) || s.required.some((r) => typeof r !== 'string'))) return true;
  const ap = s.additionalProperties;
  if (ap !== undefined && typeof ap !== 'boolean' && !isObject(ap)) return true;
  if (s.items !== undefined && !isObject(s.items) && typeof s.items !== 'boolean') return true;
  if (typeof s.items === 'boolean') return true;
  for (const k of [LAZY_REF, LAZY_REF_OR_NULL]) if (s[k] !== undefined && typeof s[k] !== 'string') return true;
  return false;
}

/** Ajv's alwaysValidSchema: an empty schema, `true`, or one with no keyword Ajv knows. */
function alwaysValid(schema: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema)) return false;
  for (const k in schema) if (UNSUPPORTED.has(k) || SUPPORTED.has(k)) return false;
  return true;
}

/** Compiles a position; `undefined` when it accepts everything. */
export function compileSchema(schema: unknown, ctx: FastCompileContext): Check | undefined {
  if (alwaysValid(schema)) return undefined;
  if (needsFallback(schema)) return ctx.fallback(schema);
  const s = schema as JsonSchema;
  const typeValue = s.type as string | string[] | undefined;
  const types = typeValue === undefined ? [] : Array.isArray(typeValue) ? typeValue : [typeValue];
  const format = s.format as string | undefined;
  const numberFormat = format !== undefined && Object.prototype.hasOwnProperty.call(NUMBER_FORMATS, format) ? NUMBER_FORMATS[format] : undefined;
  // which of Ajv's typed rule groups this schema uses (a group is used when one of its keywords is present, even
  // if that keyword generates no code, e.g. an accepted format)
  const usesNumber = format !== undefined;
  const usesString = format !== undefined;
  const usesArray = s.items !== undefined;
  const usesObject = s.required !== undefined || s.additionalProperties !== undefined || s.properties !== undefined;
  const groupUsed = (t: string): boolean => (t === 'number' ? usesNumber : t === 'string' ? usesString : t === 'array' ? usesArray : t === 'object' ? usesObject : false);
  // Ajv checks the type up front unless it is a single type whose group has rules: then the group's `else` reports it
  const single = types.length === 1 ? types[0] : undefined;
  const earlyTypeCheck = types.length > 0 && !(single !== undefined && groupUsed(single));
  const lateTypeError = (t: string): boolean => !earlyTypeCheck && single === t;

  const parts: Check[] = [];
  if (earlyTypeCheck) {
    if (single !== undefined) {
      parts.push((d) => {
        if (!hasType(single, d)) report('type', { type: typeValue });
      });
    } else {
      parts.push((d) => {
        for (const t of types) if (hasType(t, d)) return;
        report('type', { type: typeValue });
      });
    }
  }
  // untyped group: enum, then the lazy references (custom keywords come last)
  if (s.enum !== undefined) {
    const allowed = s.enum as unknown[];
    parts.push((d) => {
      for (const v of allowed) if (d === v) return;
      report('enum', { allowedValues: allowed });
    });
  }
  const refOrNull = s[LAZY_REF_OR_NULL];
  for (const [target, orNull] of [
    [s[LAZY_REF], false],
    [refOrNull, true],
  ] as const) {
    if (typeof target !== 'string') continue;
    const check = ctx.ref(target);
    parts.push(orNull ? (d) => d !== null && check(d) : check);
  }
  // typed groups, in Ajv's order: number, string, array, object
  if (usesNumber) {
    const late = lateTypeError('number');
    if (numberFormat !== undefined || late) {
      parts.push((d) => {
        if (typeof d === 'number') {
          if (numberFormat !== undefined && !numberFormat(d)) report('format', { format });
        } else if (late) report('type', { type: typeValue });
      });
    }
  }
  if (usesString && lateTypeError('string')) {
    // string formats generate no code here (accepted or unknown); only the type is checked
    parts.push((d) => {
      if (typeof d !== 'string') report('type', { type: typeValue });
    });
  }
  if (usesArray) parts.push(arrayGroup(s, ctx, lateTypeError('array'), typeValue));
  if (usesObject) parts.push(objectGroup(s, ctx, lateTypeError('object'), typeValue));

  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts as [Check, Check];
    return (d) => {
      a(d);
      b(d);
    };
  }
  return (d) => {
    for (const p of parts) p(d);
  };
}

function arrayGroup(s: JsonSchema, ctx: FastCompileContext, late: boolean, typeValue: unknown): Check {
  const item = compileSchema(s.items, ctx);
  return (d) => {
    if (Array.isArray(d)) {
      if (item === undefined) return;
      const at = depth++;
      for (let i = 0; i < d.length; i++) {
        path[at] = i;
        item(d[i]);
      }
      depth = at;
    } else if (late) report('type', { type: typeValue });
  };
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function objectGroup(s: JsonSchema, ctx: FastCompileContext, late: boolean, typeValue: unknown): Check {
  const required = (s.required as string[] | undefined) ?? [];
  // a required name that objects inherit is present only as an own key
  const inheritedName = required.map((r) => r in Object.prototype);
  const missingRequired = (d: Record<string, unknown>): void => {
    for (let i = 0; i < required.length; i++) {
      const r = required[i] as string;
      if (d[r] === undefined || (inheritedName[i] === true && !hasOwn(d, r))) report('required', { missingProperty: r });
    }
  };
  const properties = (s.properties as JsonSchema | undefined) ?? {};
  // Ajv's allSchemaProperties: every property but __proto__
  const names = Object.keys(properties).filter((p) => p !== '__proto__');
  const additional = s.additionalProperties;
  // Ajv compares a key with up to 8 property names, and looks it up among the properties' own keys beyond that
  const nameSet = new Set(names);
  const defined = names.length > 8 ? (k: string) => hasOwn(properties, k) : (k: string) => nameSet.has(k);
  let additionalCheck: Check | undefined;
  let rejectAdditional = false;
  if (additional === false) rejectAdditional = true;
  else if (additional !== undefined) additionalCheck = compileSchema(additional, ctx); // undefined when it accepts everything
  const checksAdditional = rejectAdditional || additionalCheck !== undefined;
  // the checks of the properties (those whose schema accepts everything generate no code in Ajv), by name, with
  // their rank in the schema: Ajv validates properties in schema order; this walks the object's own keys instead
  // (objects have a few of the many properties a schema lists) and puts the errors back in Ajv's order
  const byName = new Map<string, { rank: number; check: Check }>();
  // names that objects inherit (`constructor` ...): only an object's own key counts (Ajv's ownProperties), and the
  // key loop below skips them, so that they are checked in their rank
  const inherited: { rank: number; name: string; check: Check }[] = [];
  names.forEach((name, rank) => {
    const check = compileSchema(properties[name], ctx);
    if (check === undefined) return;
    if (name in Object.prototype) inherited.push({ rank, name, check });
    else byName.set(name, { rank, check });
  });
  if (!checksAdditional && byName.size === 0 && inherited.length === 0) {
    return (d) => {
      if (!isObject(d)) {
        if (late) report('type', { type: typeValue });
        return;
      }
      missingRequired(d);
    };
  }
  return (d) => {
    if (!isObject(d)) {
      if (late) report('type', { type: typeValue });
      return;
    }
    missingRequired(d);
    const first = errors.length;
    // segments of errors and the rank Ajv would give them: additional properties (-1, in key order) come before
    // the properties (schema order)
    let segments: number[] | undefined;
    let lastRank = -2;
    let sorted = true;
    const at = depth++;
    for (const key in d) {
      const prop = byName.get(key);
      const before = errors.length;
      let rank: number;
      if (prop === undefined) {
        if (!checksAdditional || defined(key)) continue;
        rank = -1;
        if (rejectAdditional) {
          depth = at;
          report('additionalProperties', { additionalProperty: key });
          depth = at + 1;
        } else {
          path[at] = key;
          (additionalCheck as Check)(d[key]);
        }
      } else {
        const v = d[key];
        if (v === undefined) continue;
        rank = prop.rank;
        path[at] = key;
        prop.check(v);
      }
      if (errors.length > before) {
        (segments ??= []).push(rank, before, errors.length);
        if (rank < lastRank) sorted = false;
        lastRank = rank;
      }
    }
    for (const { rank, name, check } of inherited) {
      const v = d[name];
      if (v === undefined || !hasOwn(d, name)) continue;
      const before = errors.length;
      path[at] = name;
      check(v);
      if (errors.length > before) {
        (segments ??= []).push(rank, before, errors.length);
        if (rank < lastRank) sorted = false;
        lastRank = rank;
      }
    }
    depth = at;
    if (!sorted && segments !== undefined) reorder(first, segments);
  };
}

/** Puts the error segments [rank, start, end, ...] found since `first` in rank order (stable). */
function reorder(first: number, segments: number[]): void {
  const list: { rank: number; at: number; errs: SchemaErrorLike[] }[] = [];
  for (let i = 0; i < segments.length; i += 3) list.push({ rank: segments[i] as number, at: i, errs: errors.slice(segments[i + 1], segments[i + 2]) });
  list.sort((a, b) => a.rank - b.rank || a.at - b.at);
  errors.length = first;
  for (const seg of list) for (const e of seg.errs) errors.push(e);
}

/**
 * Whether compiling `schema` would reach a position that needs Ajv, following lazy references (through `resolve`)
 * into definitions not in `searched` (which it extends: a definition found free of such positions is not searched
 * again). The same traversal as compileSchema's, without compiling.
 */
export function reachesFallback(schema: unknown, resolve: (target: string) => unknown, searched: Set<string>): boolean {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (alwaysValid(s)) continue;
    if (needsFallback(s)) return true;
    const o = s as JsonSchema;
    if (isObject(o.properties)) for (const k of Object.keys(o.properties)) if (k !== '__proto__') stack.push(o.properties[k]);
    if (isObject(o.additionalProperties)) stack.push(o.additionalProperties);
    if (o.items !== undefined) stack.push(o.items);
    for (const k of [LAZY_REF, LAZY_REF_OR_NULL]) {
      const target = o[k];
      if (typeof target !== 'string' || searched.has(target)) continue;
      searched.add(target);
      const def = resolve(target);
      if (def !== undefined) stack.push(def);
    }
  }
  return false;
}
