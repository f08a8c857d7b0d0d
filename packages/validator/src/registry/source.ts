// Where schemas come from. A source answers "the schema for apiVersion/kind" or "not here" (so that the next
// source is asked); a real failure (a download error) is thrown and reported for the resource.
import type { RefResolver } from '../validator/graph.js';

export interface SchemaLookup {
  apiVersion: string;
  kind: string;
  /** `1.33.0` or `master`. */
  kubernetesVersion: string;
  strict: boolean;
}

export interface ResolvedSchema {
  /**
   * What the compiled validator is made from, as a key: the source's content hash and whatever else the conversion
   * depends on. Compiled validators are cached (in memory and on disk) under it.
   */
  key: string;
  /** How messages name the schema, in kubeconform's form (`file:///abs/deployment-apps-v1.json`, a URL). */
  url: string;
  /**
   * The schema to compile (as kubeconform would validate with it), how its `$ref`s resolve, and what becomes of
   * optional properties' schemas on the way (see graph.ts addSchema). Called on a cache miss.
   */
  load(): { schema: unknown; resolve: RefResolver; optionalProperty?: (schema: unknown) => unknown };
  /**
   * A schema that does not compile means "ask the next source" (kubeconform does this for schema locations), rather
   * than an error for the resource.
   */
  nextWhenInvalid?: boolean;
}

export interface SchemaSource {
  /** For messages: the location as the user gave it. */
  readonly name: string;
  resolve(lookup: SchemaLookup): Promise<ResolvedSchema | undefined>;
}
