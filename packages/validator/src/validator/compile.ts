// The closure compiler: schema graph nodes (graph.ts) become small closures, in microseconds and without generating
// code, with the semantics of kubeconform's schema engine (santhosh-tekuri/jsonschema v5.3, schema.go `validate`):
//  - a value of the wrong type gets the type error and nothing else;
//  - then const, enum, format, then by value type: object (minProperties, maxProperties, required, properties,
//    propertyNames, patternProperties, additionalProperties, dependentRequired/Schemas), array, string, number
//    keywords, then $ref, not, allOf, anyOf, oneOf, if/then/else, in that order;
//  - messages and locations are jsonschema's (escaped instance paths, keyword locations through in-place keywords).
// Where Go iterates a map (the order of `properties`, of the names in an additionalProperties message) the order is
// random in kubeconform; here it is the document's key order.
//
// Every node has two compiled forms, both made on first use: `test` (is it valid? no paths, no errors, stops at the
// first failure) and `check` (collects every error with its locations). A document is tested first; only an invalid
// one is checked again for its errors, so valid documents (most) never pay for error reporting.
import { goRegExp } from './goregexp.js';
import type { SchemaNode } from './graph.js';
import { goNumber, goRepr, goValue, quote } from './messages.js';

/** One error, as jsonschema's ValidationError: locations, message, and the errors it is made of (oneOf …). */
export interface SchemaErrorItem {
  /** The value's location, a JSON pointer whose tokens are URL-path-escaped (`/metadata/labels/a~1b`). */
  instance: string;
  /** The keyword's location in the schema, through in-place keywords (`/properties/spec/oneOf/0/type`). */
  keyword: string;
  message: string;
  causes?: SchemaErrorItem[];
  /** A `$ref`'s error ("doesn't validate with …"): listed as the errors it is made of (see messages.ts listErrors). */
  ref?: true;
}

type Check = (d: unknown) => void;
type Test = (d: unknown) => boolean;

// ---- run state: validation is synchronous, one document at a time per thread ---------------------------------
let errors: SchemaErrorItem[] = [];
const instancePath: (string | number)[] = [];
let instanceDepth = 0;
const keywordPath: string[] = [];
let keywordDepth = 0;

const NULL = 1;
const BOOLEAN = 2;
const OBJECT = 4;
const ARRAY = 8;
const NUMBER = 16;
const INTEGER = 32;
const STRING = 64;
const TYPE_BITS: Record<string, number> = { null: NULL, boolean: BOOLEAN, object: OBJECT, array: ARRAY, number: NUMBER | INTEGER, integer: INTEGER, string: STRING };

function typeBits(d: unknown): number {
  if (d === null) return NULL;
  switch (typeof d) {
    case 'string':
      return STRING;
    case 'number':
      return Number.isInteger(d) ? INTEGER : NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      return Array.isArray(d) ? ARRAY : OBJECT;
    default:
      return 0;
  }
}

/** jsonschema's jsonType: documents are decoded to float64, so every number is a "number". */
export function jsonType(d: unknown): string {
  if (d === null) return 'null';
  if (Array.isArray(d)) return 'array';
  return typeof d;
}

function isObject(d: unknown): d is Record<string, unknown> {
  return d !== null && typeof d === 'object' && !Array.isArray(d);
}

