// Validates documents with compiled schemas from wherever they come (KindSchemas): parse a document, expand a List,
// skip/reject, find the kind's compiled schema, validate with the closure compiler (compile.ts), and word the verdict
// as kubeconform does. Worker threads use this alone (their schemas come from the main thread); validator.ts adds
// the schema sources of a thread of its own.
import { parseManifest, type ParseResult } from '../resource/parse.js';
import type { RawDocument } from '../resource/stream.js';
import { ClosureCompiler, type SchemaErrorItem } from './compile.js';
import { describeErrors, goNumber, invalidMessage } from './messages.js';
import type { Status, ValidationResult } from './result.js';
import type { KindSchema, KindSchemas } from './schemas.js';
import type { ValidatorOptions } from './validator.js';

/** Sees each document the validator has parsed (the lint rules read the same parse: lint/document-linter.ts, cli/validate-command.ts). */
export interface ParsedDocuments {
  add(doc: RawDocument, parsed: ParseResult | undefined): unknown;
}

export class DocumentValidator {
  private readonly compiler: ClosureCompiler;
  private readonly known = new Map<string, KindSchema | null>();
  private readonly skip: Set<string>;
  private readonly reject: Set<string>;
  private readonly strict: boolean;
  private readonly maxDepth: number | undefined;

  /**
   * `schemas`: where compiled schemas come from (this thread's own sources, or, in a worker, the main thread's);
   * `parsed`: who else reads the parsed documents.
   */
  constructor(
    readonly options: ValidatorOptions,
    readonly schemas: KindSchemas,
    private readonly parsed?: ParsedDocuments,
  ) {
    this.compiler = new ClosureCompiler(schemas.nodes);
    this.skip = new Set(options.skip ?? []);
    this.reject = new Set(options.reject ?? []);
    this.strict = options.strict ?? false;
    this.maxDepth = options.maxDepth;
  }

  /** Validates every resource of one document (a `List` gives one result per item). */
  async validateDocument(doc: RawDocument): Promise<ValidationResult[]> {
    // results are built by adding properties to object literals, not by spreading: in V8 a spread copy that gets
    // more properties afterwards costs microseconds per result (measured: 7 µs, a tenth of a document's validation)
    const base: ResultBase = { filename: doc.filename, docIndex: doc.docIndex, line: doc.line };
    if (doc.source !== undefined) base.source = doc.source;
    if (doc.text === undefined) return [errorResult(base, doc.error ?? 'unreadable document')];
    const parsed = parseManifest(doc.text, { strict: this.strict, firstLine: doc.line, ...(this.maxDepth !== undefined ? { maxDepth: this.maxDepth } : {}) });
    // (with a nesting limit of its own, the parse is not what others would make of the text: they parse it again)
    this.parsed?.add(doc, this.maxDepth === undefined ? parsed : undefined);
    base.line = contentLine(doc.text, doc.line);
    if (!parsed.ok) {
      // named as kubeconform names it, from the document read leniently (a strict-mode duplicate key)
      const r = errorResult(base, parsed.error);
      if (isObject(parsed.value)) {
        const { kind, apiVersion, name, namespace } = signature(parsed.value);
        Object.assign(r, { kind, apiVersion, name, namespace });
      }
      return [r];
    }
    if (parsed.value === undefined) return [verdict(base, 'empty', '', '', '', '')];
    const value = parsed.value;
    // kubeconform expands `kind: List` (any case) into its items, and validates other *List kinds as they are
    if (isObject(value) && typeof value.kind === 'string' && value.kind.toLowerCase() === 'list' && typeof value.apiVersion === 'string' && value.apiVersion !== '') {
      const items = Array.isArray(value.items) ? (value.items as unknown[]) : [];
      // a List without items still counts its file, as kubeconform's "0 resource found in 1 file"
      if (items.length === 0) return [verdict(base, 'empty', '', '', '', '')];
      const results: ValidationResult[] = [];
      for (let i = 0; i < items.length; i++) {
        const itemBase = copyOf(base);
        itemBase.itemIndex = i;
        results.push(items[i] === null ? verdict(itemBase, 'empty', '', '', '', '') : await this.validateObject(items[i], itemBase, true));
      }
      return results;
    }
    return [await this.validateObject(value, base)];
  }

