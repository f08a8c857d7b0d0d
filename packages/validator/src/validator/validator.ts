// The one entry point that validates resources: parse a document, expand Lists, find the schema (first source
// that has it), compile it once (cached per source, apiVersion and kind), validate, and word the verdict.
import { Ajv, type ValidateFunction } from 'ajv';
import { parseManifest, DEFAULT_MAX_DEPTH } from '../resource/parse.js';
import type { RawDocument } from '../resource/stream.js';
import { BundleSource } from '../registry/bundle.js';
import { CrdSource } from '../registry/crd.js';
import { DefaultFetcher, type Fetcher } from '../registry/fetch.js';
import { SchemaLocationSource } from '../registry/location.js';
import type { SchemaSource } from '../registry/source.js';
import { describeErrors, invalidMessage } from './messages.js';
import type { ValidationResult } from './result.js';

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
  /** Deepest nesting accepted in a document (default 40). */
  maxDepth?: number;
}

interface CompiledSchema {
  id: string;
  validate: ValidateFunction;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Formats of Kubernetes schemas. int32/int64 are range-checked; the others are not asserted (as kubeconform). */
function createAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    // measured on the v1.33 bundle: separate functions per definition and no code optimisation pass compile a
    // Deployment in about a third of the default time, and validate as fast
    inlineRefs: false,
    code: { optimize: false },
    validateFormats: true,
    formats: {
      int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
      int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
      'int-or-string': true,
      'date-time': true,
      byte: true,
      double: true,
      float: true,
    },
  });
}

export function schemaSources(options: ValidatorOptions, fetcher: Fetcher): SchemaSource[] {
  const sources: SchemaSource[] = [];
  if (options.crds !== undefined && options.crds.length > 0) sources.push(new CrdSource(options.crds, fetcher));
  for (const b of options.schemaBundles ?? []) sources.push(new BundleSource(b, fetcher));
  let locations = options.schemaLocations ?? [];
  if (locations.length === 0 && (options.schemaBundles ?? []).length === 0) locations = ['default'];
  for (const l of locations) sources.push(new SchemaLocationSource(l, fetcher));
  return sources;
}

export class Validator {
  private readonly ajv = createAjv();
  private readonly registered = new Set<string>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly byKind = new Map<string, CompiledSchema | null>();
  private readonly pending = new Map<string, Promise<CompiledSchema | null>>();
  private readonly skip: Set<string>;
  private readonly reject: Set<string>;
  private readonly strict: boolean;
  private readonly kubernetesVersion: string;
  private readonly maxDepth: number;
  readonly sources: SchemaSource[];

  constructor(
    readonly options: ValidatorOptions = {},
    fetcher: Fetcher = new DefaultFetcher({ ...(options.cache !== undefined ? { cacheDir: options.cache } : {}), insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false }),
  ) {
    this.sources = schemaSources(options, fetcher);
    this.skip = new Set(options.skip ?? []);
    this.reject = new Set(options.reject ?? []);
    this.strict = options.strict ?? false;
    this.kubernetesVersion = options.kubernetesVersion ?? 'master';
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  /** Validates every resource of one document (a `List` gives one result per item). */
  async validateDocument(doc: RawDocument): Promise<ValidationResult[]> {
    const base = { filename: doc.filename, docIndex: doc.docIndex, line: doc.line, ...(doc.source !== undefined ? { source: doc.source } : {}) };
    if (doc.text === undefined) return [errorResult(base, doc.error ?? 'unreadable document')];
    const parsed = parseManifest(doc.text, { strict: this.strict, maxDepth: this.maxDepth });
    base.line = contentLine(doc.text, doc.line);
    if (!parsed.ok) return [errorResult(base, parsed.error)];
    if (parsed.value === undefined) return [{ ...base, status: 'empty', kind: '', apiVersion: '', name: '', namespace: '' }];
    const value = parsed.value;
    if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      const results: ValidationResult[] = [];
      const items = value.items as unknown[];
      for (let i = 0; i < items.length; i++) results.push(await this.validateObject(items[i], { ...base, itemIndex: i }));
      return results;
    }
    return [await this.validateObject(value, base)];
  }

