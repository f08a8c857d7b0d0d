// A fast parser for the YAML that manifests are made of (`helm template` output, kubectl dumps, hand-written files):
// block mappings and sequences, plain/quoted scalars, flow collections (so JSON too), literal and folded block
// scalars, comments. Scalars resolve as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) does: `yes`/`on` are booleans,
// `0755` is octal. Anything outside that subset (anchors, aliases, tags, complex keys, multi-line plain or quoted
// scalars, unusual numbers) makes it give up with BAIL, and the caller falls back to the full `yaml` library.
// It is about ten times faster than the library on typical manifests.

/** Thrown (as a value) when the input leaves the supported subset. */
export const BAIL: unique symbol = Symbol('bail');

/** A limit of the YAML decoder (nesting deeper than go-yaml's 10,000 levels); `line` is 1-based within the text. */
export class YamlLimitError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A key repeated in one mapping; `line` (of the repetition) is 1-based within the parsed text. */
export interface DuplicateKey {
  key: string;
  line: number;
}

/** Keys repeated in mappings (strict mode), all of them, in document order; `value` is the document, last key winning. */
export class DuplicateKeysError extends Error {
  constructor(
    readonly duplicates: DuplicateKey[],
    readonly value: unknown,
  ) {
    super(duplicates.map((d) => `key "${d.key}" already set in map at line ${d.line}`).join('; '));
  }
}

export interface FastParseOptions {
  /** Duplicate mapping keys are an error (kubeconform -strict); otherwise the last one wins. */
  uniqueKeys: boolean;
  maxDepth: number;
}

/** The parse's own state, shared by the block and the flow parser. */
interface ParseState extends FastParseOptions {
  duplicates: DuplicateKey[];
}

function depthError(max: number, src: string, pos: number): YamlLimitError {
  return new YamlLimitError(`exceeded max depth of ${max}`, lineAt(src, pos));
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const INT = /^-?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const MAYBE_NUMBER = /^[-+]?(?:0[xXoObB]|\.(?:inf|Inf|INF|nan|NaN|NAN)$)/;
/** A number written with underscores (YAML 1.1 `1_000`): made only of what numbers are made of. */
const UNDERSCORED_NUMBER = /^[-+]?[0-9a-fA-FxXoObB._]*_[0-9a-fA-FxXoObB._eE+-]*$/;

/** Resolves a plain scalar like go-yaml v2. Returns BAIL for forms whose resolution is not certain here. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (s.length === 0) return null;
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (INT.test(s)) return Number(s);
    if (FLOAT.test(s)) {
      if (/^[-+]?0[0-9]/.test(s)) return BAIL; // octal or a leading zero
      return Number(s);
    }
    if (MAYBE_NUMBER.test(s) || UNDERSCORED_NUMBER.test(s)) return BAIL; // hex, octal, binary, underscores, .inf, .nan
    return s;
  }
  // null and booleans are words of at most 5 characters (none starts like a number): most scalars skip the lookups
  if (s.length <= 5) {
    if (NULLS.has(s)) return null;
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  return s;
}

type Bail = typeof BAIL;

/** Recently seen mapping keys, by a hash of length and first and last characters (see findKey). */
const KEY_CACHE_SIZE = 4096;
const keyCache: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);

/** A mapping key found at a position: its text and the offset just past its colon. */
interface FoundKey {
  key: string;
  end: number;
}

class Parser {
  private pos = 0;
  private line = 1;
  constructor(
    private readonly src: string,
    private readonly opts: ParseState,
  ) {}

  parseDocument(): unknown {
    const indent = this.skipEmpty();
    if (indent < 0) return undefined; // empty document
    const v = this.parseBlockNode(indent, 1);
    this.skipEmpty();
    if (this.pos < this.src.length) throw BAIL;
    return v;
  }

  // ---- lines --------------------------------------------------------------------------------------------
  private lineEnd(p: number): number {
    const e = this.src.indexOf('\n', p);
    return e === -1 ? this.src.length : e;
  }

  private nextLine(): void {
    const e = this.src.indexOf('\n', this.pos);
    this.pos = e === -1 ? this.src.length : e + 1;
    this.line++;
  }

