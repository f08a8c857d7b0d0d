// A schema as a graph of normalised nodes: only the keywords that validate are kept (descriptions, x-kubernetes-*
// and the like go), in one canonical shape, and a node that is structurally identical to one already seen is that
// node. PodSpec inside Deployment, StatefulSet, Job, CronJob and DaemonSet is one node per run, compiled once; a
// standalone Deployment schema of 665 KB (every reference inlined, PodSpec's parts repeated) becomes 157 nodes.
// The graph is plain data: it is what the main thread sends to worker threads and what the persistent cache stores
// (cache/compiled.ts), and each thread turns nodes into closures (compile.ts) in microseconds.
//
// Keywords are read with the semantics kubeconform's schema engine (santhosh-tekuri/jsonschema v5) gives schemas
// without a `$schema` or with `http://json-schema.org/schema#`, i.e. draft 2020-12: `dependencies` and
// `additionalItems` are not keywords, formats are annotations. Two deliberate exceptions: `format: int32`/`int64` are
// kept (range checks, see the README), and `items` given as an array is read as draft-07 tuple validation.
import { goRegExp } from './goregexp.js';

/** One normalised schema; child schemas are node ids. Key order is fixed: the canonical key is its JSON text. */
export interface SchemaNode {
  /** The boolean schema `false`: nothing is valid. */
  never?: true;
  types?: string[];
  /** `const` (wrapped, so that `null` is a value). */
  const?: [unknown];
  enum?: unknown[];
  format?: 'int32' | 'int64';
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  /** Sorted by name. */
  properties?: [string, number][];
  propertyNames?: number;
  patternProperties?: [string, number][];
  additionalProperties?: boolean | number;
  dependentRequired?: [string, string[]][];
  dependentSchemas?: [string, number][];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: true;
  items?: number;
  /** Tuple validation (`prefixItems`, or draft-07 `items: [...]`), with `additionalItems` for the rest. */
  prefixItems?: number[];
  additionalItems?: boolean | number;
  contains?: number;
  minContains?: number;
  maxContains?: number;
  minLength?: number;
  maxLength?: number;
  /** Go syntax, as written (messages quote it); compile.ts translates it. */
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  /** `$ref`: the target node and how messages name it. */
  ref?: number;
  refUrl?: string;
  not?: number;
  allOf?: number[];
  anyOf?: number[];
  oneOf?: number[];
  if?: number;
  then?: number;
  else?: number;
}

/** Where a `$ref` leads: the target schema and how messages name it (kubeconform: the URL, or `#…` in the same file). */
export interface ResolvedRef {
  schema: unknown;
  /** Identifies the target document + pointer (for cycles and for memoising). */
  key: string;
  /** How jsonschema names the target in "doesn't validate with" (a fragment when it is in the same document). */
  url: string;
  /** Resolves references inside the target (its own document's base). */
  resolver: RefResolver;
}

export type RefResolver = (ref: string) => ResolvedRef;

export class SchemaError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const INTEGER = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A run's nodes. Ids are positions in `nodes` and only ever grow, so a worker that got nodes 0..n keeps them. */
export class SchemaGraph {
  readonly nodes: SchemaNode[] = [];
  private readonly byKey = new Map<string, number>();

  /** The id of a node, adding it when no identical node exists. */
  intern(node: SchemaNode): number {
    const key = JSON.stringify(node);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.nodes.push(node);
      this.byKey.set(key, id);
    }
    return id;
  }

  /** An id for a node whose content comes later (a schema that refers to itself). Never shared. */
  reserve(): number {
    this.nodes.push({});
    return this.nodes.length - 1;
  }

  fill(id: number, node: SchemaNode): void {
    this.nodes[id] = node;
  }

  /** Adds the nodes of a subgraph made elsewhere (the persistent cache); returns the new id of each of its nodes. */
  merge(nodes: readonly SchemaNode[]): number[] {
    const ids = new Array<number>(nodes.length);
    // children before parents, except across cycles (reserved nodes), which keep their own id
    const order = topologicalOrder(nodes);
    const reserved = new Set<number>();
    for (const i of order.cyclic) {
      ids[i] = this.reserve();
      reserved.add(i);
    }
    for (const i of order.sorted) {
      if (reserved.has(i)) continue;
      ids[i] = this.intern(remap(nodes[i] as SchemaNode, ids));
    }
    for (const i of reserved) this.fill(ids[i] as number, remap(nodes[i] as SchemaNode, ids));
    return ids;
  }

  /** The nodes reachable from `root`, renumbered from 0 (root first): what the persistent cache stores. */
  subgraph(root: number): SchemaNode[] {
    const ids = new Map<number, number>();
    const order: number[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (ids.has(id)) continue;
      ids.set(id, order.length);
      order.push(id);
      forEachChild(this.nodes[id] as SchemaNode, (c) => stack.push(c));
    }
    return order.map((id) => remap(this.nodes[id] as SchemaNode, (c) => ids.get(c) as number));
  }
}

