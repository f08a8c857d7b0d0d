// The one entry point that validates resources: parse a document, expand Lists, find the schema (first source
// that has it), compile it once (cached per source, apiVersion and kind), validate, and word the verdict.
import { Ajv, _, type KeywordCxt, type ValidateFunction } from 'ajv';
import { callRef } from 'ajv/dist/vocabularies/core/ref.js';
import type { DataValidationCxt } from 'ajv/dist/types/index.js';
import { parseManifest, DEFAULT_MAX_DEPTH } from '../resource/parse.js';
import type { RawDocument } from '../resource/stream.js';
import { BundleSource } from '../registry/bundle.js';
import { CrdSource } from '../registry/crd.js';
import { DefaultFetcher, type Fetcher } from '../registry/fetch.js';
import { SchemaLocationSource } from '../registry/location.js';
import type { SchemaSource } from '../registry/source.js';
import { LAZY_REF, LAZY_REF_OR_NULL, type JsonSchema } from '../registry/transform.js';
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
  /** Deepest nesting accepted in a document (default 40). */
  maxDepth?: number;
}

interface CompiledSchema {
  id: string;
  validate: ValidateFunction;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** What the generated code of a lazy reference calls: the stub compiles the target on first use, then replaces itself. */
interface RefHolder {
  validate: ValidateFunction;
}

/**
 * Formats of Kubernetes schemas. int32/int64 are range-checked; the others are not asserted (as kubeconform).
 * `refHolder` gives the holder of a lazy reference (`LAZY_REF`, `LAZY_REF_OR_NULL`) of bundle definitions.
 */
function createAjv(refHolder: (target: string) => RefHolder): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    // measured on the v1.33 bundle: separate functions per definition and no code optimisation pass compile a
    // Deployment in about a third of the default time, and validate as fast
    inlineRefs: false,
    code: { optimize: false },
    // the meta-schema check is done by `resolve` for schemas that do not come from the bundle transform, and
    // compiled kinds are not registered by id (nothing refers to them)
    validateSchema: false,
    addUsedSchema: false,
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
  // A `$ref` whose target is compiled on first use. The generated call is Ajv's own `$ref` call (callRef: same
  // arguments, errors merged the same way), through a holder as Ajv does for references not compiled yet. The
  // "or null" variant accepts null without calling the target, in place of `if: {type: null}, else: {$ref}`.
  // (The code assumes allErrors, as this instance has it.)
  for (const [keyword, orNull] of [
    [LAZY_REF, false],
    [LAZY_REF_OR_NULL, true],
  ] as const) {
    ajv.addKeyword({
      keyword,
      schemaType: 'string',
      code(cxt: KeywordCxt) {
        const holder = cxt.gen.scopeValue('wrapper', { ref: refHolder(cxt.schema as string) });
        if (orNull) cxt.gen.if(_`${cxt.data} !== null`, () => callRef(cxt, _`${holder}.validate`, undefined, false));
        else callRef(cxt, _`${holder}.validate`, undefined, false);
      },
    });
  }
  return ajv;
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
  private readonly ajv = createAjv((target) => this.refHolder(target));
  private readonly registered = new Set<string>();
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Lazily referenced definitions: base → lookup, and their holders by absolute reference. */
  private readonly definitionSets = new Map<string, (name: string) => JsonSchema | undefined>();
  private readonly refHolders = new Map<string, RefHolder>();
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
    // results are built by adding properties to object literals, not by spreading: in V8 a spread copy that gets
    // more properties afterwards costs microseconds per result (measured: 7 µs, a tenth of a document's validation)
    const base: ResultBase = { filename: doc.filename, docIndex: doc.docIndex, line: doc.line };
    if (doc.source !== undefined) base.source = doc.source;
    if (doc.text === undefined) return [errorResult(base, doc.error ?? 'unreadable document')];
    const parsed = parseManifest(doc.text, { strict: this.strict, maxDepth: this.maxDepth });
    base.line = contentLine(doc.text, doc.line);
    if (!parsed.ok) return [errorResult(base, parsed.error)];
    if (parsed.value === undefined) return [verdict(base, 'empty', '', '', '', '')];
    const value = parsed.value;
    if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      const results: ValidationResult[] = [];
      const items = value.items as unknown[];
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
    let ok: boolean;
    try {
      ok = schema.validate(value) as boolean;
    } catch (err) {
      // a lazily compiled definition that does not compile
      return result('error', `could not compile schema ${schema.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (ok) return result('valid');
    const errors = describeErrors(schema.validate.errors ?? [], value);
    const r = result('invalid', invalidMessage(schema.id, errors));
    r.errors = errors;
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
      let validate = this.compiled.get(found.id);
      if (validate === undefined) {
        if (found.definitions !== undefined) this.definitionSets.set(found.definitions.base, found.definitions.get);
        try {
          for (const dep of found.dependencies ?? []) {
            if (!this.registered.has(dep.id)) {
              const schema = dep.load();
              this.ajv.validateSchema(schema, true);
              this.ajv.addSchema(schema, dep.id);
              this.registered.add(dep.id);
            }
          }
          if (found.definitions === undefined) this.ajv.validateSchema(found.schema, true);
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

  /** The holder of a lazy reference (`<base>#/definitions/<name>`): compiles the definition when first called. */
  private refHolder(target: string): RefHolder {
    let holder = this.refHolders.get(target);
    if (holder === undefined) {
      const h: RefHolder = {
        validate: ((data: unknown, cxt?: DataValidationCxt) => {
          h.validate = this.compileDefinition(target); // a failure is thrown again by the next use
          return h.validate(data, cxt);
        }) as ValidateFunction,
      };
      holder = h;
      this.refHolders.set(target, holder);
    }
    return holder;
  }

  private compileDefinition(target: string): ValidateFunction {
    const hash = target.indexOf('#/definitions/');
    const get = hash === -1 ? undefined : this.definitionSets.get(target.slice(0, hash));
    const schema = get?.(target.slice(hash + '#/definitions/'.length));
    if (schema === undefined) throw new Error(`can't resolve reference ${target}`);
    return this.ajv.compile(schema);
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
