import { describe, expect, it } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseManifest, readResources, splitStream, splitText, type RawDocument } from '../src/index.js';
import { FIXTURES, seededRandom } from './helpers.js';

/**
 * Kubernetes' splitYAMLDocument as kubeconform runs it (bufio.Scanner over the data): documents and where they start.
 * One case is left as helmforge has it: data ending in a separator line without a newline (`…\n---x`), where the
 * scanner stops without a last token and kubeconform loses the document before it; helmforge keeps that document.
 */
function kubeconformDocuments(data: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let at = 0;
  while (at < data.length) {
    const rest = data.slice(at);
    const i = rest.indexOf('\n---');
    if (i === -1) {
      out.push({ text: rest, offset: at });
      break;
    }
    out.push({ text: rest.slice(0, i), offset: at });
    const j = rest.indexOf('\n', i + 4);
    if (j === -1) break;
    at += j + 1;
  }
  return out;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

describe('resource stream', () => {
  it("splits where kubeconform splits: a leading or trailing --- makes no empty document, --- twice is one separator and a marker", () => {
    const text = '---\n# Source: chart/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\n---\n---\n# Source: chart/templates/b.yaml\napiVersion: v1\nkind: Secret\n---\n';
    const docs = splitText('out.yaml', text);
    expect(docs.map((d) => [d.docIndex, d.line, d.source, d.text])).toEqual([
      [0, 1, 'chart/templates/a.yaml', '---\n# Source: chart/templates/a.yaml\napiVersion: v1\nkind: ConfigMap'],
      [1, 6, 'chart/templates/b.yaml', '---\n# Source: chart/templates/b.yaml\napiVersion: v1\nkind: Secret'],
    ]);
  });

  it('a zero-length document is dropped in a file (which still counts, as one empty document when it has nothing else) and kept on stdin', () => {
    const text = 'a: 1\n---\n\n---\nb: 2\n';
    expect(splitText('f.yaml', text).map((d) => d.text)).toEqual(['a: 1', 'b: 2\n']);
    expect(splitText('stdin', text, { asFile: false }).map((d) => d.text)).toEqual(['a: 1', '', 'b: 2\n']);
    expect(splitText('f.yaml', '').map((d) => d.text)).toEqual(['']);
    expect(splitText('stdin', '', { asFile: false })).toEqual([]);
  });

  it('gives the documents and lines of kubeconform, whatever the chunks of the stream (random texts)', async () => {
    const next = seededRandom(11);
    const lines = ['a: 1', '---', '----', '--- x', '---\t', ' ---', '', '# c', 'b: [1,', '  2]', '...'];
    for (let n = 0; n < 400; n++) {
      const count = Math.floor(next() * 9);
      let text = Array.from({ length: count }, () => lines[Math.floor(next() * lines.length)]).join('\n');
      if (next() < 0.7) text += '\n';
      for (const asFile of [true, false]) {
        const expected = kubeconformDocuments(text).filter((d) => !asFile || d.text.length > 0);
        const want = expected.length === 0 && asFile ? [{ text: '', line: 1 }] : expected.map((d) => ({ text: d.text, line: lineAt(text, d.offset) }));
        // whole, and in chunks of random sizes (separators and lines cut anywhere)
        const chunks: Buffer[] = [];
        for (let at = 0; at < text.length; ) {
          const size = 1 + Math.floor(next() * 6);
          chunks.push(Buffer.from(text.slice(at, at + size)));
          at += size;
        }
        const streamed: RawDocument[] = [];
        for await (const d of splitStream('s', Readable.from(chunks), { asFile })) streamed.push(d);
        for (const docs of [splitText('s', text, { asFile }), streamed]) {
          expect({ text, docs: docs.map((d) => ({ text: d.text, line: d.line })) }).toEqual({ text, docs: want });
        }
      }
    }
  });

  it('deliberate difference: data ending in a separator line without a newline keeps the document before it (kubeconform\'s scanner stops without a last token and loses it)', () => {
    expect(splitText('f.yaml', 'a: 1\n---x').map((d) => d.text)).toEqual(['a: 1']);
  });

  it('a byte-order mark starting a document is not content (as go-yaml reads it)', () => {
    const bom = '\ufeff';
    for (const d of splitText('bom.yaml', `${bom}apiVersion: v1\nkind: ConfigMap\n---\n${bom}apiVersion: v1\nkind: Secret\n`)) {
      expect(parseManifest(d.text ?? '', { strict: true }).value).toMatchObject({ apiVersion: 'v1' });
    }
  });

  it('walks directories recursively for .yaml, .yml and .json, in a stable order, and honours ignore patterns', async () => {
    const files = new Set<string>();
    for await (const d of readResources([join(FIXTURES, 'manifests', 'dir')])) files.add(d.filename);
    expect([...files].map((f) => f.slice(join(FIXTURES, 'manifests', 'dir').length + 1))).toEqual(['a.yaml', 'sub/b.yml', 'sub/c.json']);
    const kept = new Set<string>();
    for await (const d of readResources([join(FIXTURES, 'manifests', 'dir')], { ignoreFilenamePatterns: ['sub/'] })) kept.add(d.filename);
    expect(kept.size).toBe(1);
  });

  it('reads stdin as a stream', async () => {
    const docs: RawDocument[] = [];
    for await (const d of readResources(['-'], { stdin: Readable.from([Buffer.from('a: 1\n---\nb: 2\n')]) })) docs.push(d);
    expect(docs.map((d) => d.filename)).toEqual(['stdin', 'stdin']);
  });
});

describe('YAML parsing (fast path agrees with the yaml library in YAML 1.1 mode)', () => {
  const samples = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # comment\n  labels: {a: b, "c": \'d\'}\ndata:\n  k: "v\\n\\t\\u00e9"\n  q: \'it\'\'s\'\n',
    'a:\n- 1\n- -2\n- 3.5\n- 1e3\n- yes\n- no\n- on\n- off\n- ~\n- null\n- "yes"\n- 10.0.0.1\n- 1.2.3\n- v1\n- 25%\n',
    'list:\n  - name: a\n    value: b\n  -\n    name: c\n  - [x, y]\n  - {}\n  - []\nafter: 1\n',
    'lit: |\n  line one\n    indented\n\n  line three\nclip: |-\n  text\nkeep: |+\n  text\n\nfold: >\n  a\n  b\n\n  c\nnext: x\n',
    '{"apiVersion": "v1", "kind": "List", "items": [{"a": [1, 2, {"b": null}], "c": true, "d": -0.5}]}',
    'a: "x: y"\nb: \'# not a comment\'\nc: http://example.com/a#frag\nd: a:b\ne: -x\n',
    'nested:\n  deeper:\n    deepest:\n      - a\n      - b:\n          c: d\n',
    'port: 0755\nhex: 0x1F\nbig: 1_000\ntime: 2024-01-01T00:00:00Z\nempty:\n',
  ];
  it.each(samples.map((s, i) => [i, s] as const))('sample %i', (_i, text) => {
    const ours = parseManifest(text, { strict: true });
    expect(ours.ok).toBe(true);
    const lib: unknown = yamlParse(text, {
      version: '1.1',
      customTags: (tags) => tags.filter((t) => (typeof t === 'string' ? t !== 'timestamp' : t.tag !== 'tag:yaml.org,2002:timestamp')),
    });
    expect(ours.value).toEqual(lib);
  });

  it('resolves scalars like sigs.k8s.io/yaml (YAML 1.1)', () => {
    const r = parseManifest('a: yes\nb: off\nc: 0755\nd: "0755"\ne: 1.0\nf: 2024-01-01\n', { strict: false });
    expect(r.value).toEqual({ a: true, b: false, c: 493, d: '0755', e: 1, f: '2024-01-01' });
  });

  it('duplicate keys: an error in strict mode, last one wins otherwise', () => {
    expect(parseManifest('a: 1\na: 2\n', { strict: true })).toMatchObject({ ok: false, error: expect.stringMatching(/line 2: key "a" already set in map$/), value: { a: 2 } });
    expect(parseManifest('a: 1\na: 2\n', { strict: false }).value).toEqual({ a: 2 });
    expect(parseManifest('a: &x 1\na: 2\n', { strict: true })).toMatchObject({ ok: false, error: expect.stringMatching(/line 2: key "a" already set in map$/) });
  });
});