  /**
   * Skips blank and comment-only lines; leaves pos at the start of a content line (and returns its indentation) or
   * at the end (and returns -1). A document marker (`---`, `...`) gives up: the splitter never leaves one inside a
   * document, so the text did not come from it.
   */
  private skipEmpty(): number {
    const src = this.src;
    while (this.pos < src.length) {
      let p = this.pos;
      while (src.charCodeAt(p) === 32) p++;
      const c = src.charCodeAt(p);
      if (c === 10 || c === 35 || p >= src.length) {
        this.nextLine();
        continue;
      }
      if (c === 9) {
        // a tab before content: only fine when the line is otherwise blank
        let q = p;
        while (src.charCodeAt(q) === 9 || src.charCodeAt(q) === 32) q++;
        const d = src.charCodeAt(q);
        if (d === 10 || d === 35 || q >= src.length) {
          this.nextLine();
          continue;
        }
        throw BAIL;
      }
      if (p === this.pos && (c === 45 || c === 46) && src.charCodeAt(p + 1) === c && src.charCodeAt(p + 2) === c && isSpaceOrEnd(src.charCodeAt(p + 3))) throw BAIL;
      return p - this.pos;
    }
    return -1;
  }

  // ---- block nodes --------------------------------------------------------------------------------------
  /** Parses the block node whose first line starts at this.pos with the given indentation. */
  private parseBlockNode(indent: number, depth: number): unknown {
    if (depth > this.opts.maxDepth) throw depthError(this.opts.maxDepth, this.src, this.pos);
    const col = this.pos + indent;
    const c = this.src.charCodeAt(col);
    if (c === 45 && isSpaceOrEnd(this.src.charCodeAt(col + 1))) return this.parseSequence(indent, depth);
    const key = this.findKey(col);
    if (key !== undefined) return this.parseMapping(indent, depth, col, key);
    // a lone scalar or flow collection as the whole node
    const v = this.parseInlineValue(col, indent - 1, depth);
    return v;
  }

