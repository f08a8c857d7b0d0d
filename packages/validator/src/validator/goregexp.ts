// Go's regular expressions (RE2 syntax, what kubeconform's schema engine compiles `pattern` with) as JavaScript
// RegExps. Kubernetes schemas and CRDs are written for Go: `^(?i)(abort|warn)?$` (PrometheusRule) uses an inline
// flag JavaScript does not have, `\z`, `\pL`, `[[:alpha:]]` or `\Q…\E` are Go-only, and some shared syntax means
// something else (`\s` and `.` are narrower in Go, a `{` that starts no repetition is a literal). The pattern is
// parsed and written again as an equivalent JavaScript pattern (with the `u` flag: both match code points):
//  - flags (?i) (?s) (?m) (?U), global or in groups, become the JavaScript flag when they cover the whole pattern, and
//    otherwise are applied in place (letters become [xX], `.` becomes [^] or [^\n], ^/$ become lookarounds);
//  - character classes are rebuilt (POSIX classes, Go's ASCII \s \d \w, negations, case folding);
//  - escapes Go has and JavaScript lacks (\a, \z, \A, \Q…\E, \x{…}, octal, \pL) are spelt out.
// A pattern Go rejects (look-arounds, back-references, a repetition of nothing …) is an error here too: kubeconform
// cannot compile such a schema either.

export class GoRegExpError extends Error {}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** A character class as code point ranges plus Unicode property escapes that are kept as they are. */
interface CharClass {
  ranges: [number, number][];
  properties: string[];
  negated: boolean;
}

const MAX_CODE_POINT = 0x10ffff;
const MAX_REPEAT = 1000; // Go's limit on {n,m}

const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Go's Perl classes (ASCII only, unlike JavaScript's \s). */
const PERL: Record<string, [number, number][]> = {
  d: POSIX.digit as [number, number][],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: POSIX.word as [number, number][],
};

/** Unicode general categories JavaScript knows by their short name; any other \p{Name} is a script. */
const CATEGORIES = new Set([
  'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps',
  'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs', 'C', 'Cc', 'Cf', 'Co', 'Cs',
]);

function normalise(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** The simple case variants of a code point (what Go's (?i) folds to). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if ([...v].length === 1) out.add(v.codePointAt(0) as number);
  }
  // Kelvin sign and long s fold to ASCII letters in Go as in Unicode
  if (cp === 0x6b || cp === 0x4b) out.add(0x212a);
  if (cp === 0x73 || cp === 0x53) out.add(0x17f);
  if (cp === 0x212a) out.add(0x6b).add(0x4b);
  if (cp === 0x17f) out.add(0x73).add(0x53);
  return [...out];
}

function foldRanges(ranges: [number, number][]): [number, number][] {
  const out = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 0x3000) continue; // a wide range already holds both cases of what matters
    for (let cp = lo; cp <= hi; cp++) for (const v of caseVariants(cp)) if (v < lo || v > hi) out.push([v, v]);
  }
  return normalise(out);
}

function escapeCodePoint(cp: number): string {
  return cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\u{${cp.toString(16)}}`;
}

/** A literal code point outside a class. */
function literal(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (/[\\^$.|?*+()[\]{}/]/.test(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x2028 && cp <= 0x2029)) return escapeCodePoint(cp);
  return ch;
}

function classSource(c: CharClass): string {
  let body = '';
  for (const [lo, hi] of normalise(c.ranges)) body += lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`;
  for (const p of c.properties) body += p;
  if (c.negated) return `[^${body}]`;
  return body === '' ? '[^\\u0000-\\u{10ffff}]' : `[${body}]`;
}

class Translator {
  private pos = 0;
  /** The pattern as code points (Go reads UTF-8 runes). */
  private readonly cps: number[];
  /** Flags changed anywhere (then they are applied in place rather than as JavaScript flags). */
  readonly usedFlags = new Set<string>();

