// The one entry point that validates resources: parse a document, expand Lists, find the schema (first source
// that has it), compile it once (cached per source, apiVersion and kind), validate, and word the verdict.
import type { Ajv, ValidateFunction } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import { parseManifest, DEFAULT_MAX_DEPTH } from '../resource/parse.js';
import type { RawDocument } from '../resource/stream.js';
import { BundleSource } from '../registry/bundle.js';
import { CrdSource } from '../registry/crd.js';
import { fetcherFor, type Fetcher } from '../registry/fetch.js';
import { SchemaLocationSource } from '../registry/location.js';
import type { SchemaSource } from '../registry/source.js';
import type { JsonSchema } from '../registry/transform.js';
import type * as AjvEngine from './ajv-engine.js';
import { siblingBundle } from './bundled.js';
import type { RefHolder } from './ajv-engine.js';
import { appendErrors, compileSchema, currentPointer, reachesFallback, runCheck, type Check, type FastCompileContext, type SchemaErrorLike } from './fastschema.js';
import { describeErrors, invalidMessage } from './messages.js';
import type { Status, ValidationResult } from './result.js';

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
  /** Say on stderr where each schema was looked for and what was there (kubeconform -debug). */
  debug?: boolean;
  /** Deepest nesting accepted in a document (default 40). */
  maxDepth?: number;
  /**
   * `auto` (default): a bundle's definitions are compiled to closures (fastschema.ts), other schemas by Ajv;
   * `ajv`: every schema by Ajv. Both give the same results (a test compares them); `ajv` is there for that test.
   */
  schemaEngine?: 'auto' | 'ajv';
}

interface CompiledSchema {
  id: string;
  /** The errors of a value (empty when it is valid). */
  run(value: unknown): readonly SchemaErrorLike[];
}