  /** `firstKey`: what findKey(firstCol) gave (the caller looked already). */
  private parseMapping(indent: number, depth: number, firstCol?: number, firstKey?: FoundKey): Record<string, unknown> {
    if (depth > this.opts.maxDepth) throw depthError(this.opts.maxDepth, this.src, this.pos);
    const obj: Record<string, unknown> = {};
    let col = firstCol;
    let found = firstKey;
    for (;;) {
      if (col === undefined) {
        const ind = this.skipEmpty();
        if (ind < indent) break; // (or the end: -1)
        if (ind > indent) throw BAIL;
        col = this.pos + ind;
        if (this.src.charCodeAt(col) === 45 && isSpaceOrEnd(this.src.charCodeAt(col + 1))) break; // a sequence: the parent's
      }
      const k = found ?? this.findKey(col);
      found = undefined;
      if (k === undefined) throw BAIL;
      const key = k.key;
      const v = this.parseValueAfterColon(k.end, indent, depth + 1);
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        if (this.opts.uniqueKeys) this.opts.duplicates.push({ key, line: lineAt(this.src, col) });
      }
      if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      col = undefined;
    }
    return obj;
  }

  private parseSequence(indent: number, depth: number): unknown[] {
    if (depth > this.opts.maxDepth) throw depthError(this.opts.maxDepth, this.src, this.pos);
    const arr: unknown[] = [];
    for (;;) {
      const ind = this.skipEmpty();
      if (ind < indent) break; // (or the end: -1)
      if (ind > indent) throw BAIL;
      const col = this.pos + ind;
      if (!(this.src.charCodeAt(col) === 45 && isSpaceOrEnd(this.src.charCodeAt(col + 1)))) break;
      // content after "- "
      let p = col + 1;
      while (this.src.charCodeAt(p) === 32) p++;
      const c = this.src.charCodeAt(p);
      if (c === 10 || c === 35 || p >= this.src.length || c === 13) {
        // item on the following lines
        this.nextLine();
        arr.push(this.parseNestedOrNull(indent, depth + 1, true));
        continue;
      }
      if (c === 45 && isSpaceOrEnd(this.src.charCodeAt(p + 1))) throw BAIL; // "- - x"
      const key = this.findKey(p);
      if (key !== undefined) {
        arr.push(this.parseMapping(p - this.pos, depth + 1, p, key));
        continue;
      }
      arr.push(this.parseInlineValue(p, indent, depth + 1));
    }
    return arr;
  }

  /** After `key:` (p is just past the colon). Leaves pos at the start of the next unconsumed line. */
  private parseValueAfterColon(p: number, indent: number, depth: number): unknown {
    while (this.src.charCodeAt(p) === 32) p++;
    const c = this.src.charCodeAt(p);
    if (c === 10 || c === 35 || c === 13 || p >= this.src.length) {
      this.nextLine();
      return this.parseNestedOrNull(indent, depth, false);
    }
    if (c === 9) throw BAIL;
    return this.parseInlineValue(p, indent, depth);
  }

  /** The value of a key or item whose content starts on the next lines: a deeper block, a same-indent sequence, or null. */
  private parseNestedOrNull(indent: number, depth: number, inSequence: boolean): unknown {
    const ind = this.skipEmpty();
    if (ind < 0) return null;
    if (ind > indent) return this.parseBlockNode(ind, depth);
    if (!inSequence && ind === indent) {
      const col = this.pos + ind;
      if (this.src.charCodeAt(col) === 45 && isSpaceOrEnd(this.src.charCodeAt(col + 1))) return this.parseSequence(indent, depth);
    }
    return null;
  }

  /**
   * A value that starts on the current line at p: block scalar header, flow collection, quoted or plain scalar.
   * `indent` is the indentation of the owning mapping/sequence.
   */
  private parseInlineValue(p: number, indent: number, depth: number): unknown {
    const src = this.src;
    const c = src.charCodeAt(p);
    switch (c) {
      case 124: // |
      case 62: // >
        return this.parseBlockScalar(p, indent);
      case 91: // [
      case 123: {
        // {
        const f = new FlowParser(src, p, this.opts, depth, indent + 1);
        const v = f.parseNode();
        this.afterInline(f.pos);
        return v;
      }
      case 34: {
        // "
        const q = readDoubleQuoted(src, p);
        this.afterInline(q.end);
        return q.value;
      }
      case 39: {
        // '
        const q = readSingleQuoted(src, p);
        this.afterInline(q.end);
        return q.value;
      }
      case 38: // &
      case 42: // *
      case 33: // !
      case 37: // %
      case 64: // @
      case 96: // `
      case 63: // ?
      case 44: // ,
      case 93: // ]
      case 125: // }
      case 9:
        throw BAIL;
      default: {
        const e = this.lineEnd(p);
        let end = e;
        let colonSpace = false; // ': ' inside: a mapping the full parser must read
        for (let i = p; i < e; i++) {
          const d = src.charCodeAt(i);
          if (d === 35 && src.charCodeAt(i - 1) === 32) {
            end = i; // comment
            break;
          }
          if (d === 9) throw BAIL;
          if (d === 58 && src.charCodeAt(i + 1) === 32) colonSpace = true;
        }
        let s: string;
        const last = src.charCodeAt(end - 1);
        if (last > 32 && last < 127) {
          s = src.slice(p, end); // nothing to trim
        } else {
          s = src.slice(p, end).trimEnd();
          if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1).trimEnd();
        }
        // (': ' in the untrimmed text is ': ' in the trimmed text or a trailing ':')
        if (colonSpace || s.endsWith(':')) throw BAIL;
        if (c === 45 && isSpaceOrEnd(s.charCodeAt(1))) throw BAIL;
        if (c === 58 && isSpaceOrEnd(s.charCodeAt(1))) throw BAIL;
        const v = resolvePlain(s);
        if (v === BAIL) throw BAIL;
        this.pos = e;
        this.nextLineFromEnd();
            // a following more-indented line would continue this plain scalar: the caller's loop gives up on it, except
        // at the root, where a plain scalar may go on at any indentation
        if (indent < 0 && this.skipEmpty() >= 0) throw BAIL;
        return v;
      }
    }
  }

  private nextLineFromEnd(): void {
    if (this.pos < this.src.length) this.pos++;
    this.line++;
  }

  /** After an inline flow/quoted value ending at q: only a comment may follow on the line. */
  private afterInline(q: number): void {
    const src = this.src;
    let p = q;
    while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 13) p++;
    const c = src.charCodeAt(p);
    if (p < src.length && c !== 10) {
      if (c === 35 && p > q) {
        p = this.lineEnd(p);
      } else throw BAIL;
    }
    // line counting across a multi-line flow collection
    for (let i = this.pos; i < p; i++) if (src.charCodeAt(i) === 10) this.line++;
    this.pos = p < src.length ? p + 1 : p;
    this.line++;
  }

  private parseBlockScalar(p: number, indent: number): string {
    const src = this.src;
    const folded = src.charCodeAt(p) === 62;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    let q = p + 1;
    const h = src.charCodeAt(q);
    if (h === 45) {
      chomp = 'strip';
      q++;
    } else if (h === 43) {
      chomp = 'keep';
      q++;
    }
    const e = this.lineEnd(q);
    const rest = src.slice(q, e).trim();
    if (rest.length > 0 && !rest.startsWith('#')) throw BAIL; // indentation indicator or junk
    this.pos = e;
    this.nextLineFromEnd();
    // collect lines
    const lines: string[] = [];
    let contentIndent = -1;
    while (this.pos < src.length) {
      const le = this.lineEnd(this.pos);
      let raw = src.slice(this.pos, le);
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      let sp = 0;
      while (raw.charCodeAt(sp) === 32) sp++;
      const blank = sp === raw.length;
      if (contentIndent === -1) {
        if (blank) {
          if (sp > indent + 1 && sp > 0) {
            // leading blank line with more spaces than the eventual indent is fine; keep as empty
          }
          lines.push('');
          this.pos = le;
          this.nextLineFromEnd();
          continue;
        }
        if (sp <= indent) break;
        if (raw.charCodeAt(sp) === 9) throw BAIL;
        contentIndent = sp;
      } else if (!blank && sp < contentIndent) break;
      else if (blank && sp < contentIndent) {
        lines.push('');
        this.pos = le;
        this.nextLineFromEnd();
        continue;
      }
      lines.push(blank ? raw.slice(Math.min(sp, contentIndent)) : raw.slice(contentIndent));
      this.pos = le;
      this.nextLineFromEnd();
    }
    // trailing empty lines
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last--;
    const trailing = lines.length - last;
    const body = lines.slice(0, last);
    let text: string;
    if (folded) {
      let out = '';
      let breaks = 0;
      let first = true;
      let prevMore = false;
      for (const l of body) {
        if (l === '') {
          breaks++;
          continue;
        }
        const more = l.charCodeAt(0) === 32 || l.charCodeAt(0) === 9;
        if (more) throw BAIL; // more-indented lines in a folded scalar: leave it to the full parser
        if (first) out += '\n'.repeat(breaks);
        else out += breaks > 0 ? '\n'.repeat(breaks) : prevMore ? '\n' : ' ';
        out += l;
        breaks = 0;
        first = false;
        prevMore = more;
      }
      text = out;
    } else {
      text = body.join('\n');
    }
    if (body.length === 0) {
      return chomp === 'keep' ? '\n'.repeat(trailing) : '';
    }
    if (chomp === 'clip') return text + '\n';
    if (chomp === 'strip') return text;
    return text + '\n' + '\n'.repeat(trailing);
  }

  /** If a mapping key starts at p, returns it and the offset just past its colon. */
  private findKey(p: number): FoundKey | undefined {
    const src = this.src;
    const c = src.charCodeAt(p);
    if (c === 34 || c === 39) {
      let q: { value: string; end: number };
      try {
        q = c === 34 ? readDoubleQuoted(src, p) : readSingleQuoted(src, p);
      } catch (err) {
        if (err === BAIL) return undefined;
        throw err;
      }
      let e = q.end;
      while (src.charCodeAt(e) === 32) e++;
      if (src.charCodeAt(e) === 58 && isSpaceOrEnd(src.charCodeAt(e + 1))) return { key: q.value, end: e + 1 };
      return undefined;
    }
    if (c === 91 || c === 123 || c === 93 || c === 125 || c === 44 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 63) {
      return undefined;
    }
    const len = src.length;
    let tab = false;
    for (let colon = p; colon < len; colon++) {
      const d = src.charCodeAt(colon);
      if (d === 10) return undefined;
      if (d === 35 && src.charCodeAt(colon - 1) === 32) return undefined;
      if (d === 9) tab = true;
      if (d !== 58) continue;
      if (isSpaceOrEnd(src.charCodeAt(colon + 1))) {
        const last = src.charCodeAt(colon - 1);
        if (!tab && last > 32 && last < 127 && colon > p) {
          // the common case: nothing to trim, no tab. Keys repeat across documents (apiVersion, metadata, name ...):
          // the cached string (already checked, and internalized by V8 as a property key) makes the property
          // lookups and stores of the caller cheap
          const n = colon - p;
          const slot = (n * 977 + src.charCodeAt(p) * 31 + last) & (KEY_CACHE_SIZE - 1);
          const cached = keyCache[slot];
          if (cached !== undefined && cached.length === n && sameText(src, p, cached)) return { key: cached, end: colon + 1 };
          const keyText = checkedKey(src.slice(p, colon));
          if (n <= 64) keyCache[slot] = keyText;
          return { key: keyText, end: colon + 1 };
        }
        const keyText = src.slice(p, colon).trimEnd();
        if (keyText.length === 0) throw BAIL;
        if (keyText.includes('\t')) throw BAIL;
        return { key: checkedKey(keyText), end: colon + 1 };
      }
    }
    return undefined;
  }
}