/** Calls `fn` for every child id of a node. */
export function forEachChild(n: SchemaNode, fn: (id: number) => void): void {
  for (const [, c] of n.properties ?? []) fn(c);
  for (const [, c] of n.patternProperties ?? []) fn(c);
  for (const [, c] of n.dependentSchemas ?? []) fn(c);
  for (const c of n.prefixItems ?? []) fn(c);
  for (const list of [n.allOf, n.anyOf, n.oneOf]) for (const c of list ?? []) fn(c);
  for (const c of [n.propertyNames, n.items, n.contains, n.ref, n.not, n.if, n.then, n.else]) if (c !== undefined) fn(c);
  if (typeof n.additionalProperties === 'number') fn(n.additionalProperties);
  if (typeof n.additionalItems === 'number') fn(n.additionalItems);
}

/** A copy of a node with its child ids mapped. */
function remap(n: SchemaNode, map: ArrayLike<number> | ((id: number) => number)): SchemaNode {
  const m = typeof map === 'function' ? map : (id: number) => map[id] as number;
  const out: SchemaNode = {};
  for (const [k, v] of Object.entries(n) as [keyof SchemaNode, unknown][]) {
    switch (k) {
      case 'properties':
      case 'patternProperties':
      case 'dependentSchemas':
        (out as Record<string, unknown>)[k] = (v as [string, number][]).map(([name, c]) => [name, m(c)]);
        break;
      case 'prefixItems':
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        (out as Record<string, unknown>)[k] = (v as number[]).map(m);
        break;
      case 'propertyNames':
      case 'items':
      case 'contains':
      case 'ref':
      case 'not':
      case 'if':
      case 'then':
      case 'else':
        (out as Record<string, unknown>)[k] = m(v as number);
        break;
      case 'additionalProperties':
      case 'additionalItems':
        (out as Record<string, unknown>)[k] = typeof v === 'number' ? m(v) : v;
        break;
      default:
        (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Nodes in an order where children come first; nodes on cycles are listed apart (they are reserved, not interned). */
function topologicalOrder(nodes: readonly SchemaNode[]): { sorted: number[]; cyclic: number[] } {
  const state = new Uint8Array(nodes.length); // 0 new, 1 in progress, 2 done
  const sorted: number[] = [];
  const cyclic = new Set<number>();
  for (let start = 0; start < nodes.length; start++) {
    if (state[start] !== 0) continue;
    // iterative DFS: [node, children, next child]
    const stack: [number, number[], number][] = [];
    const push = (id: number): void => {
      const children: number[] = [];
      forEachChild(nodes[id] as SchemaNode, (c) => children.push(c));
      state[id] = 1;
      stack.push([id, children, 0]);
    };
    push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number[], number];
      if (top[2] < top[1].length) {
        const c = top[1][top[2]++] as number;
        if (state[c] === 0) push(c);
        else if (state[c] === 1) cyclic.add(c);
      } else {
        stack.pop();
        state[top[0]] = 2;
        sorted.push(top[0]);
      }
    }
  }
  return { sorted, cyclic: [...cyclic] };
}

/**
 * Adds a JSON schema to a graph; returns its node id. `resolve` resolves `$ref`s (they stay references: errors under
 * them are worded as jsonschema words them). Objects met again (the same JS object, as a converted bundle shares
 * its definitions) are added once. `optionalProperty`, when given, may replace the schema of each property that its
 * object does not require (a deliberate difference applied to standalone files on the way, see registry/convert.ts).
 */
export function addSchema(graph: SchemaGraph, schema: unknown, resolve: RefResolver, options: { optionalProperty?: (schema: unknown) => unknown } = {}): number {
  return new Builder(graph, options.optionalProperty).add(schema, resolve);
}

function countKeyword(s: Record<string, unknown>, k: string): number | undefined {
  const v = s[k];
  if (v === undefined) return undefined;
  if (!INTEGER(v)) throw new SchemaError(`${k} must be a non-negative integer`);
  return v;
}

function numberKeyword(s: Record<string, unknown>, k: string): number | undefined {
  const v = s[k];
  if (v === undefined || typeof v === 'boolean') return undefined;
  if (typeof v !== 'number') throw new SchemaError(`${k} must be a number`);
  return v;
}

const JSON_TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'string', 'integer']);

// (a standalone file is ~10,000 schema objects, normalised in a process that has just started: plain loops and
// methods, no closures made per schema)
class Builder {
  private readonly done = new Map<unknown, number>();
  private readonly refs = new Map<string, number>();
  /** Schemas being added (a reference back to one of them is a cycle): object → reserved id (once needed). */
  private readonly inProgress = new Map<unknown, number | undefined>();