/** jsonschema's escape(): a JSON pointer token, URL-path-escaped (Go's url.PathEscape). */
export function escapeToken(token: string): string {
  const t = token.replace(/~/g, '~0').replace(/\//g, '~1');
  if (/^[A-Za-z0-9\-_.~$&+:=@]*$/.test(t)) return t;
  let out = '';
  for (const byte of Buffer.from(t, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+:=@]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function currentInstance(): string {
  let p = '';
  for (let i = 0; i < instanceDepth; i++) {
    const seg = instancePath[i] as string | number;
    p += `/${typeof seg === 'number' ? seg : escapeToken(seg)}`;
  }
  return p;
}

function currentKeyword(keyword: string): string {
  let p = '';
  for (let i = 0; i < keywordDepth; i++) p += `/${keywordPath[i] as string}`;
  return keyword === '' ? p : `${p}/${keyword}`;
}

function report(keyword: string, message: string, causes?: SchemaErrorItem[], ref?: true): void {
  const e: SchemaErrorItem = { instance: currentInstance(), keyword: currentKeyword(keyword), message };
  if (causes !== undefined && causes.length > 0) e.causes = causes;
  if (ref === true) e.ref = true;
  errors.push(e);
}

/** Runs `fn` with errors collected apart; returns them. */
function collect(fn: () => void): SchemaErrorItem[] {
  const saved = errors;
  errors = [];
  try {
    fn();
    return errors;
  } finally {
    errors = saved;
  }
}

/** Validates `data`, the value at `key` of the current instance, at schema position `segment` below the current one. */
function descend(key: string | number, segment: string, check: Check, data: unknown): void {
  const at = instanceDepth;
  const kat = keywordDepth;
  instancePath[at] = key;
  keywordPath[kat] = segment;
  instanceDepth = at + 1;
  keywordDepth = kat + 1;
  check(data);
  instanceDepth = at;
  keywordDepth = kat;
}

/** Validates `data` at a schema position reached in place (oneOf/0, $ref …): the keyword path grows, the value stays. */
function inPlace(segment: string, check: Check, data: unknown): void {
  keywordPath[keywordDepth++] = segment;
  try {
    check(data);
  } finally {
    keywordDepth--;
  }
}

/** jsonschema's equals(): JSON values, numbers by value. */
function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!equals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** utf8.RuneCount: code points, not UTF-16 units. */
function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/** An exact rational from a float's shortest decimal form (as jsonschema's big.Rat of fmt.Sprint(v)). */
function rational(n: number): [bigint, bigint] {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(String(n));
  if (m === null) return [0n, 1n];
  const frac = m[3] ?? '';
  let num = BigInt(`${m[1]}${m[2]}${frac}`);
  let den = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  return [num, den];
}

function isMultipleOf(v: number, m: number): boolean {
  const [vn, vd] = rational(v);
  const [mn, md] = rational(m);
  // (vn/vd) / (mn/md) = vn*md / (vd*mn)
  return (vn * md) % (vd * mn) === 0n;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** The formats that are asserted (a deliberate difference: kubeconform asserts none, the API server range-checks). */
const FORMAT_OK: Record<'int32' | 'int64', (n: number) => boolean> = {
  int32: (n) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
  int64: (n) => Number.isInteger(n) && n >= -9223372036854775808 && n <= 9223372036854775807,
};

function enumMessage(values: readonly unknown[]): string {
  if (!values.every((v) => v === null || typeof v !== 'object')) return 'enum failed';
  return values.length === 1 ? `value must be ${goRepr(values[0])}` : `value must be one of ${values.map(goRepr).join(', ')}`;
}

/** Compiles the nodes of one graph (a thread's copy of the run's graph) on first use, each node once. */
export class ClosureCompiler {
  private readonly checks: (Check | undefined)[] = [];
  private readonly tests: (Test | undefined)[] = [];

  constructor(private readonly nodes: readonly SchemaNode[]) {}

  /** The errors of `data` against node `root` (empty when valid). */
  validate(root: number, data: unknown): SchemaErrorItem[] {
    if (this.test(root)(data)) return [];
    const saved = errors;
    const savedDepths = [instanceDepth, keywordDepth];
    errors = [];
    instanceDepth = 0;
    keywordDepth = 0;
    try {
      this.check(root)(data);
      return errors;
    } finally {
      errors = saved;
      [instanceDepth, keywordDepth] = savedDepths as [number, number];
    }
  }

  test(id: number): Test {
    return this.tests[id] ?? this.build(this.tests, id, (n) => this.buildTest(n));
  }

  check(id: number): Check {
    return this.checks[id] ?? this.build(this.checks, id, (n) => this.buildCheck(n));
  }

  /** Builds node `id`'s function into `cache`, with a holder there first: a node may (through $ref) contain itself. */
  private build<F extends Test | Check>(cache: (F | undefined)[], id: number, make: (n: SchemaNode) => F): F {
    const holder = ((d: unknown) => real(d)) as F;
    cache[id] = holder;
    const real = make(this.node(id));
    cache[id] = real;
    return real;
  }

  private node(id: number): SchemaNode {
    const n = this.nodes[id];
    if (n === undefined) throw new Error(`internal error: schema node ${id} is missing`);
    return n;
  }

  // ---- test: valid or not -------------------------------------------------------------------------------------

  private buildTest(n: SchemaNode): Test {
    if (n.never === true) return () => false;
    const mask = typeMask(n);
    const parts: Test[] = [];
    if (n.const !== undefined) {
      const value = n.const[0];
      parts.push((d) => equals(d, value));
    }
    if (n.enum !== undefined) parts.push(enumTest(n.enum));
    if (n.format !== undefined) {
      const ok = FORMAT_OK[n.format];
      parts.push((d) => typeof d !== 'number' || ok(d));
    }
    const objectTest = this.objectTest(n);
    if (objectTest !== undefined) parts.push((d) => !isObject(d) || objectTest(d));
    const arrayTest = this.arrayTest(n);
    if (arrayTest !== undefined) parts.push((d) => !Array.isArray(d) || arrayTest(d));
    const stringTest = stringTestOf(n);
    if (stringTest !== undefined) parts.push((d) => typeof d !== 'string' || stringTest(d));
    const numberTest = numberTestOf(n);
    if (numberTest !== undefined) parts.push((d) => typeof d !== 'number' || numberTest(d));
    if (n.ref !== undefined) parts.push(this.test(n.ref));
    if (n.not !== undefined) {
      const t = this.test(n.not);
      parts.push((d) => !t(d));
    }
    for (const a of n.allOf ?? []) parts.push(this.test(a));
    if (n.anyOf !== undefined) {
      const branches = n.anyOf.map((b) => this.test(b));
      parts.push((d) => branches.some((b) => b(d)));
    }
    if (n.oneOf !== undefined) {
      const branches = n.oneOf.map((b) => this.test(b));
      parts.push((d) => {
        let matched = 0;
        for (const b of branches) if (b(d) && ++matched > 1) return false;
        return matched === 1;
      });
    }
    if (n.if !== undefined) {
      const cond = this.test(n.if);
      const then = n.then === undefined ? undefined : this.test(n.then);
      const otherwise = n.else === undefined ? undefined : this.test(n.else);
      parts.push((d) => (cond(d) ? then === undefined || then(d) : otherwise === undefined || otherwise(d)));
    }
    return allOf(mask, parts);
  }

  private objectTest(n: SchemaNode): ((d: Record<string, unknown>) => boolean) | undefined {
    const parts: ((d: Record<string, unknown>) => boolean)[] = [];
    const { minProperties, maxProperties } = n;
    if (minProperties !== undefined || maxProperties !== undefined) {
      parts.push((d) => {
        const count = Object.keys(d).length;
        return !(minProperties !== undefined && count < minProperties) && !(maxProperties !== undefined && count > maxProperties);
      });
    }
    if (n.required !== undefined) parts.push(requiredTest(n.required));
    const props = new Map((n.properties ?? []).map(([name, id]) => [name, this.test(id)]));
    const patterns = (n.patternProperties ?? []).map(([p, id]) => [goRegExp(p), this.test(id)] as const);
    const additional = n.additionalProperties;
    const additionalTest = typeof additional === 'number' ? this.test(additional) : undefined;
    const names = n.propertyNames === undefined ? undefined : this.test(n.propertyNames);
    if (props.size > 0 || patterns.length > 0 || additional === false || additionalTest !== undefined || names !== undefined) {
      parts.push((d) => {
        for (const key in d) {
          const value = d[key];
          const prop = props.get(key);
          if (prop !== undefined && !prop(value)) return false;
          if (names !== undefined && !names(key)) return false;
          let matched = prop !== undefined;
          for (const [re, t] of patterns) {
            if (re.test(key)) {
              matched = true;
              if (!t(value)) return false;
            }
          }
          if (!matched) {
            if (additional === false) return false;
            if (additionalTest !== undefined && !additionalTest(value)) return false;
          }
        }
        return true;
      });
    }
    for (const [name, deps] of n.dependentRequired ?? []) parts.push((d) => !(name in d) || deps.every((r) => Object.prototype.hasOwnProperty.call(d, r)));
    for (const [name, id] of n.dependentSchemas ?? []) {
      const t = this.test(id);
      parts.push((d) => !Object.prototype.hasOwnProperty.call(d, name) || t(d));
    }
    if (parts.length === 0) return undefined;
    return (d) => {
      for (const p of parts) if (!p(d)) return false;
      return true;
    };
  }

  private arrayTest(n: SchemaNode): ((d: unknown[]) => boolean) | undefined {
    const parts: ((d: unknown[]) => boolean)[] = [];
    const { minItems, maxItems } = n;
    if (minItems !== undefined) parts.push((d) => d.length >= minItems);
    if (maxItems !== undefined) parts.push((d) => d.length <= maxItems);
    if (n.uniqueItems === true) parts.push((d) => firstEqualPair(d) === undefined);
    if (n.prefixItems !== undefined) {
      const prefix = n.prefixItems.map((id) => this.test(id));
      const rest = n.additionalItems;
      const restTest = typeof rest === 'number' ? this.test(rest) : n.items !== undefined ? this.test(n.items) : undefined;
      parts.push((d) => {
        for (let i = 0; i < d.length; i++) {
          const t = i < prefix.length ? prefix[i] : restTest;
          if (t !== undefined && !t(d[i])) return false;
        }
        return !(rest === false && d.length > prefix.length);
      });
    } else if (n.items !== undefined) {
      const item = this.test(n.items);
      parts.push((d) => {
        for (let i = 0; i < d.length; i++) if (!item(d[i])) return false;
        return true;
      });
    }
    if (n.contains !== undefined) {
      const t = this.test(n.contains);
      const min = n.minContains ?? 1;
      const max = n.maxContains;
      parts.push((d) => {
        let matched = 0;
        for (const x of d) if (t(x)) matched++;
        return matched >= min && (max === undefined || matched <= max);
      });
    }
    if (parts.length === 0) return undefined;
    return (d) => {
      for (const p of parts) if (!p(d)) return false;
      return true;
    };
  }

  // ---- check: every error, with locations ---------------------------------------------------------------------

  private buildCheck(n: SchemaNode): Check {
    if (n.never === true) return () => report('', 'not allowed');
    const mask = typeMask(n);
    const typeText = (n.types ?? []).join(' or ');
    const parts: Check[] = [];
    if (n.const !== undefined) {
      const value = n.const[0];
      const message = value !== null && typeof value === 'object' ? 'const failed' : `value must be ${goRepr(value)}`;
      parts.push((d) => {
        if (!equals(d, value)) report('const', message);
      });
    }
    if (n.enum !== undefined) {
      const test = enumTest(n.enum);
      const message = enumMessage(n.enum);
      parts.push((d) => {
        if (!test(d)) report('enum', message);
      });
    }
    if (n.format !== undefined) {
      const format = n.format;
      const ok = FORMAT_OK[format];
      parts.push((d) => {
        if (typeof d === 'number' && !ok(d)) report('format', `${goValue(d)} is not valid ${quote(format)}`);
      });
    }
    const objectCheck = this.objectCheck(n);
    if (objectCheck !== undefined) parts.push((d) => isObject(d) && objectCheck(d));
    const arrayCheck = this.arrayCheck(n);
    if (arrayCheck !== undefined) parts.push((d) => Array.isArray(d) && arrayCheck(d));
    const stringCheck = stringCheckOf(n);
    if (stringCheck !== undefined) parts.push((d) => typeof d === 'string' && stringCheck(d));
    const numberCheck = numberCheckOf(n);
    if (numberCheck !== undefined) parts.push((d) => typeof d === 'number' && numberCheck(d));
    if (n.ref !== undefined) {
      const target = this.check(n.ref);
      const message = `doesn't validate with ${quote(n.refUrl ?? '')}`;
      parts.push((d) => {
        const causes = collect(() => inPlace('$ref', target, d));
        if (causes.length > 0) report('$ref', message, causes, true);
      });
    }
    if (n.not !== undefined) {
      const t = this.test(n.not);
      parts.push((d) => {
        if (t(d)) report('not', 'not failed');
      });
    }
    (n.allOf ?? []).forEach((id, i) => {
      const t = this.test(id);
      const c = this.check(id);
      const segment = `allOf/${i}`;
      parts.push((d) => {
        if (!t(d)) report(segment, 'allOf failed', collect(() => inPlace(segment, c, d)));
      });
    });
    if (n.anyOf !== undefined) {
      const branches = n.anyOf.map((id, i) => ({ t: this.test(id), c: this.check(id), segment: `anyOf/${i}` }));
      parts.push((d) => {
        if (branches.some((b) => b.t(d))) return;
        const causes = collect(() => {
          for (const b of branches) inPlace(b.segment, b.c, d);
        });
        report('anyOf', 'anyOf failed', causes);
      });
    }
    if (n.oneOf !== undefined) {
      const branches = n.oneOf.map((id, i) => ({ t: this.test(id), c: this.check(id), segment: `oneOf/${i}` }));
      parts.push((d) => {
        let matched = -1;
        for (let i = 0; i < branches.length; i++) {
          if (!(branches[i] as (typeof branches)[number]).t(d)) continue;
          if (matched === -1) matched = i;
          else {
            report('oneOf', `valid against schemas at indexes ${matched} and ${i}`);
            return;
          }
        }
        if (matched !== -1) return;
        const causes = collect(() => {
          for (const b of branches) inPlace(b.segment, b.c, d);
        });
        report('oneOf', 'oneOf failed', causes);
      });
    }
    if (n.if !== undefined) {
      const cond = this.test(n.if);
      const then = n.then === undefined ? undefined : this.check(n.then);
      const otherwise = n.else === undefined ? undefined : this.check(n.else);
      parts.push((d) => {
        const [branch, segment, message] = cond(d) ? [then, 'then', 'if-then failed'] : [otherwise, 'else', 'if-else failed'];
        if (branch === undefined) return;
        const causes = collect(() => inPlace(segment, branch, d));
        if (causes.length > 0) report(segment, message, causes);
      });
    }
    return (d) => {
      if (mask !== 0 && (typeBits(d) & mask) === 0) {
        report('type', `expected ${typeText}, but got ${jsonType(d)}`);
        return;
      }
      for (let i = 0; i < parts.length; i++) (parts[i] as Check)(d);
    };
  }

  private objectCheck(n: SchemaNode): ((d: Record<string, unknown>) => void) | undefined {
    const parts: ((d: Record<string, unknown>) => void)[] = [];
    const { minProperties, maxProperties } = n;
    if (minProperties !== undefined || maxProperties !== undefined) {
      parts.push((d) => {
        const count = Object.keys(d).length;
        if (minProperties !== undefined && count < minProperties) report('minProperties', `minimum ${minProperties} properties allowed, but found ${count} properties`);
        if (maxProperties !== undefined && count > maxProperties) report('maxProperties', `maximum ${maxProperties} properties allowed, but found ${count} properties`);
      });
    }
    if (n.required !== undefined) {
      const required = n.required;
      const present = requiredPresence(required);
      parts.push((d) => {
        let missing: string[] | undefined;
        for (let i = 0; i < required.length; i++) if (!present[i]?.(d)) (missing ??= []).push(quote(required[i] as string));
        if (missing !== undefined) report('required', `missing properties: ${missing.join(', ')}`);
      });
    }
    const props = new Map((n.properties ?? []).map(([name, id]) => [name, { check: this.check(id), segment: `properties/${escapeToken(name)}` }]));
    const names = n.propertyNames === undefined ? undefined : this.check(n.propertyNames);
    const patterns = (n.patternProperties ?? []).map(([p, id]) => ({ re: goRegExp(p), check: this.check(id), segment: `patternProperties/${escapeToken(p)}` }));
    const additional = n.additionalProperties;
    const additionalCheck = typeof additional === 'number' ? this.check(additional) : undefined;
    if (props.size > 0 || names !== undefined || patterns.length > 0 || additional === false || additionalCheck !== undefined) {
      parts.push((d) => {
        // properties in the document's order; the others are remembered for the later keywords
        let others: string[] | undefined;
        for (const key in d) {
          const prop = props.get(key);
          if (prop === undefined) (others ??= []).push(key);
          else descend(key, prop.segment, prop.check, d[key]);
        }
        if (names !== undefined) for (const key in d) descend(key, 'propertyNames', names, key);
        if (others === undefined) return;
        let unevaluated = others;
        if (patterns.length > 0) {
          unevaluated = [];
          for (const p of patterns) for (const key in d) if (p.re.test(key)) descend(key, p.segment, p.check, d[key]);
          for (const key of others) if (!patterns.some((p) => p.re.test(key))) unevaluated.push(key);
        }
        if (unevaluated.length === 0) return;
        if (additional === false) {
          report('additionalProperties', `additionalProperties ${unevaluated.map(quote).join(', ')} not allowed`);
        } else if (additionalCheck !== undefined) {
          for (const key of unevaluated) descend(key, 'additionalProperties', additionalCheck, d[key]);
        }
      });
    }
    for (const [name, deps] of n.dependentRequired ?? []) {
      parts.push((d) => {
        if (!Object.prototype.hasOwnProperty.call(d, name)) return;
        deps.forEach((r, i) => {
          if (!Object.prototype.hasOwnProperty.call(d, r)) report(`dependentRequired/${escapeToken(name)}/${i}`, `property ${quote(r)} is required, if ${quote(name)} property exists`);
        });
      });
    }
    for (const [name, id] of n.dependentSchemas ?? []) {
      const c = this.check(id);
      const segment = `dependentSchemas/${escapeToken(name)}`;
      parts.push((d) => {
        if (Object.prototype.hasOwnProperty.call(d, name)) inPlace(segment, c, d);
      });
    }
    if (parts.length === 0) return undefined;
    return (d) => {
      for (const p of parts) p(d);
    };
  }

  private arrayCheck(n: SchemaNode): ((d: unknown[]) => void) | undefined {
    const parts: ((d: unknown[]) => void)[] = [];
    const { minItems, maxItems } = n;
    if (minItems !== undefined) parts.push((d) => d.length < minItems && report('minItems', `minimum ${minItems} items required, but found ${d.length} items`));
    if (maxItems !== undefined) parts.push((d) => d.length > maxItems && report('maxItems', `maximum ${maxItems} items required, but found ${d.length} items`));
    if (n.uniqueItems === true) {
      parts.push((d) => {
        for (let i = 1; i < d.length; i++) for (let j = 0; j < i; j++) if (equals(d[i], d[j])) report('uniqueItems', `items at index ${j} and ${i} are equal`);
      });
    }
    /** Each item from index `from` on, at one schema position. */
    const each = (d: unknown[], from: number, segment: string, check: Check): void => {
      for (let i = from; i < d.length; i++) descend(i, segment, check, d[i]);
    };
    if (n.prefixItems !== undefined) {
      const prefix = n.prefixItems.map((id) => this.check(id));
      const rest = n.additionalItems;
      const restCheck = typeof rest === 'number' ? this.check(rest) : n.items !== undefined ? this.check(n.items) : undefined;
      const restSegment = typeof rest === 'number' ? 'additionalItems' : 'items';
      parts.push((d) => {
        for (let i = 0; i < Math.min(prefix.length, d.length); i++) descend(i, `prefixItems/${i}`, prefix[i] as Check, d[i]);
        if (restCheck !== undefined) each(d, prefix.length, restSegment, restCheck);
        if (rest === false && d.length > prefix.length) report('additionalItems', `only ${prefix.length} items are allowed, but found ${d.length} items`);
      });
    } else if (n.items !== undefined) {
      const item = this.check(n.items);
      parts.push((d) => each(d, 0, 'items', item));
    }
    if (n.contains !== undefined) {
      const t = this.test(n.contains);
      const c = this.check(n.contains);
      const min = n.minContains ?? 1;
      const max = n.maxContains;
      parts.push((d) => {
        let matched = 0;
        for (const x of d) if (t(x)) matched++;
        if (matched < min) report('minContains', `valid must be >= ${min}, but got ${matched}`, collect(() => each(d, 0, 'contains', c)));
        if (max !== undefined && matched > max) report('maxContains', `valid must be <= ${max}, but got ${matched}`);
      });
    }
    if (parts.length === 0) return undefined;
    return (d) => {
      for (const p of parts) p(d);
    };
  }
}

function typeMask(n: SchemaNode): number {
  let mask = 0;
  for (const t of n.types ?? []) mask |= TYPE_BITS[t] ?? 0;
  return mask;
}

function allOf(mask: number, parts: Test[]): Test {
  if (parts.length === 0) return mask === 0 ? () => true : (d) => (typeBits(d) & mask) !== 0;
  if (parts.length === 1) {
    const [p] = parts as [Test];
    return mask === 0 ? p : (d) => (typeBits(d) & mask) !== 0 && p(d);
  }
  return (d) => {
    if (mask !== 0 && (typeBits(d) & mask) === 0) return false;
    for (let i = 0; i < parts.length; i++) if (!(parts[i] as Test)(d)) return false;
    return true;
  };
}

function enumTest(values: readonly unknown[]): Test {
  if (values.every((v) => v === null || typeof v !== 'object')) {
    const set = new Set(values);
    return (d) => set.has(d);
  }
  return (d) => values.some((v) => equals(d, v));
}

/** Whether each required name is present: as an own key (a name objects inherit, `constructor`, is not "present"). */
function requiredPresence(required: readonly string[]): ((d: Record<string, unknown>) => boolean)[] {
  return required.map((r) => (r in Object.prototype ? (d) => Object.prototype.hasOwnProperty.call(d, r) : (d) => d[r] !== undefined));
}

function requiredTest(required: readonly string[]): (d: Record<string, unknown>) => boolean {
  const present = requiredPresence(required);
  return (d) => {
    for (const p of present) if (!p(d)) return false;
    return true;
  };
}

function firstEqualPair(d: readonly unknown[]): [number, number] | undefined {
  for (let i = 1; i < d.length; i++) for (let j = 0; j < i; j++) if (equals(d[i], d[j])) return [j, i];
  return undefined;
}

function stringTestOf(n: SchemaNode): ((d: string) => boolean) | undefined {
  const { minLength, maxLength, pattern } = n;
  if (minLength === undefined && maxLength === undefined && pattern === undefined) return undefined;
  const re = pattern === undefined ? undefined : goRegExp(pattern);
  return (d) => {
    if (minLength !== undefined || maxLength !== undefined) {
      const length = runeCount(d);
      if (minLength !== undefined && length < minLength) return false;
      if (maxLength !== undefined && length > maxLength) return false;
    }
    return re === undefined || re.test(d);
  };
}

function stringCheckOf(n: SchemaNode): ((d: string) => void) | undefined {
  const { minLength, maxLength, pattern } = n;
  if (minLength === undefined && maxLength === undefined && pattern === undefined) return undefined;
  const re = pattern === undefined ? undefined : goRegExp(pattern);
  const patternMessage = pattern === undefined ? '' : `does not match pattern ${quote(pattern)}`;
  return (d) => {
    if (minLength !== undefined || maxLength !== undefined) {
      const length = runeCount(d);
      if (minLength !== undefined && length < minLength) report('minLength', `length must be >= ${minLength}, but got ${length}`);
      if (maxLength !== undefined && length > maxLength) report('maxLength', `length must be <= ${maxLength}, but got ${length}`);
    }
    if (re !== undefined && !re.test(d)) report('pattern', patternMessage);
  };
}

function numberTestOf(n: SchemaNode): ((d: number) => boolean) | undefined {
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum, multipleOf } = n;
  if (minimum === undefined && exclusiveMinimum === undefined && maximum === undefined && exclusiveMaximum === undefined && multipleOf === undefined) return undefined;
  return (d) =>
    !(minimum !== undefined && d < minimum) &&
    !(exclusiveMinimum !== undefined && d <= exclusiveMinimum) &&
    !(maximum !== undefined && d > maximum) &&
    !(exclusiveMaximum !== undefined && d >= exclusiveMaximum) &&
    (multipleOf === undefined || isMultipleOf(d, multipleOf));
}

function numberCheckOf(n: SchemaNode): ((d: number) => void) | undefined {
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum, multipleOf } = n;
  if (minimum === undefined && exclusiveMinimum === undefined && maximum === undefined && exclusiveMaximum === undefined && multipleOf === undefined) return undefined;
  return (d) => {
    if (minimum !== undefined && d < minimum) report('minimum', `must be >= ${goNumber(minimum)} but found ${goValue(d)}`);
    if (exclusiveMinimum !== undefined && d <= exclusiveMinimum) report('exclusiveMinimum', `must be > ${goNumber(exclusiveMinimum)} but found ${goValue(d)}`);
    if (maximum !== undefined && d > maximum) report('maximum', `must be <= ${goNumber(maximum)} but found ${goValue(d)}`);
    if (exclusiveMaximum !== undefined && d >= exclusiveMaximum) report('exclusiveMaximum', `must be < ${goNumber(exclusiveMaximum)} but found ${goValue(d)}`);
    if (multipleOf !== undefined && !isMultipleOf(d, multipleOf)) report('multipleOf', `${goValue(d)} not multipleOf ${goNumber(multipleOf)}`);
  };
}
