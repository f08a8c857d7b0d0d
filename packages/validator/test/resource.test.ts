import { describe, expect, it } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseManifest, readResources, splitStream, splitText, type RawDocument } from '../src/index.js';
import { FIXTURES } from './helpers.js';

describe('resource stream', () => {
  it('splits multi-document YAML, keeps document index, start line and the helm # Source path, and skips nothing', () => {
    const text = '---\n# Source: chart/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\n---\n\n---\n# Source: chart/templates/b.yaml\napiVersion: v1\nkind: Secret\n';
    const docs = splitText('out.yaml', text);
    expect(docs.map((d) => [d.docIndex, d.line, d.source])).toEqual([
      [0, 1, undefined],
      [1, 2, 'chart/templates/a.yaml'],
      [2, 6, undefined],
      [3, 8, 'chart/templates/b.yaml'],
    ]);
    expect(docs[1]?.text).toContain('kind: ConfigMap');
  });

  it('gives the same documents whatever the chunking of the stream', async () => {
    const text = 'a: 1\n---\nb: 2\n--- \nc: 3\n----\nd: 4\n';
    const chunks = [...text].map((c) => Buffer.from(c));
    const docs: RawDocument[] = [];
    for await (const d of splitStream('s', Readable.from(chunks))) docs.push(d);
    expect(docs.map((d) => d.text)).toEqual(splitText('s', text).map((d) => d.text));
    expect(docs.map((d) => d.text)).toEqual(['a: 1\n', 'b: 2\n', 'c: 3\n----\nd: 4\n']);
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
    expect(parseManifest('a: 1\na: 2\n', { strict: true })).toMatchObject({ ok: false, error: expect.stringMatching(/already defined/) });
    expect(parseManifest('a: 1\na: 2\n', { strict: false }).value).toEqual({ a: 2 });
    expect(parseManifest('a: &x 1\na: 2\n', { strict: true })).toMatchObject({ ok: false, error: expect.stringMatching(/unique/) });
  });
});
