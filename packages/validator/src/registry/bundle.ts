// One document that gives every built-in kind: a `_definitions.json` bundle (the kubernetes-json-schema collection's)
// or a cluster's `/openapi/v2`. Definitions carry `x-kubernetes-group-version-kind`; the schema of a kind is its
// definition converted as the collection's standalone file of that kind is (convert.ts), so that a bundle and
// kubeconform's default schema location give the same verdicts. The bundle is parsed only when a kind is not in the
// compiled-validator cache: a warm run reads and hashes it, nothing more.
import { contentHash, type Fetcher } from './fetch.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from './source.js';
import { checkTemplate, renderTemplate } from './template.js';
import { StandaloneConverter, type JsonSchema } from './convert.js';
import { schemaUrl } from './location.js';
import { localResolver, type RefResolver } from '../validator/graph.js';

/** Small derived data a source may keep between runs (the compiled-validator cache), keyed by content. */
export interface DerivedStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

interface LoadedBundle {
  hash: string;
  /** `group/version/kind` (core group: `version/kind`) → definition name. */
  index: Map<string, string>;
  converter(strict: boolean): StandaloneConverter;
}

export function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export class BundleSource implements SchemaSource {
  private readonly loaded = new Map<string, Promise<LoadedBundle | undefined>>();

  constructor(
    readonly name: string,
    private readonly fetcher: Fetcher,
    private readonly store?: DerivedStore,
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
    return {
      key: `bundle:${bundle.hash}:${def}:${lookup.strict ? 'strict' : 'standard'}`,
      url: `${schemaUrl(location)}#/definitions/${def}`,
      load: () => {
        const converter = bundle.converter(lookup.strict);
        const schema = converter.kind(def);
        const resolve: RefResolver = localResolver({ definitions: converter.definitions }, location);
        return { schema, resolve };
      },
    };
  }

  private async load(location: string): Promise<LoadedBundle | undefined> {
    const res = await this.fetcher.fetch(location);
    if (!res.found) return undefined;
    const body = res.body;
    const hash = contentHash(body);
    let parsed: Record<string, JsonSchema> | undefined;
    const definitions = (): Record<string, JsonSchema> => {
      parsed ??= bundleDefinitions(location, body);
      return parsed;
    };
    const indexKey = `bundle-index:${hash}`;
    const stored = this.store?.get(indexKey);
    let index: Map<string, string>;
    if (Array.isArray(stored)) {
      index = new Map(stored as [string, string][]);
    } else {
      index = indexDefinitions(definitions());
      this.store?.set(indexKey, [...index]);
    }
    const converters = new Map<boolean, StandaloneConverter>();
    return {
      hash,
      index,
      converter: (strict) => {
        let c = converters.get(strict);
        if (c === undefined) {
          c = new StandaloneConverter(definitions(), strict);
          converters.set(strict, c);
        }
        return c;
      },
    };
  }
}

function bundleDefinitions(location: string, body: string): Record<string, JsonSchema> {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw new Error(`schema bundle ${location} is not JSON: ${(err as Error).message}`);
  }
  const definitions = (doc as { definitions?: unknown } | null)?.definitions;
  if (definitions === null || typeof definitions !== 'object' || Array.isArray(definitions)) {
    throw new Error(`schema bundle ${location} has no "definitions" (expected a _definitions.json or an /openapi/v2 document)`);
  }
  return definitions as Record<string, JsonSchema>;
}

/** `group/version/kind` → definition name, from x-kubernetes-group-version-kind. */
export function indexDefinitions(definitions: Record<string, JsonSchema>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(definitions)) {
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
  return index;
}
