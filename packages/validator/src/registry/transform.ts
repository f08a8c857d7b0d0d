// Schema transforms that give schemas derived from an OpenAPI document (a `_definitions.json` bundle, a cluster's
// /openapi/v2, a CRD's openAPIV3Schema) the semantics of kubeconform's default (standalone) schemas:
//  - every schema position accepts null, except a property that its parent object lists as `required`;
//  - int-or-string accepts string or integer; quantity accepts string or number;
//  - strict: `additionalProperties: false` on every object that has `properties` and no `additionalProperties`
//    (and does not preserve unknown fields).
// The transforms never mutate their input.

export type JsonSchema = Record<string, unknown>;

export interface TransformOptions {
  strict: boolean;
  /** Make optional positions accept null (kubeconform's default schemas do; CRD schemas only where `nullable`). */
  nullableOptional: boolean;
  /** Rewrites a `$ref` (e.g. to point into an Ajv-registered bundle). */
  rewriteRef?: (ref: string) => string;
  /**
   * Emit references as the `LAZY_REF` keyword instead of `$ref` (same semantics; the validator compiles the target
   * the first time a document reaches it, so that a kind costs only the definitions its documents use).
   */
  lazyRefs?: boolean;
}

/** Keyword of a reference compiled on first use (see `Validator`); its value is the absolute reference. */
export const LAZY_REF = 'x-helmforge-ref';
/** The same, accepting null as well (what `allowNull` makes of a `LAZY_REF`). */
export const LAZY_REF_OR_NULL = 'x-helmforge-ref-or-null';

const QUANTITY = /(^|\.)api\.resource\.Quantity$/;
const INT_OR_STRING = /(^|\.)util\.intstr\.IntOrString$/;

/** The schema of one named definition with int-or-string/quantity normalised (before position-dependent nullability). */
export function normaliseDefinition(name: string, def: JsonSchema): JsonSchema {
  if (INT_OR_STRING.test(name)) return { ...pickDocs(def), type: ['string', 'integer'] };
  if (QUANTITY.test(name)) return { ...pickDocs(def), type: ['string', 'number'] };
  return def;
}

function pickDocs(def: JsonSchema): JsonSchema {
  return typeof def.description === 'string' ? { description: def.description } : {};
}

/**
 * Transforms a schema. `nullable` says whether this position accepts null (false for the root and for required
 * properties). Nested positions are decided here.
 */
export function transformSchema(schema: unknown, opts: TransformOptions, nullable: boolean, depth = 0): unknown {
  if (depth > 200 || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as JsonSchema;
  const out: JsonSchema = {};
  const intOrString = s['x-kubernetes-int-or-string'] === true || s.format === 'int-or-string';
  const preserveUnknown = s['x-kubernetes-preserve-unknown-fields'] === true;
  const explicitNullable = s.nullable === true;
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'description':
      case 'x-kubernetes-group-version-kind':
      case 'x-kubernetes-list-type':
      case 'x-kubernetes-list-map-keys':
      case 'x-kubernetes-patch-merge-key':
      case 'x-kubernetes-patch-strategy':
      case 'x-kubernetes-map-type':
      case 'x-kubernetes-validations':
      case 'nullable':
      case '$schema':
      case 'id':
        break; // documentation or server-side semantics: dropped to keep compiled validators small
      case 'properties': {
        const required = new Set(Array.isArray(s.required) ? (s.required as unknown[]).filter((r) => typeof r === 'string') : []);
        const props: JsonSchema = {};
        for (const [name, sub] of Object.entries((v ?? {}) as JsonSchema)) {
          props[name] = transformSchema(sub, opts, opts.nullableOptional && !required.has(name), depth + 1);
        }
        out.properties = props;
        break;
      }
      case 'items':
        out.items = Array.isArray(v)
          ? v.map((x) => transformSchema(x, opts, opts.nullableOptional, depth + 1))
          : transformSchema(v, opts, opts.nullableOptional, depth + 1);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof v === 'object' ? transformSchema(v, opts, opts.nullableOptional, depth + 1) : v;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        // branches describe the same position: nullability is decided once, on this schema
        out[k] = Array.isArray(v) ? v.map((x) => transformSchema(x, { ...opts, nullableOptional: opts.nullableOptional }, false, depth + 1)) : v;
        break;
      case 'not':
        out.not = transformSchema(v, opts, false, depth + 1);
        break;
      case 'pattern':
        if (typeof v === 'string' && isUsableRegExp(v)) out.pattern = v;
        break;
      case '$ref': {
        const ref = opts.rewriteRef && typeof v === 'string' ? opts.rewriteRef(v) : v;
        if (opts.lazyRefs && typeof ref === 'string') out[LAZY_REF] = ref;
        else out.$ref = ref;
        break;
      }
      default:
        out[k] = v;
    }
  }
  if (intOrString) {
    out.type = ['string', 'integer'];
    if (out.format === 'int-or-string') delete out.format;
  }
  if (opts.strict && out.properties !== undefined && out.additionalProperties === undefined && !preserveUnknown) {
    out.additionalProperties = false;
  }
  if (nullable || explicitNullable) return allowNull(out);
  return out;
}

/** Makes a (transformed) schema accept null as well. */
export function allowNull(s: JsonSchema): JsonSchema {
  if (typeof s.$ref === 'string') {
    // a reference: its target is shared by required and optional positions, so null is allowed here
    const { $ref, ...rest } = s;
    return { ...rest, if: { type: 'null' }, else: { $ref } };
  }
  if (typeof s[LAZY_REF] === 'string') {
    // equivalent to the `if`/`else` above, in one keyword that compiles to less code
    const { [LAZY_REF]: ref, ...rest } = s;
    return { ...rest, [LAZY_REF_OR_NULL]: ref };
  }
  if (typeof s.type === 'string') {
    if (s.type === 'null') return s;
    const out: JsonSchema = { ...s, type: [s.type, 'null'] };
    if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
    return out;
  }
  if (Array.isArray(s.type)) {
    if ((s.type as unknown[]).includes('null')) return s;
    const out: JsonSchema = { ...s, type: [...(s.type as unknown[]), 'null'] };
    if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
    return out;
  }
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf) || Array.isArray(s.allOf)) {
    return { if: { type: 'null' }, else: s };
  }
  return s; // no type constraint: already accepts null
}

const regexpOk = new Map<string, boolean>();
function isUsableRegExp(p: string): boolean {
  let ok = regexpOk.get(p);
  if (ok === undefined) {
    try {
      new RegExp(p, 'u');
      ok = true;
    } catch {
      ok = false; // RE2/Go syntax that JavaScript cannot compile: dropped rather than failing the whole kind
    }
    regexpOk.set(p, ok);
  }
  return ok;
}