  /** Validates one already-parsed resource. */
  async validateObject(value: unknown, base: Pick<ValidationResult, 'filename' | 'docIndex' | 'line'> & Partial<ValidationResult>): Promise<ValidationResult> {
    if (!isObject(value)) {
      return errorResult(base, `document is ${describeValue(value)}, not a Kubernetes object: expected a mapping with apiVersion and kind`);
    }
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
    const meta = isObject(value.metadata) ? value.metadata : {};
    const sig = {
      kind,
      apiVersion,
      name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
      namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    };
    const result = (status: ValidationResult['status'], message?: string): ValidationResult => ({
      ...base,
      status,
      ...sig,
      ...(message !== undefined ? { message } : {}),
    });
    if (kind === '') return result('error', "missing 'kind' key");
    if (apiVersion === '') return result('error', "missing 'apiVersion' key");
    const gvk = `${apiVersion}/${kind}`;
    if (this.skip.has(kind) || this.skip.has(gvk)) return result('skipped');
    if (this.reject.has(kind) || this.reject.has(gvk)) return result('error', `prohibited resource kind ${kind}`);

    let schema = this.byKind.get(gvk);
    if (schema === undefined) {
      try {
        schema = await this.lookup(apiVersion, kind);
      } catch (err) {
        return result('error', err instanceof Error ? err.message : String(err));
      }
    }
    if (schema === null) {
      if (this.options.ignoreMissingSchemas) return result('skipped');
      return result('error', `could not find schema for ${kind}`);
    }
    if (schema.validate(value)) return result('valid');
    const errors = describeErrors(schema.validate.errors ?? [], value);
    return { ...result('invalid', invalidMessage(schema.id, errors)), errors };
  }

  /** Finds and compiles the schema of a kind; `null` when no source has it. Cached per apiVersion/kind. */
  lookup(apiVersion: string, kind: string): Promise<CompiledSchema | null> {
    const key = `${apiVersion}/${kind}`;
    let p = this.pending.get(key);
    if (p === undefined) {
      p = this.resolve(apiVersion, kind).then(
        (s) => {
          this.byKind.set(key, s);
          return s;
        },
        (err: unknown) => {
          this.pending.delete(key); // failures are retried by the next resource
          throw err;
        },
      );
      this.pending.set(key, p);
    }
    return p;
  }

  private async resolve(apiVersion: string, kind: string): Promise<CompiledSchema | null> {
    const lookup = { apiVersion, kind, kubernetesVersion: this.kubernetesVersion, strict: this.strict };
    for (const source of this.sources) {
      const found = await source.resolve(lookup);
      if (found === undefined) continue;
      let validate = this.compiled.get(found.id);
      if (validate === undefined) {
        for (const dep of found.dependencies ?? []) {
          if (!this.registered.has(dep.id)) {
            this.ajv.addSchema(dep.load(), dep.id);
            this.registered.add(dep.id);
          }
        }
        try {
          validate = this.ajv.compile(found.schema);
        } catch (err) {
          throw new Error(`could not compile schema ${found.id}: ${(err as Error).message}`);
        }
        this.compiled.set(found.id, validate);
      }
      return { id: found.id, validate };
    }
    return null;
  }
}

export function createValidator(options: ValidatorOptions = {}, fetcher?: Fetcher): Validator {
  return new Validator(options, fetcher);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a sequence (array)';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a bare string';
  if (typeof v === 'number') return 'a bare number';
  if (typeof v === 'boolean') return 'a bare boolean';
  return `a ${typeof v}`;
}

function errorResult(base: Pick<ValidationResult, 'filename' | 'docIndex' | 'line'> & Partial<ValidationResult>, message: string): ValidationResult {
  return { kind: '', apiVersion: '', name: '', namespace: '', ...base, status: 'error', message };
}

/** The line of the first non-blank, non-comment line of a document. */
function contentLine(text: string, line: number): number {
  let pos = 0;
  let l = line;
  for (let guard = 0; guard < 10_000 && pos < text.length; guard++) {
    let p = pos;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13) p++;
    const c = text.charCodeAt(p);
    if (c !== 10 && c !== 35 && p < text.length) return l;
    const e = text.indexOf('\n', p);
    if (e === -1) return l;
    pos = e + 1;
    l++;
  }
  return l;
}