/** Whether `text` is at `p` in `src` (inlined by the JIT, unlike String.prototype.startsWith). */
function sameText(src: string, p: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (src.charCodeAt(p + i) !== text.charCodeAt(i)) return false;
  return true;
}

/** A plain scalar as a mapping key: only string keys are for the fast parser. */
function checkedKey(keyText: string): string {
  const v = resolvePlain(keyText);
  if (typeof v !== 'string') throw BAIL; // non-string keys: leave the conversion to the full parser
  if (keyText === '<<') throw BAIL; // merge key
  return keyText;
}

/** The 1-based line of a position (for error messages only: it counts from the start). */
function lineAt(src: string, pos: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < pos; i = src.indexOf('\n', i + 1)) line++;
  return line;
}

function isSpaceOrEnd(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || Number.isNaN(c);
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '\\': '\\',
  '"': '"',
  '/': '/',
  '0': '\0',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  e: '\x1b',
  ' ': ' ',
  '\t': '\t',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** A double-quoted scalar on one line (JSON strings included). */
export function readDoubleQuoted(src: string, p: number): { value: string; end: number } {
  let out = '';
  let i = p + 1;
  let chunk = i;
  for (;;) {
    const c = src.charCodeAt(i);
    if (Number.isNaN(c) || c === 10) throw BAIL; // multi-line: full parser
    if (c === 34) {
      out += src.slice(chunk, i);
      return { value: out, end: i + 1 };
    }
    if (c === 92) {
      out += src.slice(chunk, i);
      const e = src[i + 1];
      if (e === undefined) throw BAIL;
      if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + n);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw BAIL;
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) throw BAIL;
        out += String.fromCodePoint(cp);
        i += 2 + n;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) throw BAIL;
        out += r;
        i += 2;
      }
      chunk = i;
      continue;
    }
    i++;
  }
}

