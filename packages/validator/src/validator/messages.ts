// Go's formatting of values in messages (what kubeconform's schema engine, santhosh-tekuri/jsonschema v5.3, prints
// with %q, %v and %#v), and kubeconform's wording of an invalid resource.
import type { SchemaErrorItem } from './compile.js';
import type { SchemaError } from './result.js';

const LETTER_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

/** Go's strconv.Quote: double quotes, Go escapes for control characters, printable Unicode as it is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const letter = LETTER_ESCAPES[cp];
    if (letter !== undefined) out += letter;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad || (cp >= 0x2028 && cp <= 0x2029) || cp === 0xfeff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** jsonschema's quote(): Go's %q with single instead of double quotes. */
export function quote(s: string): string {
  return `'${goQuote(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Go's %v of a float64: strconv's shortest 'g' (an exponent from 1e+06 up and below 1e-04: `3e+09`). */
export function goNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, e] = n.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Go's %v of a decoded JSON value. */
export function goValue(v: unknown): string {
  if (typeof v === 'number') return goNumber(v);
  if (v === null) return '<nil>';
  return String(v);
}

/** Go's %#v of a primitive JSON value (enum and const messages). */
export function goRepr(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (v === null) return '<nil>';
  return String(v);
}

/** The error a message starts with: jsonschema's ValidationError.Error() follows the first cause down to a leaf. */
export function firstLeaf(item: SchemaErrorItem): SchemaErrorItem {
  let leaf = item;
  while (leaf.causes !== undefined && leaf.causes.length > 0) leaf = leaf.causes[0] as SchemaErrorItem;
  return leaf;
}

/**
 * The errors as a list: a `$ref`'s error is replaced by the errors it is made of (jsonschema keeps it as one error,
 * "doesn't validate with '#/definitions/…'", which says nothing about the document).
 */
export function listErrors(items: readonly SchemaErrorItem[]): SchemaErrorItem[] {
  const out: SchemaErrorItem[] = [];
  for (const e of items) {
    if (e.ref === true && e.causes !== undefined) out.push(...listErrors(e.causes));
    else out.push(e);
  }
  return out;
}

/** One entry per error, as the JSON, JUnit and SARIF outputs list them. */
export function describeErrors(items: readonly SchemaErrorItem[]): SchemaError[] {
  return listErrors(items).map((e) => ({ path: e.instance, message: e.message }));
}

/**
 * kubeconform's message for an invalid resource: `schemaUrl` is the schema's location (kubeconform's form:
 * `file:///abs/path.json` or the URL). The first error is worded exactly as kubeconform words its (only) error;
 * where kubeconform would show one of several errors picked by Go's random map order, the others follow here as
 * ` - '<path>': <message>`.
 */
export function invalidMessage(schemaUrl: string, items: readonly SchemaErrorItem[]): string {
  const [first] = items;
  if (first === undefined) return 'problem validating schema';
  const leaf = firstLeaf(first);
  // (a bundle's schema is named with its definition's pointer already: the keyword location continues it)
  const at = schemaUrl.includes('#') ? `${schemaUrl}${leaf.keyword}` : `${schemaUrl}#${leaf.keyword}`;
  let msg = `problem validating schema. Check JSON formatting: jsonschema: ${quote(leaf.instance)} does not validate with ${at}: ${leaf.message}`;
  for (const e of listErrors(items).slice(listErrors([first]).length)) msg += ` - ${quote(e.instance)}: ${e.message}`;
  return msg;
}
