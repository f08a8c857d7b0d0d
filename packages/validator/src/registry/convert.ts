// Schemas derived from OpenAPI documents, made to validate as kubeconform validates with the schemas its users give
// it, so that verdicts do not depend on where a schema came from:
//  - a bundle's (`_definitions.json`, a cluster's /openapi/v2) kind ≡ the kind's file of the kubernetes-json-schema
//    collection (`…-standalone[-strict]/deployment-apps-v1.json`, made by openapi2jsonschema --kubernetes --expanded
//    --stand-alone [--strict]): apiVersion/kind enums, strict objects closed, `type` made `[type, "null"]` wherever
//    openapi2jsonschema's allow_null_optional_fields does it (everywhere but properties listed as required by their
//    object; the kind's own top-level properties always), references replaced by their target. Here references stay
//    shared objects (a DAG, each definition converted once per nullability), which the graph then shares too.
//  - a CRD's openAPIV3Schema ≡ what kubeconform's scripts/openapi2jsonschema.py writes: every nested object with
//    `properties` closed (strict or not), the root left open, `format: int-or-string` made a oneOf.
// One deliberate difference on top (README): an optional int-or-string property accepts null (kubeconform's oneOf
// of [string, null] and [integer, null] matches null twice and rejects it; the API server takes null as unset).
export type JsonSchema = Record<string, unknown>;

const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

const INT_OR_STRING_ONE_OF = (): JsonSchema => ({ oneOf: [{ type: 'string' }, { type: 'integer' }] });

/**
 * Whether a (converted) schema is kubeconform's int-or-string: `oneOf` of string and integer, both nullable.
 */
function isNullableIntOrString(s: unknown): s is { oneOf: [JsonSchema, JsonSchema] } {
  if (!isObject(s) || !Array.isArray(s.oneOf) || s.oneOf.length !== 2 || Object.keys(s).some((k) => k !== 'oneOf' && k !== 'description')) return false;
  const [a, b] = s.oneOf as unknown[];
  const types = (x: unknown): string => (isObject(x) && Array.isArray(x.type) && Object.keys(x).length === 1 ? (x.type as unknown[]).join(',') : '');
  return types(a) === 'string,null' && types(b) === 'integer,null';
}

/** The deliberate difference: null matches the string branch only, so that it is accepted once. */
function acceptNullOnce(s: { oneOf: [JsonSchema, JsonSchema] }): JsonSchema {
  return { ...s, oneOf: [s.oneOf[0], { type: 'integer' }] };
}

/**
 * The deliberate difference, for the schema of a property that its object does not require (standalone files of the
 * kubernetes-json-schema collection are read through this, see location.ts): kubeconform's nullable int-or-string
 * accepts null once; any other schema is returned as it is.
 */
export function optionalIntOrStringAcceptsNull(schema: unknown): unknown {
  return isNullableIntOrString(schema) ? acceptNullOnce(schema) : schema;
}

/** The kinds of a bundle, converted as the collection's standalone files are (see the top of this file). */
export class StandaloneConverter {
  private readonly converted = new Map<string, JsonSchema>();
  private readonly inProgress = new Set<string>();
  /** Definitions reached again while being converted (recursive ones): referenced as `#/definitions/<key>`. */
  readonly definitions: Record<string, JsonSchema> = {};

  constructor(
    private readonly bundle: Record<string, JsonSchema>,
    private readonly strict: boolean,
  ) {}

  /** The schema of a kind (its definition's name), as its standalone file would be. */
  kind(name: string): JsonSchema {
    const def = this.definition(name);
    if (def === undefined) throw new Error(`no definition ${name}`);
    const out = this.convert(def, false, true);
    if (out.type === undefined) out.type = 'object';
    if (this.strict) out.additionalProperties = false;
    return out;
  }