export function readSingleQuoted(src: string, p: number): { value: string; end: number } {
  let out = '';
  let i = p + 1;
  let chunk = i;
  for (;;) {
    const c = src.charCodeAt(i);
    if (Number.isNaN(c) || c === 10) throw BAIL;
    if (c === 39) {
      if (src.charCodeAt(i + 1) === 39) {
        out += src.slice(chunk, i + 1);
        i += 2;
        chunk = i;
        continue;
      }
      out += src.slice(chunk, i);
      return { value: out, end: i + 1 };
    }
    i++;
  }
}

/** Flow collections (`[...]`, `{...}`), which includes JSON documents. */
class FlowParser {
  /**
   * `minIndent`: lines that continue the collection must be indented at least this much (deeper than the block
   * collection it is in; 0 at the root), as the yaml library requires.
   */
  constructor(
    private readonly src: string,
    public pos: number,
    private readonly opts: ParseState,
    private readonly depth: number,
    private readonly minIndent: number,
  ) {}

  private ws(): void {
    const src = this.src;
    let lineStart = -1;
    for (;;) {
      const c = src.charCodeAt(this.pos);
      if (c === 10) lineStart = ++this.pos;
      else if (c === 32 || c === 13 || c === 9) this.pos++;
      else if (lineStart !== -1 && this.pos - lineStart < this.minIndent && this.pos < src.length) throw BAIL;
      else if (c === 35) {
        const prev = src.charCodeAt(this.pos - 1);
        if (!(prev === 32 || prev === 10 || prev === 9 || prev === 13)) throw BAIL;
        const e = src.indexOf('\n', this.pos);
        this.pos = e === -1 ? src.length : e;
      } else return;
    }
  }

