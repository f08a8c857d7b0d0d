// Turns the text of one document into a JavaScript value, with the limits that keep a hostile input bounded:
// nesting depth, alias expansion (YAML alias bombs), and duplicate keys in strict mode. The fast parser handles
// ordinary manifests; anything else goes to the `yaml` library in YAML 1.1 mode (the dialect of sigs.k8s.io/yaml).
import { createRequire } from 'node:module';
import type { ScalarTag, Tags } from 'yaml';
import type * as YamlLibrary from 'yaml';
import { BAIL, DuplicateKeyError, YamlLimitError, fastParse } from './fastyaml.js';

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
  /** Maximum nesting of mappings/sequences (default 40; the deepest built-in or CRD object nests under 30). */
  maxDepth?: number;
  /** Maximum alias nodes (default 100). */
  maxAliasCount?: number;
  /** The line of the text's first line in its file (default 1): error messages give file lines. */
  firstLine?: number;
}

export const DEFAULT_MAX_DEPTH = 40;

export type ParseResult = { ok: true; value: unknown; line?: undefined } | { ok: true; empty: true; value?: undefined } | { ok: false; error: string; line?: number; value?: undefined };

/** Tags of YAML 1.1 that sigs.k8s.io/yaml does not apply to plain scalars (timestamps, sexagesimal numbers). */
function goYamlTags(tags: Tags): Tags {
  return tags.filter((t) =>
    typeof t === 'string'
      ? t !== 'timestamp' && t !== 'intTime' && t !== 'floatTime'
      : t.tag !== 'tag:yaml.org,2002:timestamp' && (t as ScalarTag).format !== 'TIME',
  );
}

export function parseManifest(text: string, options: ParseOptions): ParseResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  try {
    const v = fastParse(text, { uniqueKeys: options.strict, maxDepth });
    if (v !== BAIL) return v === undefined ? { ok: true, empty: true } : { ok: true, value: v };
  } catch (err) {
    if (err instanceof DuplicateKeyError) return { ok: false, error: `error unmarshalling resource: ${err.message} at line ${(options.firstLine ?? 1) + err.line - 1}` };
    if (err instanceof YamlLimitError) return { ok: false, error: `error unmarshalling resource: ${err.message}: refusing to validate it` };
    if (err instanceof RangeError) return { ok: false, error: 'error unmarshalling resource: document nests too deeply' };
    throw err;
  }
  return slowParse(text, options.strict, maxDepth, options.maxAliasCount ?? 100, options.firstLine ?? 1);
}

function slowParse(text: string, strict: boolean, maxDepth: number, maxAliasCount: number, firstLine: number): ParseResult {
  try {
    const doc = yaml().parseDocument(text, {
      version: '1.1',
      uniqueKeys: strict,
      merge: true,
      customTags: goYamlTags,
      prettyErrors: true,
      strict: false,
    });
    const first = doc.errors[0];
    if (first !== undefined) {
      // the library says "… at line L, column C:" (then a code frame), L counted in this document: say the file's line
      const pos = first.linePos?.[0];
      const msg = (first.message.split('\n')[0] ?? first.message).replace(/ at line \d+, column \d+:?$/, '');
      if (pos === undefined) return { ok: false, error: `error unmarshalling resource: ${msg}` };
      const line = firstLine + pos.line - 1;
      return { ok: false, error: `error unmarshalling resource: ${msg} at line ${line}, column ${pos.col}`, line };
    }
    if (doc.contents === null) return { ok: true, empty: true };
    const value: unknown = doc.toJS({ maxAliasCount });
    if (value === null || value === undefined) return { ok: true, empty: true };
    if (depthExceeds(value, maxDepth)) {
      return { ok: false, error: `error unmarshalling resource: document nests deeper than ${maxDepth} levels: refusing to validate it` };
    }
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      return { ok: false, error: `error unmarshalling resource: YAML aliases expand beyond ${maxAliasCount} nodes (an alias bomb?): ${err.message}` };
    }
    if (err instanceof RangeError) return { ok: false, error: 'error unmarshalling resource: document nests too deeply' };
    return { ok: false, error: `error unmarshalling resource: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function depthExceeds(value: unknown, max: number): boolean {
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
