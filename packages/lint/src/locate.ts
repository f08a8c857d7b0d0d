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
}

/**
 * Sets `position` (line and column in the file) and, for documents with a `# Source:` line, `templateLine` on each
 * finding. `linesOf` gives the lines the finding's document is in (undefined when they cannot be read again); a
 * position's line is counted in those lines.
 */
export function locateFindings(findings: Finding[], linesOf: (f: Finding) => DocumentLines | undefined): void {
  // the lines of each file or render are indexed once (as far as the walks go); each document's end and `# Source:`
  // line found once, and each pointer of a document located once
  const files = new Map<readonly string[], IndexedLines>();
  type Doc = { from: number; to: number; source: number; offset: number; index: IndexedLines; at: Map<string, Position | undefined>; parsed?: (pointer: string) => Position | undefined } | null;
  const byFile = new Map<string, Map<number, Doc>>();
  for (const f of findings) {
    let docs = byFile.get(f.file);
    if (docs === undefined) byFile.set(f.file, (docs = new Map()));
    const key = f.docIndex;
    let doc = docs.get(key);
    if (doc === undefined) {
      const d = linesOf(f);
      if (d === undefined) doc = null;
      else {
        let index = files.get(d.lines);
        if (index === undefined) files.set(d.lines, (index = indexLines(d.lines)));
        // helm writes `# Source:` among the comments a document starts with
        let source = -1;
        for (let i = d.first; i < d.lines.length && index.indent(i) === -1; i++) {
          if ((d.lines[i] as string).startsWith('# Source: ')) {
            source = i;
            break;
          }
        }
        doc = { from: d.first, to: d.first < d.lines.length ? index.markerAfter(d.first) : d.first, source, offset: d.offset ?? 0, index, at: new Map() };
      }
      docs.set(key, doc);
    }
    if (doc === null) continue;
    let pos = doc.at.get(f.pointer);
    if (pos === undefined && !doc.at.has(f.pointer)) {
      pos = locateInBlockYaml(doc.index, f.pointer, doc.from, doc.to);
      if (pos === undefined) {
        const d = doc;
        const parsed = (d.parsed ??= parsedLocator(d.index.lines.slice(d.from, d.to).join('\n')))(f.pointer);
        pos = parsed === undefined ? undefined : { line: parsed.line + d.from, column: parsed.column };
      }
      doc.at.set(f.pointer, pos);
    }
    if (pos === undefined) continue;
    f.position = { line: pos.line + doc.offset, column: pos.column };
    if (doc.source !== -1) f.templateLine = pos.line - 1 - doc.source;
  }
}