  parseNode(depth = this.depth): unknown {
    if (depth > this.opts.maxDepth) throw depthError(this.opts.maxDepth, this.src, this.pos);
    this.ws();
    const src = this.src;
    const c = src.charCodeAt(this.pos);
    if (c === 91) {
      this.pos++;
      const arr: unknown[] = [];
      for (;;) {
        this.ws();
        if (src.charCodeAt(this.pos) === 93) {
          this.pos++;
          return arr;
        }
        if (src.charCodeAt(this.pos) === 44) throw BAIL; // an empty entry
        const v = this.parseNode(depth + 1);
        this.ws();
        const d = src.charCodeAt(this.pos);
        if (d === 58) throw BAIL; // implicit pair in a flow sequence
        arr.push(v);
        if (d === 44) this.pos++;
        else if (d !== 93) throw BAIL;
      }
    }
    if (c === 123) {
      this.pos++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        this.ws();
        if (src.charCodeAt(this.pos) === 125) {
          this.pos++;
          return obj;
        }
        const keyAt = this.pos;
        const k = this.parseScalar(true);
        if (typeof k !== 'string') throw BAIL;
        this.ws();
        let v: unknown = null;
        if (src.charCodeAt(this.pos) === 58) {
          this.pos++;
          this.ws();
          const d = src.charCodeAt(this.pos);
          v = d === 44 || d === 125 ? null : this.parseNode(depth + 1);
          this.ws();
        }
        if (Object.prototype.hasOwnProperty.call(obj, k) && this.opts.uniqueKeys) this.opts.duplicates.push({ key: k, line: lineAt(this.src, keyAt) });
        if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[k] = v;
        const d = src.charCodeAt(this.pos);
        if (d === 44) this.pos++;
        else if (d !== 125) throw BAIL;
      }
    }
    return this.parseScalar(false);
  }

  private parseScalar(isKey: boolean): unknown {
    const src = this.src;
    const c = src.charCodeAt(this.pos);
    if (c === 34 || c === 39) {
      const q = c === 34 ? readDoubleQuoted(src, this.pos) : readSingleQuoted(src, this.pos);
      this.pos = q.end;
      return q.value;
    }
    if (c === 38 || c === 42 || c === 33 || c === 63 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 91 || c === 123) throw BAIL;
    if (c === 45 && isSpaceOrEnd(src.charCodeAt(this.pos + 1))) throw BAIL; // a block sequence inside a flow collection
    const start = this.pos;
    let i = start;
    for (;;) {
      const d = src.charCodeAt(i);
      if (Number.isNaN(d) || d === 44 || d === 93 || d === 125 || d === 91 || d === 123) break;
      if (d === 10) throw BAIL; // multi-line plain scalar
      if (d === 58) {
        const n = src.charCodeAt(i + 1);
        if (isSpaceOrEnd(n) || n === 44 || n === 93 || n === 125) break;
      }
      if (d === 35 && (src.charCodeAt(i - 1) === 32 || src.charCodeAt(i - 1) === 9)) break;
      i++;
    }
    this.pos = i;
    const s = src.slice(start, i).trim();
    if (isKey) {
      const v = resolvePlain(s);
      if (typeof v !== 'string' || s.length === 0) throw BAIL;
      return s;
    }
    const v = resolvePlain(s);
    if (v === BAIL) throw BAIL;
    return v;
  }
}

/**
 * Parses one YAML document. Returns `undefined` for an empty document, BAIL when the text is outside the supported
 * subset, throws DuplicateKeysError / YamlLimitError for definite problems.
 */
export function fastParse(text: string, opts: FastParseOptions): unknown | Bail {
  let src = text;
  if (text.includes('\r')) {
    src = text.replace(/\r\n/g, '\n');
    if (src.includes('\r')) return BAIL; // a lone carriage return: whether it breaks a line is for the library to say
  }
  // a document marker on the first line (a stream's leading `---` stays with its first document, as kubeconform splits)
  if (src.startsWith('---')) {
    const eol = src.indexOf('\n');
    const rest = src.slice(3, eol === -1 ? src.length : eol);
    if (!/^(\s*|\s+#.*)$/.test(rest)) return BAIL;
    src = eol === -1 ? '' : `\n${src.slice(eol + 1)}`; // (the marker's line still counts)
  }
  // (a literal, not a spread of opts: objects made by spreading were pretenured by V8 — allocated in the old
  // generation —, and the parse's objects with them: +25 MB of garbage waiting for a mark-compact on 210,000 documents)
  const state: ParseState = { uniqueKeys: opts.uniqueKeys, maxDepth: opts.maxDepth, duplicates: [] };
  try {
    const value = new Parser(src, state).parseDocument();
    if (state.duplicates.length > 0) throw new DuplicateKeysError(state.duplicates, value);
    return value;
  } catch (err) {
    if (err === BAIL) return BAIL;
    throw err;
  }
}
