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

/**
 * The lines of a file or render, each line's indentation worked out when the walk first needs it (a run locates
 * findings in a few documents of large files: only their lines are looked at).
 */
export class IndexedLines {
  /** Per line: -2 not worked out yet, -1 a line the walk steps over, else the indentation. */
  private readonly indents: Int32Array;

  constructor(readonly lines: readonly string[]) {
    this.indents = new Int32Array(lines.length).fill(-2);
  }

  /** The line's indentation, or -1 for a line the walk steps over (blank, comment, document marker). */
  indent(i: number): number {
    let v = this.indents[i] as number;
    if (v === -2) {
      const l = this.lines[i] as string;
      v = isSkippable(l) ? -1 : indentOf(l);
      this.indents[i] = v;
    }
    return v;
  }

  /** The first document marker (`---`) after line `i`, or the number of lines. */
  markerAfter(i: number): number {
    const n = this.lines.length;
    for (let j = i + 1; j < n; j++) if (this.indent(j) === -1 && (this.lines[j] as string).startsWith('---')) return j;
    return n;
  }
}

export function indexLines(lines: readonly string[]): IndexedLines {
  return new IndexedLines(lines);
}

/** A JSON pointer's segments, unescaped (RFC 6901). */
function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  const parts = pointer.split('/');
  const out: string[] = new Array(parts.length - 1);
  for (let i = 1; i < parts.length; i++) {
    const s = parts[i] as string;
    out[i - 1] = s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s;
  }
  return out;
}

/** Whether a pointer segment is a list index (`/^\d+$/`). */
function isIndex(seg: string): boolean {
  if (seg.length === 0) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The position of `pointer` in the document that is lines `from` to `to` (exclusive) of the indexed lines; a
 * position's line is an index into those lines plus one.
 */
export function locateInBlockYaml(doc: IndexedLines, pointer: string, from = 0, to = doc.lines.length): Position | undefined {
  const { lines } = doc;
  // a sequence item's content is seen as a line indented to after its "- " (only this walk sees the change): the
  // characters from there on are the line's own, so only the indentation is overridden
  let itemLine = -1;
  let itemIndent = 0;
  let items: Map<number, number> | undefined;
  const indent = (i: number): number => {
    if (i === itemLine) return itemIndent;
    if (items !== undefined) {
      const v = items.get(i);
      if (v !== undefined) return v;
    }
    return doc.indent(i);
  };
  const overrideIndent = (i: number, v: number): void => {
    if (itemLine === -1 || itemLine === i) {
      itemLine = i;
      itemIndent = v;
    } else (items ??= new Map()).set(i, v);
  };
  const segments = segmentsOf(pointer);
  let lo = from;
  let hi = to;
  while (lo < hi && indent(lo) === -1) lo++;
  if (lo >= hi) return undefined;
  let foundLine = lo + 1;
  let foundColumn = indent(lo) + 1;
  const found = (): Position => ({ line: foundLine, column: foundColumn });
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s] as string;
    let i = lo;
    while (i < hi && indent(i) === -1) i++;
    if (i >= hi) return found(); // an empty node: the pointer goes on into nothing
    const line = lines[i] as string;
    const ind = indent(i);
    const c = line.charCodeAt(ind);
    // anchors, aliases, tags, flow collections, complex keys: left to the parser
    if (c === 38 || c === 42 || c === 33 || c === 123 || c === 91 || (c === 63 && line.charCodeAt(ind + 1) === SPACE)) return undefined;
    if (isItem(line, ind)) {
      if (!isIndex(seg)) return found();
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
        if (!isItem(lines[j] as string, li)) return undefined; // not a plain sequence after all
        if (item !== -1) {
          end = j;
          break;
        }
        if (++n === want) item = j;
      }
      if (item === -1) return found();
      const l = lines[item] as string;
      const col = skipSpaces(l, ind + 1);
      if (col >= l.length || l.charCodeAt(col) === HASH || l.charCodeAt(col) === CR) {
        // the item's content is on the lines below
        lo = item + 1;
        hi = end;
        let k = lo;
        while (k < hi && indent(k) === -1) k++;
        if (k >= hi) return found();
        foundLine = k + 1;
        foundColumn = indent(k) + 1;
      } else {
        overrideIndent(item, col);
        lo = item;
        hi = end;
        foundLine = item + 1;
        foundColumn = col + 1;
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
      const l = lines[j] as string;
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
    if (hit === -1) return found();
    const hl = lines[hit] as string;
    const vc = skipSpaces(hl, valueAt);
    const v = hl.charCodeAt(vc);
    if (vc < hl.length && v !== HASH && v !== CR) {
      // an inline value: a scalar (or a block scalar's header) is the end of the walk
      if (v === 38 || v === 42 || v === 33 || ((v === 123 || v === 91) && s < segments.length - 1)) return undefined;
      foundLine = hit + 1;
      foundColumn = vc + 1;
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
    if (ki === -1 || ki < ind || (ki === ind && !isItem(lines[k] as string, ki))) {
      // `key:` with nothing under it is null; the parser puts that node right after the colon
      foundLine = hit + 1;
      foundColumn = valueAt + 1;
      lo = hi;
      continue;
    }
    if (ki === ind) {
      // a sequence at the key's own indentation belongs to the key: it runs while lines start with "- " there
      let e = k;
      while (e < to && (indent(e) === -1 || indent(e) > ind || isItem(lines[e] as string, ind))) e++;
      hi = e;
    }
    foundLine = k + 1;
    foundColumn = ki + 1;
  }
  return found();
}