  /** A definition with apiVersion/kind enums from its x-kubernetes-group-version-kind (what --expanded adds). */
  private definition(name: string): JsonSchema | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.bundle, name)) return undefined;
    const def = this.bundle[name] as JsonSchema;
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks) || !isObject(def.properties)) return def;
    const props: JsonSchema = { ...def.properties };
    const add = (prop: string, value: string): void => {
      if (!isObject(props[prop])) return;
      const p = props[prop] as JsonSchema;
      const values = Array.isArray(p.enum) ? p.enum : [];
      if (!values.includes(value)) props[prop] = { ...p, enum: [...values, value] };
    };
    for (const g of gvks as { group?: string; version?: string; kind?: string }[]) {
      if (typeof g.version === 'string') add('apiVersion', g.group ? `${g.group}/${g.version}` : g.version);
      if (typeof g.kind === 'string') add('kind', g.kind);
    }
    return { ...def, properties: props };
  }

  /** A referenced definition at a position that is nullable or not (converted once for each). */
  private reference(ref: string, nullable: boolean): JsonSchema {
    const name = ref.replace(/^.*#\/definitions\//, '');
    const key = `${name}${nullable ? '~nullable' : ''}`;
    const done = this.converted.get(key);
    if (done !== undefined) return done;
    if (this.inProgress.has(key)) return { $ref: `#/definitions/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` };
    const def = this.definition(name);
    if (def === undefined) throw new Error(`$ref ${ref}: the bundle has no definition ${name}`);
    this.inProgress.add(key);
    const out = this.convert(def, nullable, false);
    this.inProgress.delete(key);
    this.converted.set(key, out);
    this.definitions[key] = out;
    return out;
  }

  /**
   * openapi2jsonschema's transforms on one schema: `nullable` says whether its own `type` gets null (the
   * allow_null_optional_fields rule); `root` marks the kind's schema, whose properties are all nullable; `inList`
   * marks a schema that is an element of a list (oneOf …), which its additional_properties does not close.
   */
  private convert(s: JsonSchema, nullable: boolean, root: boolean, inList = false): JsonSchema {
    if (typeof s.$ref === 'string') return this.reference(s.$ref, nullable);
    if (s.format === 'int-or-string' && !root && !inList) return this.convert(INT_OR_STRING_ONE_OF(), nullable, false);
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(s)) {
      switch (k) {
        case 'type':
          out.type = nullable && typeof v === 'string' && v !== 'null' ? [v, 'null'] : v;
          break;
        case 'properties': {
          if (!isObject(v)) {
            out[k] = v;
            break;
          }
          const required = new Set(!root && Array.isArray(s.required) ? s.required : []);
          const props: JsonSchema = {};
          for (const [name, p] of Object.entries(v)) {
            if (!isObject(p)) {
              props[name] = p;
              continue;
            }
            const optional = !required.has(name);
            const converted = this.convert(p, optional, false);
            props[name] = optional && isNullableIntOrString(converted) ? acceptNullOnce(converted) : converted;
          }
          out.properties = props;
          break;
        }
        case 'items':
          out.items = Array.isArray(v) ? v.map((x) => (isObject(x) ? this.convert(x, true, false, true) : x)) : isObject(v) ? this.convert(v, true, false) : v;
          break;
        case 'additionalProperties':
        case 'not':
          out[k] = isObject(v) ? this.convert(v, true, false) : v;
          break;
        case 'oneOf':
        case 'anyOf':
        case 'allOf':
          out[k] = Array.isArray(v) ? v.map((x) => (isObject(x) ? this.convert(x, true, false, true) : x)) : v;
          break;
        default:
          out[k] = v;
      }
    }
    if (this.strict && !inList && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  }
}

/**
 * A CRD version's openAPIV3Schema as kubeconform's scripts/openapi2jsonschema.py converts it: `additionalProperties:
 * false` on every nested schema that has `properties` and no `additionalProperties` (whatever -strict says; the root
 * is left open), and a `format: int-or-string` schema replaced by a oneOf of string and integer. Nothing else: CRD
 * `nullable` and `x-kubernetes-*` keywords are not JSON Schema, and kubeconform's engine ignores them.
 */
export function crdJsonSchema(openAPIV3Schema: JsonSchema): JsonSchema {
  return replaceIntOrString(closeNested(openAPIV3Schema, true)) as JsonSchema;
}

function closeNested(v: unknown, skip: boolean): unknown {
  if (Array.isArray(v)) return v;
  if (!isObject(v)) return v;
  const out: JsonSchema = {};
  for (const [k, x] of Object.entries(v)) out[k] = isObject(x) ? closeNested(x, false) : x;
  if (!skip && 'properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function replaceIntOrString(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(replaceIntOrString);
  if (!isObject(v)) return v;
  const out: JsonSchema = {};
  for (const [k, x] of Object.entries(v)) out[k] = isObject(x) && x.format === 'int-or-string' ? INT_OR_STRING_ONE_OF() : replaceIntOrString(x);
  return out;
}
