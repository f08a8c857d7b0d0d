// Parses YAML while keeping positions, so a JSON pointer found by schema validation maps back to a line.
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { HelmforgeError, type Problem } from './errors.js';

export interface YamlSource {
  file: string;
  value: unknown;
  /** Position of the value at a JSON pointer, or of its key with `{ key: true }` (for unknown keys). */
  locate(pointer: string, options?: { key?: boolean }): { line: number; column: number } | undefined;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, message: e.message.split('\n')[0] ?? e.message, hint: 'fix the YAML syntax at this position' };
  });
  if (doc.errors.length) throw new HelmforgeError(`${file} is not valid YAML`, problems);
  return {
    file,
    value: doc.toJS({ maxAliasCount: 100 }),
    locate(pointer, options) {
      const node = nodeAt(doc, pointer, options?.key ?? false);
      if (!node?.range) return undefined;
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    },
  };
}

/** The deepest node on the pointer's path that exists (a missing key points at its parent). */
function nodeAt(doc: Document, pointer: string, wantKey: boolean): Node | undefined {
  let node = doc.contents as Node | null;
  if (!node) return undefined;
  const parts = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const [i, part] of parts.entries()) {
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === part);
      if (!pair) return node;
      node = wantKey && i === parts.length - 1 ? (pair.key as Node) : ((pair.value as Node | null) ?? (pair.key as Node));
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}
