// One document that gives every built-in kind: a `_definitions.json` bundle (the kubernetes-json-schema
// collection's) or a cluster's `/openapi/v2`. Definitions carry `x-kubernetes-group-version-kind`; the schema
// of a kind is its transformed definition, whose references are lazy (`LAZY_REF`): the validator transforms and
// compiles a referenced definition the first time a document reaches it, once per thread for every kind that uses
// it (PodSpec, ObjectMeta ...). Nothing else of the bundle is transformed or compiled.
import { createHash } from 'node:crypto';
import type { Fetcher } from './fetch.js';
import type { DefinitionSet, ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { checkTemplate, renderTemplate } from './template.js';
import { normaliseDefinition, transformSchema, type JsonSchema } from './transform.js';

interface LoadedBundle {
  location: string;
  definitions: Record<string, JsonSchema>;
  /** `group/version/kind` (core group: `version/kind`) → definition name. */
  index: Map<string, string>;
  /** Transformed definitions, per mode (strict or not), made on first use. */
  sets: Map<string, DefinitionSet>;
}

export function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export class BundleSource implements SchemaSource {
  private readonly loaded = new Map<string, Promise<LoadedBundle | undefined>>();

  constructor(
    readonly name: string,
    private readonly fetcher: Fetcher,
  ) {
    checkTemplate(name);
  }

  async resolve(lookup: SchemaLookup): Promise<ResolvedSchema | undefined> {
    const location = renderTemplate(this.name, lookup);
    let p = this.loaded.get(location);
    if (p === undefined) {
      p = this.load(location);
      this.loaded.set(location, p);
      p.catch(() => this.loaded.delete(location));
    }
    const bundle = await p;
    if (bundle === undefined) throw new Error(`schema bundle ${location} not found`);
    const def = bundle.index.get(gvkKey(lookup.apiVersion, lookup.kind));
    if (def === undefined) return undefined;
    const definitions = this.definitionSet(bundle, lookup.strict);
    const schema = definitions.get(def);
    if (schema === undefined) return undefined;
    return { id: `${location}#/definitions/${def}${lookup.strict ? ' (strict)' : ''}`, schema, definitions };
  }

  private definitionSet(bundle: LoadedBundle, strict: boolean): DefinitionSet {
    const mode = strict ? 'strict' : 'standard';
    let set = bundle.sets.get(mode);
    if (set === undefined) {
      const base = `https://bundle.helmforge.invalid/${createHash('sha1').update(bundle.location).digest('hex').slice(0, 12)}/${mode}`;
      const rewriteRef = (ref: string): string => (ref.startsWith('#/') ? `${base}${ref}` : ref);
      const transformed = new Map<string, JsonSchema>();
      set = {
        base,
        get: (name) => {
          let t = transformed.get(name);
          if (t === undefined) {
            if (!Object.prototype.hasOwnProperty.call(bundle.definitions, name)) return undefined;
            const raw = bundle.definitions[name] ?? {};
            t = transformSchema(normaliseDefinition(name, raw), { strict, nullableOptional: true, lazyRefs: true, rewriteRef }, false) as JsonSchema;
            transformed.set(name, t);
          }
          return t;
        },
      };
      bundle.sets.set(mode, set);
    }
    return set;
  }

  private async load(location: string): Promise<LoadedBundle | undefined> {
    const res = await this.fetcher.fetch(location);
    if (!res.found) return undefined;
    let doc: unknown;
    try {
      doc = JSON.parse(res.body);
    } catch (err) {
      throw new Error(`schema bundle ${location} is not JSON: ${(err as Error).message}`);
    }
    return indexBundle(location, doc);
  }
}

export function indexBundle(location: string, doc: unknown): LoadedBundle {
  const definitions = (doc as { definitions?: unknown } | null)?.definitions;
  if (definitions === null || typeof definitions !== 'object') {
    throw new Error(`schema bundle ${location} has no "definitions" (expected a _definitions.json or an /openapi/v2 document)`);
  }
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(definitions as Record<string, JsonSchema>)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks as { group?: string; version?: string; kind?: string }[]) {
      if (typeof g.kind !== 'string' || typeof g.version !== 'string') continue;
      const apiVersion = g.group ? `${g.group}/${g.version}` : g.version;
      const key = gvkKey(apiVersion, g.kind);
      // a definition tagged with a single GVK is the kind's own; shared ones (DeleteOptions) do not override it
      if (!index.has(key) || gvks.length === 1) index.set(key, name);
    }
  }
  return { location, definitions: definitions as Record<string, JsonSchema>, index, sets: new Map() };
}

