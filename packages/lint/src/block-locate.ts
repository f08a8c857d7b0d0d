// The position of a JSON pointer in block-style YAML (what helm template and most manifests are), found by walking
// lines and indentation instead of parsing the document: a run with tens of thousands of findings would otherwise spend
// seconds in a full YAML parser. It answers what the parser would (the first character of the node, the nearest
// existing parent for a missing key) or undefined when the text leaves block style on the way (flow collections
// that the pointer enters, anchors, tags, complex keys), and the caller falls back to the parser. The walk reads the
// text where it is (a file, a render, a document), without cutting it into lines.
import { segmentsOf } from './k8s/values.js';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

const SPACE = 32;
const TAB = 9;
const NL = 10;
const CR = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/**
 * A text and its lines, worked out as far as a walk goes: where each line starts, and for the lines of a document a
 * walk has entered (a run locates findings in a few documents of large files: only theirs are looked at), its
 * indentation and where the node it starts ends (the next line indented as much or less), so that a walk steps over a
 * sibling's children at once.
 */
export class IndexedText {
  /** Where each line starts, as far as worked out (`known` lines). */
  private starts: Int32Array<ArrayBuffer>;
  private known = 1;
  /** Whether every line start is known. */
  private complete = false;
  /** Per line: -2 not worked out yet, -1 a line the walk steps over, else the indentation. */
  private indents: Int32Array<ArrayBuffer>;
  /** Per line of an indexed document that is not stepped over: the next such line indented as much or less, or its document's end. */
  private after: Int32Array<ArrayBuffer>;
  /** The documents indexed so far, by their first line (a document alone, or the few of a file that have findings). */
  private readonly prepared: number[] = [];

  constructor(readonly text: string) {
    // room for the lines of a manifest of this size (rendered manifests have ~20 characters a line: a Deployment's
    // 1,200 characters are ~60 lines), grown when there are more
    const room = Math.min(4096, Math.max(16, text.length >> 4));
    this.starts = new Int32Array(room);
    this.indents = new Int32Array(room).fill(-2);
    this.after = new Int32Array(room);
  }

  /** Whether the text has line `i` (0-based). */
  has(i: number): boolean {
    while (this.known <= i && !this.complete) this.scan();
    return i < this.known;
  }

  /** The number of lines (a text ending in a newline has an empty last line). */
  get lineCount(): number {
    while (!this.complete) this.scan();
    return this.known;
  }

  start(i: number): number {
    this.has(i);
    return this.starts[i] as number;
  }

  /** Where line `i` ends (its newline, or the end of the text). */
  end(i: number): number {
    return this.has(i + 1) ? (this.starts[i + 1] as number) - 1 : this.text.length;
  }

  /** Lines `from` to `to` (exclusive), as the text has them. */
  slice(from: number, to: number): string {
    return from >= to ? '' : this.text.slice(this.start(from), this.end(to - 1));
  }

  /** The line's indentation, or -1 for a line the walk steps over (blank, comment, document marker). */
  indent(i: number): number {
    this.has(i);
    let v = this.indents[i] as number;
    if (v === -2) {
      v = this.measure(this.starts[i] as number, this.end(i));
      this.indents[i] = v;
    }
    return v;
  }

  /** The first document marker (`---`) after line `i`, or the number of lines. */
  markerAfter(i: number): number {
    for (let j = i + 1; this.has(j); j++) if (this.indent(j) === -1 && this.text.startsWith('---', this.starts[j] as number)) return j;
    return this.known;
  }

  /** Indexes the lines `from` to `to` (one document), once; the arrays a walk reads. */
  prepare(from: number, to: number): { starts: Int32Array; indents: Int32Array; after: Int32Array } {
    this.has(to);
    if (!this.prepared.includes(from)) {
      this.prepared.push(from);
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
    }
    return { starts: this.starts, indents: this.indents, after: this.after };
  }

