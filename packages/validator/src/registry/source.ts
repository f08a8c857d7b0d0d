// Where schemas come from. A source answers "the schema for apiVersion/kind" or "not here" (so that the next
// source is asked); a real failure (a download error) is thrown and reported for the resource.
import type { JsonSchema } from './transform.js';

export interface SchemaLookup {
  apiVersion: string;
  kind: string;
  /** `1.33.0` or `master`. */
  kubernetesVersion: string;
  strict: boolean;
}

export interface ResolvedSchema {
  /** Identifies the compiled validator (cache key) and names the schema in messages. */
  id: string;
  /** The schema to compile. */
  schema: JsonSchema;
  /** Schemas it refers to, registered once per Ajv instance under their `$id`. */
  dependencies?: { id: string; load: () => JsonSchema }[];
  /**
   * Definitions that `LAZY_REF` references (`<base>#/definitions/<name>`) point to, compiled when first reached.
   * Such schemas come from a trusted transform and are not checked against the meta-schema.
   */
  definitions?: DefinitionSet;
}

export interface DefinitionSet {
  base: string;
  /** The (transformed) schema of a definition; undefined when the bundle has no such definition. */
  get(name: string): JsonSchema | undefined;
}

export interface SchemaSource {
  /** For messages: the location as the user gave it. */
  readonly name: string;
  resolve(lookup: SchemaLookup): Promise<ResolvedSchema | undefined>;
}