  constructor(
    private readonly src: string,
    private readonly global: Flags,
  ) {
    this.cps = [...src].map((c) => c.codePointAt(0) as number);
  }

  private fail(why: string): never {
    throw new GoRegExpError(`error parsing regexp: ${why}: \`${this.src}\``);
  }

  private peek(offset = 0): number | undefined {
    return this.cps[this.pos + offset];
  }

  private peekChar(offset = 0): string {
    const c = this.peek(offset);
    return c === undefined ? '' : String.fromCodePoint(c);
  }

  /** The current character, consumed. */
  private take(): string {
    const c = this.peekChar();
    this.pos++;
    return c;
  }

  translate(): string {
    const out = this.alternation({ ...this.global }, 0);
    if (this.pos < this.cps.length) this.fail('unexpected )');
    return out;
  }

  /** Alternatives up to a `)` (depth > 0) or the end. */
  private alternation(flags: Flags, depth: number): string {
    let out = '';
    let atomAllowed = false; // a repetition needs something to repeat
    let lastWasRepeat = false;
    while (this.pos < this.cps.length) {
      const ch = this.peekChar();
      if (ch === ')') {
        if (depth === 0) this.fail('unexpected )');
        return out;
      }
      if (ch === '|') {
        this.pos++;
        out += '|';
        atomAllowed = false;
        lastWasRepeat = false;
        continue;
      }
      if (ch === '*' || ch === '+' || ch === '?' || (ch === '{' && this.repeatAhead() !== undefined)) {
        if (!atomAllowed) this.fail(`missing argument to repetition operator: \`${ch}\``);
        if (lastWasRepeat) this.fail(`invalid nested repetition operator: \`${ch}\``);
        let q: string;
        if (ch === '{') {
          const rep = this.repeatAhead() as { text: string; end: number; min: number; max: number };
          if (rep.min > MAX_REPEAT || rep.max > MAX_REPEAT || (rep.max !== -1 && rep.max < rep.min)) this.fail(`invalid repeat count: \`${rep.text}\``);
          q = rep.text;
          this.pos = rep.end;
        } else {
          q = ch;
          this.pos++;
        }
        let lazy = false;
        if (this.peekChar() === '?') {
          lazy = true;
          this.pos++;
        }
        if (flags.U) lazy = !lazy;
        out += q + (lazy ? '?' : '');
        lastWasRepeat = true;
        continue;
      }
      const atom = this.atom(flags, depth);
      if (atom === null) {
        // a flag setting such as (?i): applies to the rest of this group
        continue;
      }
      out += atom.source;
      atomAllowed = atom.repeatable;
      lastWasRepeat = false;
    }
    if (depth > 0) this.fail('missing closing )');
    return out;
  }

  /** `{n}`, `{n,}` or `{n,m}` at the current position, or undefined when the brace is a literal (as in Go). */
  private repeatAhead(): { text: string; end: number; min: number; max: number } | undefined {
    let i = this.pos;
    if (this.cps[i] !== 0x7b) return undefined;
    let text = '{';
    i++;
    const digits = (): string => {
      let d = '';
      while (i < this.cps.length && (this.cps[i] as number) >= 0x30 && (this.cps[i] as number) <= 0x39) d += String.fromCodePoint(this.cps[i++] as number);
      return d;
    };
    const min = digits();
    if (min === '') return undefined;
    text += min;
    let max = min;
    if (this.cps[i] === 0x2c) {
      i++;
      text += ',';
      max = digits();
      text += max;
    }
    if (this.cps[i] !== 0x7d) return undefined;
    text += '}';
    return { text, end: i + 1, min: Number(min), max: max === '' ? -1 : Number(max) };
  }

