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
 * The lines of a file or render. The lines of a document are indexed when a walk first enters it (a run locates
 * findings in a few documents of large files: only theirs are looked at): each line's indentation, and where the
 * node it starts ends (the next line indented as much or less), so that a walk steps over a sibling's children at once.
 */
export class IndexedLines {
  /** Per line: -2 not indexed yet, -1 a line the walk steps over, else the indentation. */
  readonly indents: Int32Array;
  /** Per indexed line that is not stepped over: the next such line indented as much or less, or its document's end. */
  readonly after: Int32Array;

  constructor(readonly lines: readonly string[]) {
    this.indents = new Int32Array(lines.length).fill(-2);
    this.after = new Int32Array(lines.length);
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

  /** Indexes the lines `from` to `to` (one document), once. */
  prepare(from: number, to: number): void {
    if (from >= to || (this.after[from] !== 0 && this.indents[from] !== -2)) return;
    const { indents, after } = this;
    // the open lines, innermost last: a line closes every open line indented as much or more
    const open: number[] = [];
    for (let i = from; i < to; i++) {
      const v = this.indent(i);
      if (v === -1) continue;
      while (open.length > 0 && (indents[open[open.length - 1] as number] as number) >= v) after[open.pop() as number] = i;
      open.push(i);
    }
    for (const i of open) after[i] = to;
    if (after[from] === 0) after[from] = to; // (marks a document of stepped-over lines as indexed)
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
  doc.prepare(from, to);
  const { lines, indents, after } = doc;
  // A sequence item's content is seen as a line indented to after its "- " (only this walk sees the change): the
  // characters from there on are the line's own, so only the indentation is overridden (`moved`, `movedTo`); such a
  // line's children are not where `after` says, so the walk steps from it to the next line.
  let moved = -1;
  let movedTo = 0;
  let more: Map<number, number> | undefined;
  const segments = segmentsOf(pointer);
  let lo = from;
  let hi = to;
  while (lo < hi && indents[lo] === -1) lo++;
  if (lo >= hi) return undefined;
  let foundLine = lo + 1;
  let foundColumn = (indents[lo] as number) + 1;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s] as string;
    let i = lo;
    while (i < hi && indents[i] === -1) i++;
    if (i >= hi) return { line: foundLine, column: foundColumn }; // an empty node: the pointer goes on into nothing
    const line = lines[i] as string;
    const ind = i === moved ? movedTo : (more?.get(i) ?? (indents[i] as number));
    const c = line.charCodeAt(ind);
    // anchors, aliases, tags, flow collections, complex keys: left to the parser
    if (c === 38 || c === 42 || c === 33 || c === 123 || c === 91 || (c === 63 && line.charCodeAt(ind + 1) === SPACE)) return undefined;
    if (isItem(line, ind)) {
      if (!isIndex(seg)) return { line: foundLine, column: foundColumn };
      const want = Number(seg);
      let n = -1;
      let item = -1;
      let end = hi;
      for (let j = i; j < hi; ) {
        const shifted = j === moved || more?.has(j) === true;
        const li = j === moved ? movedTo : shifted ? (more?.get(j) as number) : (indents[j] as number);
        if (li === -1 || li > ind) {
          j++;
          continue;
        }
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
        j = shifted ? j + 1 : (after[j] as number);
      }
      if (item === -1) return { line: foundLine, column: foundColumn };
      const l = lines[item] as string;
      const col = skipSpaces(l, ind + 1);
      if (col >= l.length || l.charCodeAt(col) === HASH || l.charCodeAt(col) === CR) {
        // the item's content is on the lines below
        lo = item + 1;
        hi = end;
        let k = lo;
        while (k < hi && indents[k] === -1) k++;
        if (k >= hi) return { line: foundLine, column: foundColumn };
        foundLine = k + 1;
        foundColumn = (k === moved ? movedTo : (more?.get(k) ?? (indents[k] as number))) + 1;
      } else {
        if (moved === -1 || moved === item) {
          moved = item;
          movedTo = col;
        } else (more ??= new Map()).set(item, col);
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
    for (let j = i; j < hi; ) {
      const shifted = j === moved || more?.has(j) === true;
      const li = j === moved ? movedTo : shifted ? (more?.get(j) as number) : (indents[j] as number);
      if (li === -1 || li > ind) {
        j++;
        continue;
      }
      if (li < ind) {
        end = j;
        break;
      }
      const l = lines[j] as string;
      // a line at this indentation that starts a sequence item belongs to the key before it
      if (!isItem(l, li)) {
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
      j = shifted ? j + 1 : (after[j] as number);
    }
    if (hit === -1) return { line: foundLine, column: foundColumn };
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
    while (k < hi && indents[k] === -1) k++;
    const ki = k < hi ? (k === moved ? movedTo : (more?.get(k) ?? (indents[k] as number))) : -1;
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
      for (;;) {
        if (e >= to) break;
        const shifted = e === moved || more?.has(e) === true;
        const le = e === moved ? movedTo : shifted ? (more?.get(e) as number) : (indents[e] as number);
        if (le === -1 || le > ind) e++;
        else if (isItem(lines[e] as string, ind)) e = shifted ? e + 1 : (after[e] as number);
        else break;
      }
      hi = e;
    }
    foundLine = k + 1;
    foundColumn = ki + 1;
  }
  return { line: foundLine, column: foundColumn };
}
