// The position of a JSON pointer in block-style YAML (what helm template and most manifests are), found by walking
// lines and indentation instead of parsing the document: a run with tens of thousands of findings would otherwise spend
// seconds in a full YAML parser. It answers what the parser would (the first character of the node, the nearest
// existing parent for a missing key) or undefined when the text leaves block style on the way (flow collections
// that the pointer enters, anchors, tags, complex keys), and the caller falls back to the parser.

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;

const indentOf = (l: string): number => {
  let i = 0;
  while (l.charCodeAt(i) === SPACE) i++;
  return i;
};

/** Blank, a comment, or a document marker: lines the walk steps over. */
function isSkippable(l: string): boolean {
  const i = indentOf(l);
  const c = l.charCodeAt(i);
  if (Number.isNaN(c) || c === HASH || c === CR) return true;
  return i === 0 && (l.startsWith('---') || l.startsWith('...')) && (l.length === 3 || l.charCodeAt(3) === SPACE || l.charCodeAt(3) === CR);
}

/** Whether the line starts a sequence item ("-" then a space or the end of the line) at column `at`. */
const isItem = (l: string, at: number): boolean => l.charCodeAt(at) === DASH && (l.length === at + 1 || l.charCodeAt(at + 1) === SPACE || l.charCodeAt(at + 1) === CR);

