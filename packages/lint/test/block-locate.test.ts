// The line walk that locates findings in block-style YAML answers what the YAML parser answers, for every node of
// every fixture, the rendered platform and hand-made corner cases (or leaves the document to the parser).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { indexText, locateInBlockYaml } from '../src/block-locate.js';
import { FIXTURES } from './fixtures.js';

function parserPosition(root: Node | null, lines: LineCounter, pointer: string): string | undefined {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (pair === undefined) break;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node)) {
      const item = node.items[Number(part)] as Node | undefined;
      if (item === undefined) break;
      node = item;
    } else break;
  }
  if (node?.range === undefined || node.range === null) return undefined;
  const p = lines.linePos(node.range[0]);
  return `${p.line}:${p.col}`;
}

function pointers(v: unknown, base: string, out: string[]): string[] {
  out.push(base);
  if (Array.isArray(v)) v.forEach((x, i) => pointers(x, `${base}/${i}`, out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pointers(x, `${base}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

function compare(text: string): { same: number; parser: number } {
  let same = 0;
  let parser = 0;
  // each document is walked alone, and again where it is in the whole text (the lines after the marker before it)
  const whole = indexText(text);
  let at = 0;
  for (const docText of text.split(/^---[ \t]*$/m)) {
    const first = at === 0 ? 0 : text.slice(0, at).split('\n').length - 1;
    at += docText.length + 3 + (text.slice(at + docText.length + 3).match(/^[ \t]*/)?.[0].length ?? 0);
    const lines = new LineCounter();
    const doc = parseAllDocuments(docText, { lineCounter: lines })[0];
    if (doc === undefined || !('contents' in doc) || doc.errors.length > 0) continue;
    const value: unknown = doc.toJS();
    if (value === null || typeof value !== 'object') continue;
    for (const p of [...pointers(value, '', []), '/nothing', '/spec/nothing/deeper']) {
      const expected = parserPosition(doc.contents as Node | null, lines, p);
      const got = locateInBlockYaml(indexText(docText), p);
      const inWhole = locateInBlockYaml(whole, p, first, first + docText.split('\n').length);
      expect(inWhole === undefined ? undefined : { line: inWhole.line - first, column: inWhole.column }, p).toEqual(got);
      if (got === undefined) parser++;
      else {
        expect(`${got.line}:${got.column}`, p).toBe(expected);
        same++;
      }
    }
  }
  return { same, parser };
}

const yamlFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? yamlFiles(join(dir, f)) : /\.ya?ml$/.test(f) ? [join(dir, f)] : []));

describe('locateInBlockYaml', () => {
  it('agrees with the parser on every node of the rule fixtures and of the generated charts\' ci scenarios', () => {
    let total = { same: 0, parser: 0 };
    for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(join(import.meta.dirname, '..', '..', '..', 'charts', 'platform', 'ci'))]) {
      const r = compare(readFileSync(file, 'utf8'));
      total = { same: total.same + r.same, parser: total.parser + r.parser };
    }
    expect(total.same).toBeGreaterThan(3000);
  });

  it('reads lines ending in CRLF as the parser does', () => {
    const text = readFileSync(join(FIXTURES, 'latest-tag', 'bad.yaml'), 'utf8').replace(/\n/g, '\r\n');
    expect(compare(text).same).toBeGreaterThan(20);
  });

  it('walks block style to the end: nested sequences, compact sequences, quoted keys, comments, block scalars, nulls', () => {
    const text = [
      '# a comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: x   # trailing',
      '  "quoted/key": yes',
      "  'single': 1",
      'list:',
      '- a',
      '-   b',
      '- - c',
      '  - d',
      '-',
      '  e: 1',
      'data:',
      '  script: |',
      '    - not: a key',
      '  empty:',
      '  after: 2',
      'tail: [1, 2]',
    ].join('\n');
    const r = compare(text);
    expect(r.parser).toBe(2); // the two items of the flow sequence at the end
    expect(r.same).toBeGreaterThan(15);
  });
});
