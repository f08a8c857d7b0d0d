// Where a finding's JSON pointer is in the text: its line and column in the file, and for chart renders the line
// within the rendered template (after helm's `# Source:` line). The document is parsed again with positions only
// for objects that have findings.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
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

/**
 * Sets `position` (line and column in the file) and, for documents with a `# Source:` line, `templateLine` on each
 * finding. `textOf` gives the text of the finding's document (undefined when it cannot be read again).
 */
export function locateFindings(findings: Finding[], textOf: (f: Finding) => string | undefined): void {
  const parsed = new Map<string, { root: Node | null; lines: LineCounter; sourceLine: number } | null>();
  for (const f of findings) {
    const key = `${f.file}\0${f.docIndex}\0${f.line}`;
    let doc = parsed.get(key);
    if (doc === undefined) {
      const text = textOf(f);
      if (text === undefined) doc = null;
      else {
        const lines = new LineCounter();
        const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', strict: false, uniqueKeys: false });
        const first = Array.isArray(docs) ? docs[0] : undefined;
        const m = /^# Source: .*$/m.exec(text);
        doc = first === undefined ? null : { root: first.contents as Node | null, lines, sourceLine: m === null ? 0 : text.slice(0, m.index).split('\n').length };
      }
      parsed.set(key, doc);
    }
    if (doc === null) continue;
    const node = nodeAt(doc.root, f.pointer);
    if (node?.range === undefined || node.range === null) continue;
    const pos = doc.lines.linePos(node.range[0]);
    f.position = { line: f.line + pos.line - 1, column: pos.col };
    if (doc.sourceLine > 0) f.templateLine = pos.line - doc.sourceLine;
  }
}
