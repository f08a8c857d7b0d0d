// Where a finding's JSON pointer is in the text: its line and column in the file, and for chart renders the line
// within the rendered template (after helm's `# Source:` line). Block-style YAML is walked line by line
// (block-locate.ts); a document that leaves block style is parsed again with positions, once.
export { IndexedText, indexText } from './block-locate.js';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { IndexedText, locateInBlockYaml, type Position } from './block-locate.js';
import { segmentsOf } from './k8s/values.js';
import type { Finding } from './types.js';

/** The deepest node on the pointer's path that exists (a missing key points at its parent). */
function nodeAt(root: Node | null, pointer: string): Node | undefined {
  let node = root;
  if (node === null) return undefined;
  for (const part of segmentsOf(pointer)) {
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

/** The text a finding's document is in (a file, a render, or the document alone), and where in it the document is. */
export interface DocumentText {
  /** The text, indexed (one for all the documents of a text: its lines are worked out once). */
  text: IndexedText;
  /** The 0-based line where the document starts in the text. */
  first: number;
  /** Lines of the file before the text's first line (when the text is only part of it, e.g. one document). */
  offset?: number;
  /** Where the document ends in the text (exclusive line), when known (else at the next document marker). */
  end?: number;
}

/**
 * Sets `position` (line and column in the file) and, for documents with a `# Source:` line, `templateLine` on each
 * finding. `textOf` gives the text the finding's document is in (undefined when it cannot be read again); a
 * position's line is counted in that text (plus its offset).
 */
export function locateFindings(findings: Finding[], textOf: (f: Finding) => DocumentText | undefined): void {
  // a file at a time (textOf may keep only the file it was last asked for); each document's end and `# Source:` line
  // found once, and each pointer of a document located once
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list === undefined) byFile.set(f.file, [f]);
    else list.push(f);
  }
  for (const list of byFile.values()) locateInFile(list, textOf);
}

interface Doc {
  from: number;
  to: number;
  /** The `# Source:` line, or -1. */
  source: number;
  offset: number;
  text: IndexedText;
  /** The pointers located so far, and where (a document has a few findings: a list is quicker than a map). */
  pointers: string[];
  positions: (Position | undefined)[];
  parsed?: (pointer: string) => Position | undefined;
}

function documentOf(d: DocumentText): Doc {
  const t = d.text;
  // helm writes `# Source:` among the comments a document starts with
  let source = -1;
  for (let i = d.first; t.has(i) && t.indent(i) === -1; i++) {
    if (t.text.startsWith('# Source: ', t.start(i))) {
      source = i;
      break;
    }
  }
  const to = d.end ?? (t.has(d.first) ? t.markerAfter(d.first) : d.first);
  return { from: d.first, to, source, offset: d.offset ?? 0, text: t, pointers: [], positions: [] };
}

function positionIn(doc: Doc, pointer: string): Position | undefined {
  const known = doc.pointers.indexOf(pointer);
  if (known !== -1) return doc.positions[known];
  let pos = locateInBlockYaml(doc.text, pointer, doc.from, doc.to);
  if (pos === undefined) {
    const parsed = (doc.parsed ??= parsedLocator(doc.text.slice(doc.from, doc.to)))(pointer);
    pos = parsed === undefined ? undefined : { line: parsed.line + doc.from, column: parsed.column };
  }
  doc.pointers.push(pointer);
  doc.positions.push(pos);
  return pos;
}

function locateInFile(findings: Finding[], textOf: (f: Finding) => DocumentText | undefined): void {
  const docs = new Map<number, Doc | null>();
  for (const f of findings) {
    let doc = docs.get(f.docIndex);
    if (doc === undefined) {
      const d = textOf(f);
      doc = d === undefined ? null : documentOf(d);
      docs.set(f.docIndex, doc);
    }
    if (doc === null) continue;
    const pos = positionIn(doc, f.pointer);
    if (pos === undefined) continue;
    f.position = { line: pos.line + doc.offset, column: pos.column };
    if (doc.source !== -1) f.templateLine = pos.line - 1 - doc.source;
  }
}
