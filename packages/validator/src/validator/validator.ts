// The one entry point that validates resources: document.ts's validator with this thread's own schema sources
// (schemas.ts: the first source that has a kind, compiled once per run and cached between runs).
import type { Fetcher } from '../registry/fetch.js';
import { DocumentValidator, type ParsedDocuments } from './document.js';
import { schemaProvider, type KindSchemas } from './schemas.js';

export { schemaSources } from './schemas.js';

export interface ValidatorOptions {
  /** kubeconform `-schema-location` values, in order (`default` = the kubernetes-json-schema collection). */
  schemaLocations?: string[];
  /** `_definitions.json` bundles or cluster `/openapi/v2` documents (files or URLs; may use the template variables). */
  schemaBundles?: string[];
  /** CustomResourceDefinition YAML files (or URLs). */
  crds?: string[];
  /** Reject unknown fields and duplicate keys (default false, as kubeconform). */
  strict?: boolean;
  /** `1.33.0` or `master` (default `master`, as kubeconform). */
  kubernetesVersion?: string;
  /** Kinds (`Deployment`) or `apiVersion/kind` (`apps/v1/Deployment`) to skip. */
  skip?: string[];
  /** Kinds or `apiVersion/kind` to reject. */
  reject?: string[];
  /** Skip resources whose schema no source has, instead of an error. */
  ignoreMissingSchemas?: boolean;
  /** Directory caching downloaded schemas. */
  cache?: string;
  insecureSkipTlsVerify?: boolean;
  /** Connect and idle timeout of schema downloads, in ms (default 30 s). */
  timeoutMs?: number;
  /** Say on stderr where each schema was looked for and what was there (kubeconform -debug). */
  debug?: boolean;
  /** Deepest nesting accepted in a document (default 10,000, go-yaml's limit). */
  maxDepth?: number;
  /**
   * Folder of the persistent cache of compiled validators (see cache/compiled.ts), or false for none (the default
   * of the library; the commands use `<-cache>/helmforge-validators` or the user's cache folder).
   */
  compiledCache?: string | false;
}

export class Validator extends DocumentValidator {
  /** `schemas`: where compiled schemas come from (by default this thread's own sources). */
  constructor(options: ValidatorOptions = {}, fetcher?: Fetcher, schemas: KindSchemas = schemaProvider(options, fetcher), parsed?: ParsedDocuments) {
    super(options, schemas, parsed);
  }
}

export function createValidator(options: ValidatorOptions = {}, fetcher?: Fetcher): Validator {
  return new Validator(options, fetcher);
}
