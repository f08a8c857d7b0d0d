// Parses YAML while keeping positions, so a JSON pointer found by schema validation maps back to a line. Every problem
// of the input is one line naming the file, line and column: bytes that are not UTF-8, YAML syntax, a key repeated in a
// mapping, a second document, too many aliases.
//
// Parsing stays linear in time and small in memory for large files (a 5 MB stack file: `npm run bench`). The yaml
// library is the parser of record — its positions and its wording of every problem — but its document model costs
// about 40 bytes of memory per byte of input and a second per 5 MB, and its uniqueKeys check compares every key of a
// mapping with every other one. So js-yaml parses first (YAML 1.2 core schema, as yaml's default, and no aliases:
// those go through yaml's alias-expansion limit), and problems are located from its parser events (yaml-locate.ts);
// the yaml document is built only when js-yaml refused the text, to word why (a repeated key is found in js-yaml's
// events where they can say it as the yaml library would, see firstRepeatedKey).
import { isUtf8 } from 'node:buffer';
import { CORE_SCHEMA, load as loadFast, YAMLException } from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { HelmforgeError, type Problem } from './errors.js';
import { eventLocator, firstRepeatedKey, lineAndColumn } from './yaml-locate.js';

export interface YamlSource {
  file: string;
  value: unknown;
  /** Position of the value at a JSON pointer, or of its key with `{ key: true }` (for unknown keys). */
  locate(pointer: string, options?: { key?: boolean }): { line: number; column: number } | undefined;
}

/** Most aliases a document may expand (the yaml library's guard against "billion laughs" documents). */
const MAX_ALIASES = 100;

/** UTF-8 text of a file's bytes, without a leading byte-order mark; invalid UTF-8 is an error at its line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) {
    const at = firstInvalidByte(buffer);
    const lineStart = buffer.lastIndexOf(0x0a, at - 1) + 1;
    const line = buffer.subarray(0, lineStart).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    const column = [...buffer.toString('utf8', lineStart, at)].length + 1;
    const hex = buffer[at]?.toString(16).padStart(2, '0') ?? '';
    throw new HelmforgeError(`${file}:${line}:${column}: the byte 0x${hex} is not UTF-8 text; save the file as UTF-8`);
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the text is known to have one). */
function firstInvalidByte(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const [len, min] = c < 0x80 ? [1, 0] : c >= 0xc2 && c <= 0xdf ? [2, 0x80] : c >= 0xe0 && c <= 0xef ? [3, 0x800] : c >= 0xf0 && c <= 0xf4 ? [4, 0x10000] : [0, 0];
    if (len === 0 || i + len > b.length) return i;
    let cp = len === 1 ? c : c & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const cont = b[i + k] as number;
      if ((cont & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return i;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  let value: unknown;
  try {
    // 0 aliases: a document with aliases is parsed by yaml, which bounds how far they expand
    value = loadFast(text, { schema: CORE_SCHEMA, maxAliases: 0 });
  } catch (error) {
    // a repeated key (5 MB of environment variables with one twice) is found in js-yaml's events, without the yaml
    // library's document: that would take ~40 bytes of memory per byte of the file
    const repeated = error instanceof YAMLException && error.reason === 'duplicated mapping key' ? firstRepeatedKey(text, error.mark?.position ?? -1) : undefined;
    if (repeated !== undefined) throw repeatedKeyError(file, repeated.key, lineAndColumn(text, repeated.offset), lineAndColumn(text, repeated.firstOffset).line);
    return parseWithPositions(text, file); // words the problem, or parses what js-yaml does not take
  }
  return { file, value, locate: eventLocator(text) };
}

/** The yaml library's parse, with positions: slower and larger, for locating problems and for text js-yaml refused. */
export function parseWithPositions(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const second = doc.errors.find((e) => e.code === 'MULTIPLE_DOCS');
  if (second !== undefined) {
    const { line, column } = at(second.pos[0]);
    throw new HelmforgeError(`${file}:${line}:${column}: a second YAML document starts here, and a stack file is one document; remove this --- line and what follows it, or merge it into the first`);
  }
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => ({ ...at(e.pos[0]), message: e.message.split('\n')[0] ?? e.message, hint: 'fix the YAML syntax at this position' }));
  if (doc.errors.length) throw new HelmforgeError(`${file} is not valid YAML`, problems);
  const duplicate = firstDuplicateKey(doc);
  if (duplicate !== undefined) {
    throw repeatedKeyError(file, duplicate.key, at(duplicate.offset), lineCounter.linePos(duplicate.firstOffset).line);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    // "Excessive alias count …" or an alias to an anchor that is not (yet) defined
    const alias = firstAlias(doc);
    const where = alias !== undefined ? `${file}:${at(alias).line}:${at(alias).column}` : file;
    throw new HelmforgeError(
      /alias count/i.test(error.message)
        ? `${where}: its aliases expand to too much data (more than ${MAX_ALIASES} alias nodes to resolve); write the values out instead of through anchors and aliases`
        : `${where}: ${error.message.split('\n')[0]}; define the anchor before the alias that uses it`,
    );
  }
  return {
    file,
    value,
    locate(pointer, options) {
      const node = nodeAt(doc, pointer, options?.key ?? false);
      if (!node?.range) return undefined;
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    },
  };
}

function repeatedKeyError(file: string, key: string, { line, column }: { line: number; column: number }, firstLine: number): HelmforgeError {
  return new HelmforgeError(`${file}:${line}:${column}: the key "${key}" is already in this mapping (line ${firstLine}); keep one of them`);
}

/** The first key that a mapping repeats (scalar keys, compared by value as the library does), in one pass. */
function firstDuplicateKey(doc: Document): { key: string; offset: number; firstOffset: number } | undefined {
  let found: { key: string; offset: number; firstOffset: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        const offset = pair.key.range?.[0] ?? 0;
        const first = seen.get(key);
        if (first !== undefined) {
          found = { key: String(key), offset, firstOffset: first };
          return visit.BREAK;
        }
        seen.set(key, offset);
      }
      return undefined;
    },
  });
  return found;
}

function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node)) offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
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