  constructor(
    private readonly graph: SchemaGraph,
    private readonly optionalProperty: ((schema: unknown) => unknown) | undefined,
  ) {}

  add(schema: unknown, resolve: RefResolver): number {
    if (typeof schema === 'boolean') return this.graph.intern(schema ? {} : { never: true });
    if (!isObject(schema)) throw new SchemaError(`a schema must be an object or a boolean, not ${JSON.stringify(schema)}`);
    const known = this.done.get(schema);
    if (known !== undefined) return known;
    if (this.inProgress.has(schema)) {
      let id = this.inProgress.get(schema);
      if (id === undefined) {
        id = this.graph.reserve();
        this.inProgress.set(schema, id);
      }
      return id;
    }
    this.inProgress.set(schema, undefined);
    const node = this.node(schema, resolve);
    const reserved = this.inProgress.get(schema);
    this.inProgress.delete(schema);
    let id: number;
    if (reserved !== undefined) {
      this.graph.fill(reserved, node);
      id = reserved;
    } else {
      id = this.graph.intern(node);
    }
    this.done.set(schema, id);
    return id;
  }

  private ref(ref: string, resolve: RefResolver): { id: number; url: string } {
    const target = resolve(ref);
    let id = this.refs.get(target.key);
    if (id === undefined) {
      id = this.add(target.schema, target.resolver);
      this.refs.set(target.key, id);
    }
    return { id, url: target.url };
  }

  private list(s: Record<string, unknown>, k: string, resolve: RefResolver): number[] | undefined {
    const v = s[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0) throw new SchemaError(`${k} must be a non-empty array`);
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = this.add(v[i], resolve);
    return out;
  }

  /** `properties`, `patternProperties`, `dependentSchemas`: [name, id] sorted by name. */
  private schemaMap(s: Record<string, unknown>, k: string, resolve: RefResolver): [string, number][] | undefined {
    const v = s[k];
    if (v === undefined) return undefined;
    if (!isObject(v)) throw new SchemaError(`${k} must be an object`);
    const names = Object.keys(v).sort();
    const out = new Array<[string, number]>(names.length);
    const hook = k === 'properties' ? this.optionalProperty : undefined;
    const required = hook !== undefined && Array.isArray(s.required) ? (s.required as unknown[]) : [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (k === 'patternProperties') goRegExp(name); // a pattern Go cannot compile: the schema does not compile
      const child = hook !== undefined && !required.includes(name) ? hook(v[name]) : v[name];
      out[i] = [name, this.add(child, resolve)];
    }
    return out;
  }

  private sub(v: unknown, resolve: RefResolver): number | boolean {
    return typeof v === 'boolean' ? v : this.add(v, resolve);
  }

