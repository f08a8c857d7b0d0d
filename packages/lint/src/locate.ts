// Where a finding's JSON pointer is in the text: its line and column in the file, and for chart renders the line
// within the rendered template (after helm's `# Source:` line). Block-style YAML is walked line by line
// (block-locate.ts); a document that leaves block style is parsed again with positions, once.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { indexLines, locateInBlockYaml, type IndexedLines, type Position } from './block-locate.js';
import type { Finding } from './types.js';

/** The deepest node on the pointer's path that exists (a missing key points at its parent). */
function nodeAt(root: Node | null, pointer: string): Node | undefined {
  let node = root;
  if (node === null) return undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (pair === undefined) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (item === undefined) return node;
      node = item;
    } else return node;
  }
  return node;
}

/** A document parsed with positions (for pointers the line walk cannot follow). */
function parsedLocator(text: string): (pointer: string) => Position | undefined {
  const lines = new LineCounter();
  const first = parseAllDocuments(text, { lineCounter: lines, version: '1.1', strict: false, uniqueKeys: false });
  const doc = Array.isArray(first) ? first[0] : undefined;
  return (pointer) => {
    const node = doc === undefined ? undefined : nodeAt(doc.contents as Node | null, pointer);
    if (node?.range === undefined || node.range === null) return undefined;
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
}

/** The lines of a file or render, and where in them a finding's document starts (0-based index). */
export interface DocumentLines {
  lines: readonly string[];
  first: number;
  /** Lines of the file before `lines[0]` (when `lines` is only part of it, e.g. one streamed document). */
  offset?: number;
  /** Where the document ends in `lines` (exclusive), when known (else at the next document marker). */
  end?: number;
}

/**
 * The lines of a whole file, cut into documents on demand: a run that finds something in a few documents of a large
 * file splits only those into lines. A document runs from its first line to the next document marker (`---`).
 */
export class FileText {
  /** Where each line starts, as far as worked out. */
  private starts = new Int32Array(1024);
  private lineCount = 1;
  private scanned = 0;

  constructor(private readonly text: string) {}

  /** The lines of the document that starts on line `first` (0-based), counted from `first` on. */
  document(first: number): DocumentLines | undefined {
    if (!this.scanTo(first)) return undefined;
    let end = first + 1;
    while (this.scanTo(end) && !this.isMarker(end)) end++;
    const to = end < this.lineCount ? (this.starts[end] as number) - 1 : this.text.length;
    const lines = this.text.slice(this.starts[first], to).split('\n');
    return { lines, first: 0, offset: first, end: lines.length };
  }

  /** Works out line starts up to line `line`; false when the text has fewer lines. */
  private scanTo(line: number): boolean {
    while (this.lineCount <= line) {
      if (this.scanned >= this.text.length) return false;
      const nl = this.text.indexOf('\n', this.scanned);
      if (nl === -1) {
        this.scanned = this.text.length;
        return false;
      }
      if (this.lineCount === this.starts.length) {
        const grown = new Int32Array(this.starts.length * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[this.lineCount++] = nl + 1;
      this.scanned = nl + 1;
    }
    return true;
  }

  /** A document marker: `---` alone on its line or before a space (as the block walk steps over it). */
  private isMarker(line: number): boolean {
    const s = this.starts[line] as number;
    if (!this.text.startsWith('---', s)) return false;
    const c = this.text.charCodeAt(s + 3);
    return Number.isNaN(c) || c === 10 || c === 32 || c === 13;
  }
}

/**
 * Sets `position` (line and column in the file) and, for documents with a `# Source:` line, `templateLine` on each
 * finding. `linesOf` gives the lines the finding's document is in (undefined when they cannot be read again); a
 * position's line is counted in those lines.
 */
export function locateFindings(findings: Finding[], linesOf: (f: Finding) => DocumentLines | undefined): void {
  // a file at a time (linesOf may keep only the file it was last asked for); within it, the lines of each text are
  // indexed once (as far as the walks go), each document's end and `# Source:` line found once, and each pointer of
  // a document located once
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list === undefined) byFile.set(f.file, [f]);
    else list.push(f);
  }
  for (const list of byFile.values()) locateInFile(list, linesOf);
}

interface Doc {
  from: number;
  to: number;
  /** The `# Source:` line, or -1. */
  source: number;
  offset: number;
  index: IndexedLines;
  /** The pointers located so far, and where (a document has a few findings: a list is quicker than a map). */
  pointers: string[];
  positions: (Position | undefined)[];
  parsed?: (pointer: string) => Position | undefined;
}

function documentOf(d: DocumentLines, index: IndexedLines): Doc {
  // helm writes `# Source:` among the comments a document starts with
  let source = -1;
  for (let i = d.first; i < d.lines.length && index.indent(i) === -1; i++) {
    if ((d.lines[i] as string).startsWith('# Source: ')) {
      source = i;
      break;
    }
  }
  const to = d.end ?? (d.first < d.lines.length ? index.markerAfter(d.first) : d.first);
  return { from: d.first, to, source, offset: d.offset ?? 0, index, pointers: [], positions: [] };
}

function positionIn(doc: Doc, pointer: string): Position | undefined {
  const known = doc.pointers.indexOf(pointer);
  if (known !== -1) return doc.positions[known];
  let pos = locateInBlockYaml(doc.index, pointer, doc.from, doc.to);
  if (pos === undefined) {
    const parsed = (doc.parsed ??= parsedLocator(doc.index.lines.slice(doc.from, doc.to).join('\n')))(pointer);
    pos = parsed === undefined ? undefined : { line: parsed.line + doc.from, column: parsed.column };
  }
  doc.pointers.push(pointer);
  doc.positions.push(pos);
  return pos;
}

function locateInFile(findings: Finding[], linesOf: (f: Finding) => DocumentLines | undefined): void {
  // the documents of a file often share one list of lines (a render, a file read whole): indexed once
  let lastLines: readonly string[] | undefined;
  let lastIndex: IndexedLines | undefined;
  const docs = new Map<number, Doc | null>();
  for (const f of findings) {
    let doc = docs.get(f.docIndex);
    if (doc === undefined) {
      const d = linesOf(f);
      if (d === undefined) doc = null;
      else {
        if (d.lines !== lastLines || lastIndex === undefined) {
          lastLines = d.lines;
          lastIndex = indexLines(d.lines);
        }
        doc = documentOf(d, lastIndex);
      }
      docs.set(f.docIndex, doc);
    }
    if (doc === null) continue;
    const pos = positionIn(doc, f.pointer);
    if (pos === undefined) continue;
    f.position = { line: pos.line + doc.offset, column: pos.column };
    if (doc.source !== -1) f.templateLine = pos.line - 1 - doc.source;
  }
}