  /** Finds the next line start. */
  private scan(): void {
    const from = this.starts[this.known - 1] as number;
    const nl = this.text.indexOf('\n', from);
    if (nl === -1) {
      this.complete = true;
      return;
    }
    if (this.known === this.starts.length) {
      const grow = (a: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2).fill(fill);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, 0);
      this.indents = grow(this.indents, -2);
      this.after = grow(this.after, 0);
    }
    this.starts[this.known++] = nl + 1;
  }

  /** The indentation of the line from `s` to `e`, or -1 for a blank line, a comment or a document marker. */
  private measure(s: number, e: number): number {
    const t = this.text;
    let p = s;
    while (p < e && t.charCodeAt(p) === SPACE) p++;
    const c = p < e ? t.charCodeAt(p) : NL;
    if (c === NL || c === HASH || c === CR) return -1;
    if (p === s && (t.startsWith('---', s) || t.startsWith('...', s))) {
      const d = s + 3 < e ? t.charCodeAt(s + 3) : NL;
      if (d === NL || d === SPACE || d === CR) return -1;
    }
    return p - s;
  }
}

export function indexText(text: string): IndexedText {
  return new IndexedText(text);
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

/** What a walk reads of the text: the text, and its indexed lines. */
interface Walk {
  t: string;
  length: number;
  starts: Int32Array;
  indents: Int32Array;
  after: Int32Array;
  doc: IndexedText;
  /**
   * A sequence item's content is seen as a line indented to after its "- " (only this walk sees the change): the
   * characters from there on are the line's own, so only the indentation is overridden (`moved`, `movedTo`, `more`);
   * such a line's children are not where `after` says, so the walk steps from it to the next line.
   */
  moved: number;
  movedTo: number;
  more: Map<number, number> | undefined;
}

/** The character at column `col` of line `i`, NaN past the line's end. */
function at(w: Walk, i: number, col: number): number {
  const p = (w.starts[i] as number) + col;
  const c = p < w.length ? w.t.charCodeAt(p) : NaN;
  return c === NL ? NaN : c;
}

/** Whether line `i` starts a sequence item ("-" then a space or the end of the line) at column `col`. */
function isItem(w: Walk, i: number, col: number): boolean {
  if (at(w, i, col) !== DASH) return false;
  const c = at(w, i, col + 1);
  return Number.isNaN(c) || c === SPACE || c === CR;
}

/** The first column at or after `col` that is not a space or tab (the line's length if none). */
function skipSpaces(w: Walk, i: number, col: number): number {
  let c = col;
  for (let x = at(w, i, c); x === SPACE || x === TAB; x = at(w, i, ++c));
  return c;
}

/** Where the value after `key:` starts when line `i` has that key at column `col` (plain or quoted), or -1. */
function afterKey(w: Walk, i: number, col: number, key: string): number {
  const s = (w.starts[i] as number) + col;
  const e = w.doc.end(i);
  let end = -1;
  const q = at(w, i, col);
  if (s + key.length <= e && w.t.startsWith(key, s)) end = col + key.length;
  else if (q === 34 /* " */ && w.t.startsWith(JSON.stringify(key), s)) end = col + JSON.stringify(key).length;
  else if (q === 39 /* ' */ && w.t.startsWith(`'${key.replace(/'/g, "''")}'`, s)) end = col + key.replace(/'/g, "''").length + 2;
  if (end === -1 || (w.starts[i] as number) + end >= e || at(w, i, end) !== COLON) return -1;
  const c = at(w, i, end + 1);
  return Number.isNaN(c) || c === SPACE || c === TAB || c === CR ? end + 1 : -1;
}

function indent(w: Walk, i: number): number {
  if (i === w.moved) return w.movedTo;
  if (w.more !== undefined) {
    const v = w.more.get(i);
    if (v !== undefined) return v;
  }
  return w.indents[i] as number;
}

/** The next line at the indentation of line `j` or less (after its children). */
function next(w: Walk, j: number): number {
  return j === w.moved || w.more?.has(j) === true ? j + 1 : (w.after[j] as number);
}

function move(w: Walk, item: number, col: number): void {
  if (w.moved === -1 || w.moved === item) {
    w.moved = item;
    w.movedTo = col;
  } else (w.more ??= new Map()).set(item, col);
}

/**
 * The position of `pointer` in the document that is lines `from` to `to` (exclusive) of the text; a position's line
 * is a line index plus one.
 */
export function locateInBlockYaml(doc: IndexedText, pointer: string, from = 0, to = doc.lineCount): Position | undefined {
  const { starts, indents, after } = doc.prepare(from, to);
  const w: Walk = { t: doc.text, length: doc.text.length, starts, indents, after, doc, moved: -1, movedTo: 0, more: undefined };
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
    const ind = indent(w, i);
    const c = at(w, i, ind);
    // anchors, aliases, tags, flow collections, complex keys: left to the parser
    if (c === 38 || c === 42 || c === 33 || c === 123 || c === 91 || (c === 63 && at(w, i, ind + 1) === SPACE)) return undefined;
    if (isItem(w, i, ind)) {
      if (!isIndex(seg)) return { line: foundLine, column: foundColumn };
      const want = Number(seg);
      let n = -1;
      let item = -1;
      let end = hi;
      for (let j = i; j < hi; ) {
        const li = indent(w, j);
        if (li === -1 || li > ind) {
          j++;
          continue;
        }
        if (li < ind) {
          end = j;
          break;
        }
        if (!isItem(w, j, li)) return undefined; // not a plain sequence after all
        if (item !== -1) {
          end = j;
          break;
        }
        if (++n === want) item = j;
        j = next(w, j);
      }
      if (item === -1) return { line: foundLine, column: foundColumn };
      const col = skipSpaces(w, item, ind + 1);
      const x = at(w, item, col);
      if (Number.isNaN(x) || x === HASH || x === CR) {
        // the item's content is on the lines below
        lo = item + 1;
        hi = end;
        let k = lo;
        while (k < hi && indents[k] === -1) k++;
        if (k >= hi) return { line: foundLine, column: foundColumn };
        foundLine = k + 1;
        foundColumn = indent(w, k) + 1;
      } else {
        move(w, item, col);
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
      const li = indent(w, j);
      if (li === -1 || li > ind) {
        j++;
        continue;
      }
      if (li < ind) {
        end = j;
        break;
      }
      // a line at this indentation that starts a sequence item belongs to the key before it
      if (!isItem(w, j, li)) {
        if (hit !== -1) {
          end = j;
          break;
        }
        const v = afterKey(w, j, li, seg);
        if (v !== -1) {
          hit = j;
          valueAt = v;
        }
      }
      j = next(w, j);
    }
    if (hit === -1) return { line: foundLine, column: foundColumn };
    const vc = skipSpaces(w, hit, valueAt);
    const v = at(w, hit, vc);
    if (!Number.isNaN(v) && v !== HASH && v !== CR) {
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
    const ki = k < hi ? indent(w, k) : -1;
    if (ki === -1 || ki < ind || (ki === ind && !isItem(w, k, ki))) {
      // `key:` with nothing under it is null; the parser puts that node right after the colon
      foundLine = hit + 1;
      foundColumn = valueAt + 1;
      lo = hi;
      continue;
    }
    if (ki === ind) {
      // a sequence at the key's own indentation belongs to the key: it runs while lines start with "- " there
      let e = k;
      while (e < to) {
        const le = indent(w, e);
        if (le === -1 || le > ind) e++;
        else if (isItem(w, e, ind)) e = next(w, e);
        else break;
      }
      hi = e;
    }
    foundLine = k + 1;
    foundColumn = ki + 1;
  }
  return { line: foundLine, column: foundColumn };
}
