// Turns the text of one document into a JavaScript value, with the limits that keep a hostile input bounded: alias
// expansion (YAML alias bombs), nesting (go-yaml's own 10,000 levels, or what the stack holds), and duplicate keys in
// strict mode. The fast parser handles ordinary manifests; anything else goes to the `yaml` library in YAML 1.1 mode
// (the dialect of sigs.k8s.io/yaml). Duplicate keys and excessive depth are worded as kubeconform's YAML decoder
// (go-yaml v2) words them, with lines counted from the start of the document as kubeconform splits it.
import { createRequire } from 'node:module';
import type { ScalarTag, Tags } from 'yaml';
import type * as YamlLibrary from 'yaml';
import { BAIL, DuplicateKeysError, YamlLimitError, fastParse, type DuplicateKey } from './fastyaml.js';
import { goQuote } from '../validator/messages.js';

// The `yaml` library is loaded on the first document the fast parser leaves to it (most runs never need it; it
// costs tens of milliseconds to load in every worker thread). Its Node build is CommonJS, so require() loads it
// synchronously.
let yamlLibrary: typeof YamlLibrary | undefined;
function yaml(): typeof YamlLibrary {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof YamlLibrary;
  return yamlLibrary;
}

export interface ParseOptions {
  /** Duplicate keys are errors (kubeconform -strict). */
  strict: boolean;
  /** Maximum nesting of mappings/sequences (default 10,000, go-yaml's limit, which kubeconform has). */
  maxDepth?: number;
  /** Maximum alias nodes (default 100). */
  maxAliasCount?: number;
  /** The line of the text's first line in its file (default 1): syntax errors give file lines. */
  firstLine?: number;
}

export const DEFAULT_MAX_DEPTH = 10_000;

/**
 * A parsed document, or why it could not be: `value` is then still there when the text is YAML but breaks a strict
 * rule (duplicate keys), so that the report can name the resource (kubeconform does).
 */
export type ParseResult =
  | { ok: true; value: unknown; line?: undefined }
  | { ok: true; empty: true; value?: undefined }
  | { ok: false; error: string; line?: number; value?: unknown };

/** Tags of YAML 1.1 that sigs.k8s.io/yaml does not apply to plain scalars (timestamps, sexagesimal numbers). */
function goYamlTags(tags: Tags): Tags {
  return tags.filter((t) =>
    typeof t === 'string'
      ? t !== 'timestamp' && t !== 'intTime' && t !== 'floatTime'
      : t.tag !== 'tag:yaml.org,2002:timestamp' && (t as ScalarTag).format !== 'TIME',
  );
}

const TOO_DEEP = 'error unmarshalling resource: document nests too deeply for this validator (its stack is exhausted)';

/** go-yaml's wording of the duplicate keys of a document (kubeconform -strict). */
function duplicateKeysError(duplicates: readonly DuplicateKey[]): string {
  const lines = duplicates.map((d) => `\n  line ${d.line}: key ${goQuote(d.key)} already set in map`).join('');
  return `error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:${lines}`;
}

function depthError(line: number, max: number): string {
  return `error unmarshalling resource: error converting YAML to JSON: yaml: line ${line}: exceeded max depth of ${max}`;
}

export function parseManifest(source: string, options: ParseOptions): ParseResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // a UTF-8 byte-order mark starting a document (as editors on Windows write it) is not content: go-yaml skips it too
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  try {
    const v = fastParse(text, { uniqueKeys: options.strict, maxDepth });
    if (v !== BAIL) return v === undefined ? { ok: true, empty: true } : { ok: true, value: v };
  } catch (err) {
    if (err instanceof DuplicateKeysError) return { ok: false, error: duplicateKeysError(err.duplicates), value: err.value };
    if (err instanceof YamlLimitError) return { ok: false, error: depthError(err.line, maxDepth) };
    if (err instanceof RangeError) return { ok: false, error: TOO_DEEP };
    throw err;
  }
  return slowParse(text, options.strict, maxDepth, options.maxAliasCount ?? 100, options.firstLine ?? 1);
}

function slowParse(text: string, strict: boolean, maxDepth: number, maxAliasCount: number, firstLine: number): ParseResult {
  try {
    const Y = yaml();
    const lineCounter = new Y.LineCounter();
    const doc = Y.parseDocument(text, {
      version: '1.1',
      uniqueKeys: false, // found below, all of them, as go-yaml reports them
      merge: true,
      customTags: goYamlTags,
      prettyErrors: true,
      strict: false,
      lineCounter,
    });
    const first = doc.errors[0];
    if (first?.message.includes('Maximum call stack size exceeded')) return { ok: false, error: TOO_DEEP }; // (a RangeError the library caught)
    if (first !== undefined) {
      // the library says "… at line L, column C:" (then a code frame), L counted in this document: say the file's line
      const pos = first.linePos?.[0];
      const msg = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
      if (pos === undefined) return { ok: false, error: `error unmarshalling resource: ${msg}` };
      const line = firstLine + pos.line - 1;
      return { ok: false, error: `error unmarshalling resource: ${msg} at line ${line}, column ${pos.col}`, line };
    }
    const duplicates = strict ? duplicateKeys(Y, doc, lineCounter) : [];
    if (doc.contents === null) return { ok: true, empty: true };
    const value: unknown = doc.toJS({ maxAliasCount });
    if (value === null || value === undefined) return { ok: true, empty: true };
    const deep = depthBeyond(value, maxDepth);
    if (deep) return { ok: false, error: depthError(1, maxDepth) };
    if (duplicates.length > 0) return { ok: false, error: duplicateKeysError(duplicates), value };
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      return { ok: false, error: `error unmarshalling resource: YAML aliases expand beyond ${maxAliasCount} nodes (an alias bomb?): ${err.message}` };
    }
    if (err instanceof RangeError) return { ok: false, error: TOO_DEEP };
    return { ok: false, error: `error unmarshalling resource: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Every key repeated in a mapping of the document, in order, with the line of the repetition. */
function duplicateKeys(Y: typeof YamlLibrary, doc: YamlLibrary.Document, lines: YamlLibrary.LineCounter): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  Y.visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const k = pair.key;
        const name = Y.isScalar(k) ? String(k.value) : String(k);
        if (name === '<<') continue; // merge keys
        if (seen.has(name)) out.push({ key: name, line: lines.linePos((Y.isNode(k) ? k.range?.[0] : undefined) ?? 0).line });
        seen.add(name);
      }
    },
  });
  return out.sort((a, b) => a.line - b.line); // go-yaml meets them in document order
}

function depthBeyond(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  let visited = 0;
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return true;
    if (++visited > 5_000_000) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}