/** Where the value after `key:` starts when the line has that key at column `at` (plain or quoted), or -1. */
function afterKey(l: string, at: number, key: string): number {
  let end = -1;
  const q = l.charCodeAt(at);
  if (l.startsWith(key, at)) end = at + key.length;
  else if (q === 34 /* " */ && l.startsWith(JSON.stringify(key), at)) end = at + JSON.stringify(key).length;
  else if (q === 39 /* ' */ && l.startsWith(`'${key.replace(/'/g, "''")}'`, at)) end = at + key.replace(/'/g, "''").length + 2;
  if (end === -1 || l.charCodeAt(end) !== COLON) return -1;
  const c = l.charCodeAt(end + 1);
  return Number.isNaN(c) || c === SPACE || c === TAB || c === CR ? end + 1 : -1;
}

/** The first column at or after `from` that is not a space or tab (the line's length if none). */
function skipSpaces(l: string, from: number): number {
  let i = from;
  while (l.charCodeAt(i) === SPACE || l.charCodeAt(i) === TAB) i++;
  return i;
}

/** The lines of a file or render with each line's indentation worked out once (-1 for lines the walk steps over). */
export interface IndexedLines {
  lines: readonly string[];
  indents: Int32Array;
  /** For each line, the next document marker (`---`) after it, or the number of lines. */
  nextMarker: Int32Array;
}

export function indexLines(lines: readonly string[]): IndexedLines {
  const n = lines.length;
  const indents = new Int32Array(n);
  const nextMarker = new Int32Array(n);
  let next = n;
  for (let i = n - 1; i >= 0; i--) {
    const l = lines[i] as string;
    const skip = isSkippable(l);
    indents[i] = skip ? -1 : indentOf(l);
    nextMarker[i] = next;
    if (skip && l.startsWith('---')) next = i;
  }
  return { lines, indents, nextMarker };
}



/**
 * The position of `pointer` in the document that is lines `from` to `to` (exclusive) of the indexed lines; a
 * position's line is an index into those lines plus one.
 */
export function locateInBlockYaml(doc: IndexedLines, pointer: string, from = 0, to = doc.lines.length): Position | undefined {
  const { lines } = doc;
  // a sequence item's content is seen as a line indented to after its "- " (only this walk sees the change)
  const items = new Map<number, string>();
  const at = (i: number): string => (items.size > 0 ? (items.get(i) ?? (lines[i] as string)) : (lines[i] as string));
  const indent = (i: number): number => (items.size > 0 && items.has(i) ? indentOf(items.get(i) as string) : (doc.indents[i] as number));
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let lo = from;
  let hi = to;
  while (lo < hi && indent(lo) === -1) lo++;
  if (lo >= hi) return undefined;
  let found: Position = { line: lo + 1, column: indent(lo) + 1 };
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s] as string;
    let i = lo;
    while (i < hi && indent(i) === -1) i++;
    if (i >= hi) return found; // an empty node: the pointer goes on into nothing
    const line = at(i);
    const ind = indent(i);
    const c = line.charCodeAt(ind);
    // anchors, aliases, tags, flow collections, complex keys: left to the parser
    if (c === 38 || c === 42 || c === 33 || c === 123 || c === 91 || (c === 63 && line.charCodeAt(ind + 1) === SPACE)) return undefined;
    if (isItem(line, ind)) {
      if (!/^\d+$/.test(seg)) return found;
      const want = Number(seg);
      let n = -1;
      let item = -1;
      let end = hi;
      for (let j = i; j < hi; j++) {
        const li = indent(j);
        if (li === -1 || li > ind) continue;
        if (li < ind) {
          end = j;
          break;
        }
        if (!isItem(at(j), li)) return undefined; // not a plain sequence after all
        if (item !== -1) {
          end = j;
          break;
        }
        if (++n === want) item = j;
      }
      if (item === -1) return found;
      const l = at(item);
      const col = skipSpaces(l, ind + 1);
      if (col >= l.length || l.charCodeAt(col) === HASH || l.charCodeAt(col) === CR) {
        // the item's content is on the lines below
        lo = item + 1;
        hi = end;
        let k = lo;
        while (k < hi && indent(k) === -1) k++;
        if (k >= hi) return found;
        found = { line: k + 1, column: indent(k) + 1 };
      } else {
        items.set(item, ' '.repeat(col) + l.slice(col));
        lo = item;
        hi = end;
        found = { line: item + 1, column: col + 1 };
      }
      continue;
    }
    // a mapping whose keys are at this indentation
    let hit = -1;
    let valueAt = -1;
    let end = hi;
    for (let j = i; j < hi; j++) {
      const li = indent(j);
      if (li === -1 || li > ind) continue;
      if (li < ind) {
        end = j;
        break;
      }
      const l = at(j);
      // a line at this indentation that starts a sequence item belongs to the key before it
      if (isItem(l, li)) continue;
      if (hit !== -1) {
        end = j;
        break;
      }
      const v = afterKey(l, li, seg);
      if (v !== -1) {
        hit = j;
        valueAt = v;
      }
    }
    if (hit === -1) return found;
    const hl = at(hit);
    const vc = skipSpaces(hl, valueAt);
    const v = hl.charCodeAt(vc);
    if (vc < hl.length && v !== HASH && v !== CR) {
      // an inline value: a scalar (or a block scalar's header) is the end of the walk
      if (v === 38 || v === 42 || v === 33 || ((v === 123 || v === 91) && s < segments.length - 1)) return undefined;
      found = { line: hit + 1, column: vc + 1 };
      lo = hit + 1;
      hi = hit + 1;
      continue;
    }
    // a block value: on the lines below, more indented (or a sequence at the same indentation)
    lo = hit + 1;
    hi = end;
    let k = lo;
    while (k < hi && indent(k) === -1) k++;
    const ki = k < hi ? indent(k) : -1;
    if (ki === -1 || ki < ind || (ki === ind && !isItem(at(k), ki))) {
      // `key:` with nothing under it is null; the parser puts that node right after the colon
      found = { line: hit + 1, column: valueAt + 1 };
      lo = hi;
      continue;
    }
    if (ki === ind) {
      // a sequence at the key's own indentation belongs to the key: it runs while lines start with "- " there
      let e = k;
      while (e < to && (indent(e) === -1 || indent(e) > ind || isItem(at(e), ind))) e++;
      hi = e;
    }
    found = { line: k + 1, column: ki + 1 };
  }
  return found;
}