  private node(s: Record<string, unknown>, resolve: RefResolver): SchemaNode {
    const n: SchemaNode = {};
    const type = s.type;
    if (type !== undefined) {
      const types = Array.isArray(type) ? type : [type];
      if (types.length === 0 || !types.every((t) => typeof t === 'string' && JSON_TYPES.has(t))) {
        throw new SchemaError(`type ${JSON.stringify(type)} is not a JSON type or list of them`);
      }
      n.types = types as string[];
    }
    if ('const' in s) n.const = [s.const];
    if (s.enum !== undefined) {
      if (!Array.isArray(s.enum)) throw new SchemaError('enum must be an array');
      n.enum = s.enum;
    }
    if (s.format === 'int32' || s.format === 'int64') n.format = s.format;
    const minP = countKeyword(s, 'minProperties');
    if (minP !== undefined) n.minProperties = minP;
    const maxP = countKeyword(s, 'maxProperties');
    if (maxP !== undefined) n.maxProperties = maxP;
    if (s.required !== undefined) {
      if (!Array.isArray(s.required) || !s.required.every((r) => typeof r === 'string')) throw new SchemaError('required must be an array of strings');
      if (s.required.length > 0) n.required = s.required as string[];
    }
    const properties = this.schemaMap(s, 'properties', resolve);
    if (properties !== undefined && properties.length > 0) n.properties = properties;
    if (s.propertyNames !== undefined) n.propertyNames = this.add(s.propertyNames, resolve);
    const patterns = this.schemaMap(s, 'patternProperties', resolve);
    if (patterns !== undefined && patterns.length > 0) n.patternProperties = patterns;
    if (s.additionalProperties !== undefined) n.additionalProperties = this.sub(s.additionalProperties, resolve);
    if (s.dependentRequired !== undefined) {
      if (!isObject(s.dependentRequired)) throw new SchemaError('dependentRequired must be an object');
      n.dependentRequired = Object.keys(s.dependentRequired)
        .sort()
        .map((k) => [k, (s.dependentRequired as Record<string, string[]>)[k] ?? []]);
    }
    const depSchemas = this.schemaMap(s, 'dependentSchemas', resolve);
    if (depSchemas !== undefined) n.dependentSchemas = depSchemas;
    const minI = countKeyword(s, 'minItems');
    if (minI !== undefined) n.minItems = minI;
    const maxI = countKeyword(s, 'maxItems');
    if (maxI !== undefined) n.maxItems = maxI;
    if (s.uniqueItems === true) n.uniqueItems = true;
    if (Array.isArray(s.items)) {
      n.prefixItems = (s.items as unknown[]).map((x) => this.add(x, resolve));
      if (s.additionalItems !== undefined) n.additionalItems = this.sub(s.additionalItems, resolve);
    } else {
      const prefix = this.list(s, 'prefixItems', resolve);
      if (prefix !== undefined) n.prefixItems = prefix;
      if (s.items !== undefined) n.items = this.add(s.items, resolve);
    }
    if (s.contains !== undefined) {
      n.contains = this.add(s.contains, resolve);
      const minC = countKeyword(s, 'minContains');
      if (minC !== undefined) n.minContains = minC;
      const maxC = countKeyword(s, 'maxContains');
      if (maxC !== undefined) n.maxContains = maxC;
    }
    const minL = countKeyword(s, 'minLength');
    if (minL !== undefined) n.minLength = minL;
    const maxL = countKeyword(s, 'maxLength');
    if (maxL !== undefined) n.maxLength = maxL;
    if (s.pattern !== undefined) {
      if (typeof s.pattern !== 'string') throw new SchemaError('pattern must be a string');
      goRegExp(s.pattern); // a pattern Go cannot compile makes the schema fail to compile, as in kubeconform
      n.pattern = s.pattern;
    }
    // exclusiveMinimum/Maximum as booleans (draft 4, OpenAPI 3.0) turn the bound exclusive, as jsonschema reads them
    const min = numberKeyword(s, 'minimum');
    if (min !== undefined) {
      if (s.exclusiveMinimum === true) n.exclusiveMinimum = min;
      else n.minimum = min;
    }
    const exMin = numberKeyword(s, 'exclusiveMinimum');
    if (exMin !== undefined) n.exclusiveMinimum = exMin;
    const max = numberKeyword(s, 'maximum');
    if (max !== undefined) {
      if (s.exclusiveMaximum === true) n.exclusiveMaximum = max;
      else n.maximum = max;
    }
    const exMax = numberKeyword(s, 'exclusiveMaximum');
    if (exMax !== undefined) n.exclusiveMaximum = exMax;
    const multipleOf = numberKeyword(s, 'multipleOf');
    if (multipleOf !== undefined) {
      if (multipleOf <= 0) throw new SchemaError('multipleOf must be greater than 0');
      n.multipleOf = multipleOf;
    }
    if (s.$ref !== undefined) {
      if (typeof s.$ref !== 'string') throw new SchemaError('$ref must be a string');
      const target = this.ref(s.$ref, resolve);
      n.ref = target.id;
      n.refUrl = target.url;
    }
    if (s.not !== undefined) n.not = this.add(s.not, resolve);
    const allOf = this.list(s, 'allOf', resolve);
    if (allOf !== undefined) n.allOf = allOf;
    const anyOf = this.list(s, 'anyOf', resolve);
    if (anyOf !== undefined) n.anyOf = anyOf;
    const oneOf = this.list(s, 'oneOf', resolve);
    if (oneOf !== undefined) n.oneOf = oneOf;
    if (s.if !== undefined) {
      n.if = this.add(s.if, resolve);
      if (s.then !== undefined) n.then = this.add(s.then, resolve);
      if (s.else !== undefined) n.else = this.add(s.else, resolve);
    }
    for (const k of UNSUPPORTED) {
      if (s[k] !== undefined) throw new SchemaError(`${k} is not supported`);
    }
    return n;
  }
}

const UNSUPPORTED = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef'];

/** Resolves `#/…` JSON pointers inside one document (the schemas of kubeconform's collection have no references). */
export function localResolver(document: unknown, url: string): RefResolver {
  const resolver: RefResolver = (ref) => {
    if (!ref.startsWith('#')) throw new SchemaError(`$ref ${ref}: only references inside the schema (#/…) are supported`);
    return { schema: pointer(document, ref.slice(1), ref), key: `${url}${ref}`, url: ref, resolver };
  };
  return resolver;
}

/** The value at a JSON pointer (`/definitions/a~1b`). */
export function pointer(document: unknown, ptr: string, ref = ptr): unknown {
  let v: unknown = document;
  if (ptr === '' || ptr === '/') return v;
  for (const raw of ptr.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) throw new SchemaError(`$ref ${ref}: nothing there`);
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
