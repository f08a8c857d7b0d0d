// The schemas of a run: asks the sources in order for a kind, compiles what they give into the run's schema graph
// (graph.ts) once per kind (and once per content: two kinds with one definition share it), through the persistent
// cache of compiled validators. It lives in the main thread; worker threads ask it (pool.ts) and get graph nodes.
import { CompiledCache } from '../cache/compiled.js';
import { BundleSource, type DerivedStore } from '../registry/bundle.js';
import { CrdSource } from '../registry/crd.js';
import { fetcherFor, type Fetcher } from '../registry/fetch.js';
import { SchemaLocationSource } from '../registry/location.js';
import type { ResolvedSchema, SchemaLookup, SchemaSource } from '../registry/source.js';
import type { ValidatorOptions } from './validator.js';
import { GoRegExpError } from './goregexp.js';
import { addSchema, SchemaError, SchemaGraph, type SchemaNode } from './graph.js';

/** A kind's compiled schema: its root node, and how messages name the schema. */
export interface KindSchema {
  url: string;
  root: number;
}

/** What a validator needs: a kind's schema (null: no source has it) and the nodes roots index into. */
export interface KindSchemas {
  lookup(apiVersion: string, kind: string): Promise<KindSchema | null>;
  readonly nodes: readonly SchemaNode[];
}

export interface CompileStats {
  /** Kinds whose schema was compiled in this run. */
  compiled: number;
  /** Kinds whose compiled schema came from the persistent cache. */
  fromCache: number;
}

export class SchemaProvider implements KindSchemas {
  readonly graph = new SchemaGraph();
  readonly stats: CompileStats = { compiled: 0, fromCache: 0 };
  private readonly byKind = new Map<string, Promise<KindSchema | null>>();
  /** Roots by content key: the same schema reached through two kinds (or two sources) is compiled once. */
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly sources: readonly SchemaSource[],
    private readonly settings: { kubernetesVersion: string; strict: boolean },
    private readonly cache?: CompiledCache,
  ) {}

  get nodes(): readonly SchemaNode[] {
    return this.graph.nodes;
  }

  lookup(apiVersion: string, kind: string): Promise<KindSchema | null> {
    const gvk = `${apiVersion}/${kind}`;
    let p = this.byKind.get(gvk);
    if (p === undefined) {
      p = this.resolve({ apiVersion, kind, ...this.settings });
      this.byKind.set(gvk, p);
      p.catch(() => this.byKind.delete(gvk)); // failures are retried by the next resource
    }
    return p;
  }

  /** Where a kind's schema comes from (the first source that has it), before compilation; null when none has it. */
  async source(apiVersion: string, kind: string): Promise<ResolvedSchema | null> {
    for (const source of this.sources) {
      const found = await source.resolve({ apiVersion, kind, ...this.settings });
      if (found !== undefined) return found;
    }
    return null;
  }

  private async resolve(lookup: SchemaLookup): Promise<KindSchema | null> {
    for (const source of this.sources) {
      const found = await source.resolve(lookup);
      if (found === undefined) continue;
      let root: number;
      try {
        root = this.compile(found);
      } catch (err) {
        // kubeconform: a schema location whose schema does not parse or compile is "not there"
        if (found.nextWhenInvalid === true && (err instanceof SyntaxError || err instanceof SchemaError || err instanceof GoRegExpError)) continue;
        throw new Error(`could not compile schema ${found.url}: ${(err as Error).message}`);
      }
      return { url: found.url, root };
    }
    return null;
  }

  private compile(found: ResolvedSchema): number {
    let root = this.byKey.get(found.key);
    if (root !== undefined) return root;
    const stored = this.cache?.get(found.key);
    if (Array.isArray(stored) && stored.length > 0) {
      root = this.graph.merge(stored as SchemaNode[])[0] as number;
      this.stats.fromCache++;
    } else {
      const { schema, resolve, optionalProperty } = found.load();
      root = addSchema(this.graph, schema, resolve, optionalProperty !== undefined ? { optionalProperty } : {});
      this.cache?.set(found.key, this.graph.subgraph(root));
      this.stats.compiled++;
    }
    this.byKey.set(found.key, root);
    return root;
  }
}

export function schemaSources(options: ValidatorOptions, fetcher: Fetcher, store?: DerivedStore): SchemaSource[] {
  const sources: SchemaSource[] = [];
  if (options.crds !== undefined && options.crds.length > 0) sources.push(new CrdSource(options.crds, fetcher));
  for (const b of options.schemaBundles ?? []) sources.push(new BundleSource(b, fetcher, store));
  let locations = options.schemaLocations ?? [];
  if (locations.length === 0 && (options.schemaBundles ?? []).length === 0) locations = ['default'];
  for (const l of locations) sources.push(new SchemaLocationSource(l, fetcher));
  return sources;
}

/** The schemas of a run in this thread: sources, compiled through the persistent cache when there is one. */
export function schemaProvider(options: ValidatorOptions, fetcher: Fetcher = fetcherFor(options)): SchemaProvider {
  const cache = typeof options.compiledCache === 'string' ? new CompiledCache(options.compiledCache) : undefined;
  return new SchemaProvider(schemaSources(options, fetcher, cache), { kubernetesVersion: options.kubernetesVersion ?? 'master', strict: options.strict ?? false }, cache);
}