  /** One atom; null for a flag setting that consumed no text of its own. */
  private atom(flags: Flags, depth: number): { source: string; repeatable: boolean } | null {
    const cp = this.peek() as number;
    const ch = String.fromCodePoint(cp);
    switch (ch) {
      case '(':
        return this.group(flags, depth);
      case '[':
        return { source: classSource(this.caseClass(this.charClass(), flags)), repeatable: true };
      case '.':
        this.pos++;
        return { source: flags.s ? '[^]' : '[^\\n]', repeatable: true };
      case '^':
        this.pos++;
        return { source: flags.m ? '(?<=^|\\n)' : '^', repeatable: false };
      case '$':
        this.pos++;
        return { source: flags.m ? '(?=\\n|$)' : '$', repeatable: false };
      case '\\':
        return this.escape(flags);
      default:
        this.pos++;
        if (ch === ']' || ch === '}' || ch === '{') return { source: `\\${ch}`, repeatable: true };
        return { source: this.literalWithCase(cp, flags), repeatable: true };
    }
  }

  private literalWithCase(cp: number, flags: Flags): string {
    if (!flags.i) return literal(cp);
    const variants = caseVariants(cp);
    if (variants.length === 1) return literal(cp);
    return classSource({ ranges: variants.map((v) => [v, v]), properties: [], negated: false });
  }