  /**
   * Validates one already-parsed resource. `listItem`: it is an item of a List, whose signature kubeconform reads from
   * the decoded map (a kind that is not a string is missing) rather than by decoding into its signature struct (a kind
   * that is not a string is a decoding error).
   */
  async validateObject(value: unknown, base: ResultBase, listItem = false): Promise<ValidationResult> {
    if (!isObject(value)) {
      return errorResult(base, `document is ${describeValue(value)}, not a Kubernetes object: expected a mapping with apiVersion and kind`);
    }
    const sig = signature(value, listItem);
    const { kind, apiVersion, name, namespace } = sig;
    const result = (status: ValidationResult['status'], message?: string): ValidationResult => verdict(base, status, kind, apiVersion, name, namespace, message);
    const problem = sig.error ?? (kind === '' ? "missing 'kind' key" : apiVersion === '' ? "missing 'apiVersion' key" : undefined);
    if (problem !== undefined) return result('error', `error while parsing: ${problem}`);
    const gvk = `${apiVersion}/${kind}`;
    if (this.skip.has(kind) || this.skip.has(gvk)) return result('skipped');
    if (this.reject.has(kind) || this.reject.has(gvk)) return result('error', `prohibited resource kind ${kind}`);

    // known kinds without an await: an await per document keeps its objects alive across young-generation
    // collections, which then promote them (measured: +30 MB of old generation over 210,000 resources)
    let schema = this.known.get(gvk);
    if (schema === undefined) {
      try {
        schema = await this.schemas.lookup(apiVersion, kind);
      } catch (err) {
        return result('error', err instanceof Error ? err.message : String(err));
      }
      this.known.set(gvk, schema);
    }
    if (schema === null) {
      if (this.options.ignoreMissingSchemas) return result('skipped');
      return result('error', `could not find schema for ${kind}`);
    }
    let errors: SchemaErrorItem[];
    try {
      errors = this.compiler.validate(schema.root, value);
    } catch (err) {
      if (err instanceof RangeError) return result('error', 'document nests too deeply to validate (the stack is exhausted)');
      throw err;
    }
    if (errors.length === 0) return result('valid');
    const r = result('invalid', invalidMessage(schema.url, errors));
    r.errors = describeErrors(errors);
    return r;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

interface Signature {
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** Why kubeconform could not read the signature (its "error while parsing: …"). */
  error?: string;
}

/**
 * kubeconform's signature of a resource: kind, apiVersion, namespace and name (generateName wins, marked).
 * A document's is read as kubeconform reads it, by decoding into a struct (sigs.k8s.io/yaml, then Go's
 * encoding/json): scalars in string fields become strings, an object or array there, or a metadata that is not an
 * object, fails the resource with the first such field in the JSON's alphabetical key order. A List item's is read
 * from the decoded map: only strings count.
 */
function signature(value: Record<string, unknown>, fromMap = false): Signature {
  const read = (v: unknown): string => (typeof v === 'string' ? v : fromMap || v === null || typeof v === 'object' || v === undefined ? '' : typeof v === 'number' && !Number.isInteger(v) ? goNumber(v) : String(v));
  const meta = isObject(value.metadata) ? value.metadata : {};
  const generateName = read(meta.generateName);
  const sig: Signature = {
    kind: read(value.kind),
    apiVersion: read(value.apiVersion),
    name: (fromMap ? typeof meta.generateName === 'string' : generateName !== '') ? `${generateName}{{ generateName }}` : read(meta.name),
    namespace: read(meta.namespace),
  };
  if (fromMap) return sig;
  const mismatch = (v: unknown, field: string, type: string, ok: (v: unknown) => boolean): string | undefined =>
    v === undefined || v === null || ok(v) ? undefined : `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goJsonType(v)} into Go struct field .${field} of type ${type}`;
  const scalar = (v: unknown): boolean => typeof v !== 'object';
  const m = value.metadata;
  const error =
    mismatch(value.apiVersion, 'APIVersion', 'string', scalar) ??
    mismatch(value.kind, 'Kind', 'string', scalar) ??
    mismatch(m, 'Metadata', METADATA_STRUCT, isObject) ??
    (isObject(m)
      ? (mismatch(m.generateName, 'Metadata.GenerateName', 'string', scalar) ?? mismatch(m.name, 'Metadata.Name', 'string', scalar) ?? mismatch(m.namespace, 'Metadata.Namespace', 'string', scalar))
      : undefined);
  if (error !== undefined) sig.error = error;
  return sig;
}

const METADATA_STRUCT = 'struct { Name string "yaml:\\"name\\""; Namespace string "yaml:\\"namespace\\""; GenerateName string "yaml:\\"generateName\\"" }';

/** The JSON type word of Go's json.UnmarshalTypeError. */
function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
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

/** The line of the first line of a document that is not blank, a comment or its `---` marker. */
function contentLine(text: string, line: number): number {
  let pos = 0;
  let l = line;
  for (let guard = 0; guard < 10_000 && pos < text.length; guard++) {
    let p = pos;
    while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13) p++;
    const c = text.charCodeAt(p);
    const marker = p === pos && l === line && text.startsWith('---', p);
    if (c !== 10 && c !== 35 && p < text.length && !marker) return l;
    const e = text.indexOf('\n', p);
    if (e === -1) return l;
    pos = e + 1;
    l++;
  }
  return l;
}
