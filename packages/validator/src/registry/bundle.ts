// One document that gives every built-in kind: a `_definitions.json` bundle (the kubernetes-json-schema
// collection's) or a cluster's `/openapi/v2`. Definitions carry `x-kubernetes-group-version-kind`; the schema
// of a kind is a reference into the transformed bundle, registered once per Ajv instance, so that shared
// definitions (PodSpec, ObjectMeta ...) compile once for every kind that uses them.
import { createHash } from 'node:crypto';
import type { Fetcher } from './fetch.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { checkTemplate, renderTemplate } from './template.js';
import { normaliseDefinition, transformSchema, type JsonSchema } from './transform.js';

interface LoadedBundle {
  location: string;
  definitions: Record<string, JsonSchema>;
  /** `group/version/kind` (core group: `version/kind`) → definition name. */
  index: Map<string, string>;
  transformed: Map<string, JsonSchema>;
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
    const base = `https://bundle.helmforge.invalid/${createHash('sha1').update(location).digest('hex').slice(0, 12)}/${lookup.strict ? 'strict' : 'standard'}`;
    // the whole transformed bundle is registered once per Ajv instance; Ajv compiles only what the kind reaches
    return {
      id: `${location}#/definitions/${def}${lookup.strict ? ' (strict)' : ''}`,
      schema: { $ref: `${base}#/definitions/${def}` },
      dependencies: [{ id: base, load: () => this.wholeBundle(bundle, lookup.strict, base) }],
    };
  }

  private wholeBundle(bundle: LoadedBundle, strict: boolean, base: string): JsonSchema {
    const definitions: JsonSchema = {};
    for (const name of Object.keys(bundle.definitions)) definitions[name] = this.definition(bundle, name, strict);
    return { $id: base, definitions };
  }

  /** The transformed schema of one definition, with references rewritten to the registered ids. */
  private definition(bundle: LoadedBundle, name: string, strict: boolean): JsonSchema {
    const key = `${strict}:${name}`;
    let t = bundle.transformed.get(key);
    if (t === undefined) {
      const raw = bundle.definitions[name] ?? {};
      t = transformSchema(normaliseDefinition(name, raw), { strict, nullableOptional: true }, false) as JsonSchema;
      bundle.transformed.set(key, t);
    }
    return t;
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
  return { location, definitions: definitions as Record<string, JsonSchema>, index, transformed: new Map() };
}