  private group(flags: Flags, depth: number): { source: string; repeatable: boolean } | null {
    this.pos++; // (
    if (this.peekChar() !== '?') {
      const inner = this.alternation({ ...flags }, depth + 1);
      this.pos++; // )
      return { source: `(${inner})`, repeatable: true };
    }
    this.pos++; // ?
    const next = this.peekChar();
    if (next === 'P' && this.peekChar(1) === '<') this.pos++;
    if (this.peekChar() === '<' && this.peekChar(1) !== '=' && this.peekChar(1) !== '!') {
      this.pos++;
      let name = '';
      while (this.pos < this.cps.length && this.peekChar() !== '>') name += this.take();
      if (this.peekChar() !== '>' || !/^[A-Za-z0-9_]+$/.test(name)) this.fail(`invalid named capture: \`(?P<${name}>\``);
      this.pos++;
      const inner = this.alternation({ ...flags }, depth + 1);
      this.pos++;
      return { source: `(?<${name}>${inner})`, repeatable: true };
    }
    // flags: (?flags) or (?flags:re)
    const set = { ...flags };
    let negate = false;
    let sawFlag = false;
    for (;;) {
      const c = this.peekChar();
      if (c === '') this.fail('missing closing )');
      this.pos++;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        set[c] = !negate;
        this.usedFlags.add(c);
        sawFlag = true;
      } else if (c === '-') {
        if (negate) this.fail('invalid or unsupported Perl syntax: `(?-`');
        negate = true;
        sawFlag = false;
      } else if (c === ':') {
        const inner = this.alternation(set, depth + 1);
        this.pos++;
        return { source: `(?:${inner})`, repeatable: true };
      } else if (c === ')') {
        if (!sawFlag && negate) this.fail('invalid or unsupported Perl syntax: `(?-)`');
        // applies to the rest of the enclosing group
        Object.assign(flags, set);
        return null;
      } else {
        this.fail(`invalid or unsupported Perl syntax: \`(?${c}\``);
      }
    }
  }

  private escape(flags: Flags): { source: string; repeatable: boolean } {
    this.pos++; // backslash
    const c = this.peekChar();
    if (c === '') this.fail('trailing backslash at end of expression');
    this.pos++;
    switch (c) {
      case 'A':
        return { source: '^', repeatable: false };
      case 'z':
        return { source: '$', repeatable: false };
      case 'b':
        return { source: '\\b', repeatable: false };
      case 'B':
        return { source: '\\B', repeatable: false };
      case 'Q': {
        let text = '';
        while (this.pos < this.cps.length && !(this.peekChar() === '\\' && this.peekChar(1) === 'E')) {
          text += this.literalWithCase(this.peek() as number, flags);
          this.pos++;
        }
        if (this.pos < this.cps.length) this.pos += 2;
        return { source: text === '' ? '(?:)' : `(?:${text})`, repeatable: true };
      }
      case 'd':
      case 's':
      case 'w':
      case 'D':
      case 'S':
      case 'W':
      case 'p':
      case 'P': {
        this.pos -= 2; // back to the backslash
        const cls = this.classEscape();
        return { source: classSource(this.caseClass(cls, flags)), repeatable: true };
      }
      default: {
        this.pos--;
        const cp = this.escapedCodePoint();
        return { source: this.literalWithCase(cp, flags), repeatable: true };
      }
    }
  }

  /** A character escape (the backslash already read): its code point. */
  private escapedCodePoint(): number {
    const c = this.peekChar();
    this.pos++;
    switch (c) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'v':
        return 11;
      case 'x': {
        if (this.peekChar() === '{') {
          let hex = '';
          this.pos++;
          while (this.pos < this.cps.length && this.peekChar() !== '}') hex += this.take();
          const closed = this.take() === '}';
          const v = Number.parseInt(hex, 16);
          if (!closed || !/^[0-9A-Fa-f]+$/.test(hex) || v > MAX_CODE_POINT) this.fail('invalid escape sequence: `\\x{`');
          return v;
        }
        const hex = this.peekChar() + this.peekChar(1);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.fail('invalid escape sequence: `\\x`');
        this.pos += 2;
        return Number.parseInt(hex, 16);
      }
      default:
        if (c >= '0' && c <= '7') {
          // octal: \0, \012 (up to three digits); \1-\9 alone would be a back-reference, which Go has not
          if (c !== '0' && !(this.peekChar() >= '0' && this.peekChar() <= '7')) this.fail(`invalid escape sequence: \`\\${c}\``);
          let oct = c;
          while (oct.length < 3 && this.peekChar() >= '0' && this.peekChar() <= '7') oct += this.take();
          return Number.parseInt(oct, 8);
        }
        // punctuation escapes itself; letters and digits other than the above are errors in Go
        if (/^[A-Za-z0-9]$/.test(c)) this.fail(`invalid escape sequence: \`\\${c}\``);
        return c.codePointAt(0) as number;
    }
  }

  /** \d \s \w (and negations), \pX, \p{Name}, \PX: at the backslash. */
  private classEscape(): CharClass {
    this.pos++; // backslash
    const c = this.peekChar();
    this.pos++;
    const lower = c.toLowerCase();
    if (lower === 'd' || lower === 's' || lower === 'w') {
      return { ranges: (PERL[lower] as [number, number][]).map((r) => [...r] as [number, number]), properties: [], negated: c !== lower };
    }
    // \p and \P
    let name: string;
    if (this.peekChar() === '{') {
      this.pos++;
      name = '';
      while (this.pos < this.cps.length && this.peekChar() !== '}') name += this.take();
      if (this.peekChar() !== '}') this.fail('invalid character class range: `\\p{`');
      this.pos++;
    } else {
      name = this.peekChar();
      this.pos++;
    }
    let negated = c === 'P';
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    if (name === 'Any') return { ranges: [[0, MAX_CODE_POINT]], properties: [], negated };
    if (!/^[A-Za-z_]+$/.test(name)) this.fail(`invalid character class range: \`\\p{${name}}\``);
    const prop = CATEGORIES.has(name) ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${prop}}`, 'u');
    } catch {
      this.fail(`invalid character class range: \`\\p{${name}}\``);
    }
    return { ranges: [], properties: [negated ? `\\P{${prop}}` : `\\p{${prop}}`], negated: false };
  }

  /** A bracketed class, at the `[`. */
  private charClass(): CharClass {
    this.pos++; // [
    let negated = false;
    if (this.peekChar() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: [number, number][] = [];
    const properties: string[] = [];
    let first = true;
    for (;;) {
      const c = this.peekChar();
      if (c === '') this.fail('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (c === '[' && this.peekChar(1) === ':') {
        // [:name:] or [:^name:]
        let end = this.pos + 2;
        while (end + 1 < this.cps.length && !(this.cps[end] === 0x3a && this.cps[end + 1] === 0x5d)) end++;
        if (end + 1 < this.cps.length) {
          let name = String.fromCodePoint(...this.cps.slice(this.pos + 2, end));
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const set = POSIX[name];
          if (set === undefined) this.fail(`invalid character class range: \`[:${name}:]\``);
          ranges.push(...(neg ? complement(set) : set));
          this.pos = end + 2;
          continue;
        }
      }
      if (c === '\\' && 'dswDSWpP'.includes(this.peekChar(1))) {
        const cls = this.classEscape();
        if (cls.properties.length > 0) properties.push(...cls.properties);
        else ranges.push(...(cls.negated ? complement(cls.ranges) : cls.ranges));
        continue;
      }
      const lo = this.classChar();
      if (this.peekChar() === '-' && this.peekChar(1) !== ']' && this.peekChar(1) !== '') {
        this.pos++;
        const hi = this.classChar();
        if (hi < lo) this.fail('invalid character class range');
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    return { ranges, properties, negated };
  }

  private classChar(): number {
    const c = this.peekChar();
    if (c === '\\') {
      this.pos++;
      return this.escapedCodePoint();
    }
    this.pos++;
    return c.codePointAt(0) as number;
  }

  /** Go folds a class under (?i); a negated class is complemented first so that folding happens on what it matches. */
  private caseClass(c: CharClass, flags: Flags): CharClass {
    if (!flags.i || c.properties.length > 0) return c;
    if (c.negated) return { ranges: complement(foldRanges(c.ranges)), properties: [], negated: false };
    return { ranges: foldRanges(c.ranges), properties: [], negated: false };
  }
}

export interface TranslatedRegExp {
  source: string;
  flags: string;
}

/**
 * The JavaScript equivalent of a Go regular expression: source and flags for `new RegExp`. Throws GoRegExpError for a
 * pattern Go does not compile.
 */
export function translateGoRegExp(pattern: string): TranslatedRegExp {
  // Flags that are set at the very start and never changed again become JavaScript flags (the common `(?i)` case);
  // otherwise they are applied where they hold.
  const lead = /^(\^?)\(\?([imsU]+)\)/.exec(pattern);
  if (lead !== null) {
    const rest = `${lead[1]}${pattern.slice(lead[0].length)}`;
    const probe = new Translator(rest, { i: false, m: false, s: false, U: false });
    probe.translate();
    const global = lead[2] as string;
    if (probe.usedFlags.size === 0 && !global.includes('U') && !global.includes('m')) {
      const t = new Translator(rest, { i: false, m: false, s: global.includes('s'), U: false });
      return { source: t.translate(), flags: global.includes('i') ? 'iu' : 'u' };
    }
  }
  const t = new Translator(pattern, { i: false, m: false, s: false, U: false });
  return { source: t.translate(), flags: 'u' };
}

const compiled = new Map<string, RegExp | Error>();

/**
 * A RegExp that matches what Go's regexp.MatchString(pattern, …) matches (cached). Throws GoRegExpError for a pattern
 * Go rejects, and a plain Error when the translation of a pattern Go accepts is not a valid JavaScript pattern (a
 * shortcoming of this translator, said as such rather than taken for an invalid schema).
 */
export function goRegExp(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (r === undefined) {
    let t: TranslatedRegExp | undefined;
    try {
      t = translateGoRegExp(pattern);
      r = new RegExp(t.source, t.flags);
    } catch (err) {
      r = err instanceof GoRegExpError ? err : new Error(`the Go regular expression \`${pattern}\` could not be translated to JavaScript (${t?.source ?? ''}): ${(err as Error).message}`);
    }
    compiled.set(pattern, r);
  }
  if (r instanceof Error) throw r;
  return r;
}