const NO_ERRORS: readonly SchemaErrorLike[] = [];
const ACCEPT_ALL: Check = () => undefined;

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
  /** Ajv, loaded when a schema needs it (see ajv-engine.ts). */
  private engine: typeof AjvEngine | undefined;
  private ajv: Ajv | undefined;
  private readonly registered = new Set<string>();
  private readonly compiled = new Map<string, CompiledSchema['run']>();
  /** Lazily referenced definitions: base → lookup. */
  private readonly definitionSets = new Map<string, (name: string) => JsonSchema | undefined>();
  /** Holders of lazy references, by absolute reference: for Ajv's code and for the closure compiler. */
  private readonly refHolders = new Map<string, RefHolder>();
  private readonly fastRefs = new Map<string, { check: Check }>();
  /** Definitions already searched for positions that need Ajv (see `resolve`). */
  private readonly searched = new Set<string>();
  private readonly fastContext: FastCompileContext = {
    ref: (target) => this.fastRef(target),
    fallback: (schema) => this.ajvCheck(schema),
  };
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
    fetcher: Fetcher = fetcherFor(options),
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
    // results are built by adding properties to object literals, not by spreading: in V8 a spread copy that gets
    // more properties afterwards costs microseconds per result (measured: 7 µs, a tenth of a document's validation)
    const base: ResultBase = { filename: doc.filename, docIndex: doc.docIndex, line: doc.line };
    if (doc.source !== undefined) base.source = doc.source;
    if (doc.text === undefined) return [errorResult(base, doc.error ?? 'unreadable document')];
    const parsed = parseManifest(doc.text, { strict: this.strict, maxDepth: this.maxDepth, firstLine: doc.line });
    base.line = contentLine(doc.text, doc.line);
    if (!parsed.ok) return [errorResult(base, parsed.error)];
    if (parsed.value === undefined) return [verdict(base, 'empty', '', '', '', '')];
    const value = parsed.value;
    if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      const results: ValidationResult[] = [];
      const items = value.items as unknown[];
      // a List without items still counts its file, as kubeconform's "0 resource found in 1 file"
      if (items.length === 0) return [verdict(base, 'empty', '', '', '', '')];
      for (let i = 0; i < items.length; i++) {
        const itemBase = copyOf(base);
        itemBase.itemIndex = i;
        results.push(await this.validateObject(items[i], itemBase));
      }
      return results;
    }
    return [await this.validateObject(value, base)];
  }

  /** Validates one already-parsed resource. */
  async validateObject(value: unknown, base: ResultBase): Promise<ValidationResult> {
    if (!isObject(value)) {
      return errorResult(base, `document is ${describeValue(value)}, not a Kubernetes object: expected a mapping with apiVersion and kind`);
    }
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : '';
    const meta = isObject(value.metadata) ? value.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    const result = (status: ValidationResult['status'], message?: string): ValidationResult => verdict(base, status, kind, apiVersion, name, namespace, message);
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
    let errors: readonly SchemaErrorLike[];
    try {
      errors = schema.run(value);
    } catch (err) {
      // a lazily compiled definition that does not compile
      return result('error', `could not compile schema ${schema.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (errors.length === 0) return result('valid');
    const described = describeErrors(errors, value);
    const r = result('invalid', invalidMessage(schema.id, described));
    r.errors = described;
    return r;
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
      let run = this.compiled.get(found.id);
      if (run === undefined) {
        try {
          if (found.definitions !== undefined && found.dependencies === undefined && this.options.schemaEngine !== 'ajv') {
            // a bundle's definitions (a trusted transform): the closure compiler, with Ajv only for positions
            // outside its subset (then loaded now: lazy definitions are compiled in the middle of a validation)
            this.definitionSets.set(found.definitions.base, found.definitions.get);
            if (this.ajv === undefined && reachesFallback(found.schema, (t) => this.definitionSchemaOrUndefined(t), this.searched)) await this.loadAjv();
            const check = compileSchema(found.schema, this.fastContext) ?? ACCEPT_ALL;
            run = (value) => runCheck(check, value);
          } else {
            if (found.definitions !== undefined) this.definitionSets.set(found.definitions.base, found.definitions.get);
            const ajv = await this.loadAjv();
            const validate = (this.engine as typeof AjvEngine).compileWhole(ajv, this.registered, found.schema, found.dependencies ?? [], found.definitions === undefined);
            run = (value) => (validate(value) ? NO_ERRORS : (validate.errors ?? NO_ERRORS));
          }
        } catch (err) {
          throw new Error(`could not compile schema ${found.id}: ${(err as Error).message}`);
        }
        this.compiled.set(found.id, run);
      }
      return { id: found.id, run };
    }
    return null;
  }

  private async loadAjv(): Promise<Ajv> {
    // its own bundle when there is one (Ajv's code is loaded only by runs that need it), else the module
    this.engine ??= (await import((siblingBundle('ajv-engine', import.meta.url) ?? new URL('./ajv-engine.js', import.meta.url)).href)) as typeof AjvEngine;
    this.ajv ??= this.engine.createAjv((target) => this.refHolder(target));
    return this.ajv;
  }

  /** A position the closure compiler leaves to Ajv: validated whole, errors appended with their full paths. */
  private ajvCheck(schema: unknown): Check {
    if (this.ajv === undefined) throw new Error('internal error: Ajv is not loaded for a schema position that needs it');
    const validate = this.ajv.compile(schema as JsonSchema);
    return (data) => {
      if (!validate(data, { instancePath: currentPointer(), rootData: data } as DataValidationCxt)) appendErrors(validate.errors ?? []);
    };
  }

  /** The closure compiler's lazy reference: compiles the definition when first reached. */
  private fastRef(target: string): Check {
    let holder = this.fastRefs.get(target);
    if (holder === undefined) {
      const h = {
        check: (data: unknown): void => {
          h.check = compileSchema(this.definitionSchema(target), this.fastContext) ?? ACCEPT_ALL; // a failure is thrown again by the next use
          h.check(data);
        },
      };
      holder = h;
      this.fastRefs.set(target, holder);
    }
    const found = holder;
    return (data) => found.check(data);
  }

  /** The holder of a lazy reference in Ajv's code (`<base>#/definitions/<name>`): compiles the definition when first called. */
  private refHolder(target: string): RefHolder {
    let holder = this.refHolders.get(target);
    if (holder === undefined) {
      const h: RefHolder = {
        validate: ((data: unknown, cxt?: DataValidationCxt) => {
          h.validate = (this.ajv as Ajv).compile(this.definitionSchema(target)); // a failure is thrown again by the next use
          return h.validate(data, cxt);
        }) as ValidateFunction,
      };
      holder = h;
      this.refHolders.set(target, holder);
    }
    return holder;
  }

  private definitionSchemaOrUndefined(target: string): JsonSchema | undefined {
    const hash = target.indexOf('#/definitions/');
    const get = hash === -1 ? undefined : this.definitionSets.get(target.slice(0, hash));
    return get?.(target.slice(hash + '#/definitions/'.length));
  }

  private definitionSchema(target: string): JsonSchema {
    const schema = this.definitionSchemaOrUndefined(target);
    if (schema === undefined) throw new Error(`can't resolve reference ${target}`);
    return schema;
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

type ResultBase = Pick<ValidationResult, 'filename' | 'docIndex' | 'line'> & Partial<ValidationResult>;

/** `{ ...base }`, as fast as a literal. */
function copyOf(base: ResultBase): ResultBase {
  const r: Record<string, unknown> = {};
  for (const k in base) r[k] = base[k as keyof ResultBase];
  return r as ResultBase;
}

/** `{ ...base, status, kind, apiVersion, name, namespace, message? }` */
function verdict(base: ResultBase, status: Status, kind: string, apiVersion: string, name: string, namespace: string, message?: string): ValidationResult {
  const r = copyOf(base) as ValidationResult;
  r.status = status;
  r.kind = kind;
  r.apiVersion = apiVersion;
  r.name = name;
  r.namespace = namespace;
  if (message !== undefined) r.message = message;
  return r;
}

/** `{ kind: '', apiVersion: '', name: '', namespace: '', ...base, status: 'error', message }` */
function errorResult(base: ResultBase, message: string): ValidationResult {
  const r: Record<string, unknown> = { kind: '', apiVersion: '', name: '', namespace: '' };
  for (const k in base) r[k] = base[k as keyof ResultBase];
  r.status = 'error';
  r.message = message;
  return r as unknown as ValidationResult;
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
