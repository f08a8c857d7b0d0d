// Reading a stack-like YAML file: every problem of the input is one line with file, line and column.
import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseWithPositions, parseYamlSource } from '../src/yaml-source.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeUtf8', () => {
  it('drops a byte-order mark and keeps other text as it is', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: é\n'), 'f.yaml')).toBe('a: é\n');
    expect(decodeUtf8(bytes('a: \ufeff\n'), 'f.yaml')).toBe('a: \ufeff\n');
  });

  it.each([
    ['a stray continuation byte', bytes('a: 1\nname: ab', [0x80], '\n'), 'f.yaml:2:9: the byte 0x80 is not UTF-8 text; save the file as UTF-8'],
    ['Latin-1 text after multi-byte characters', bytes('x: 1\ny: 2\nété: caf', [0xe9], '\n'), 'f.yaml:3:9: the byte 0xe9 is not UTF-8 text; save the file as UTF-8'],
    ['an overlong encoding', bytes('k: ', [0xc0, 0xaf]), 'f.yaml:1:4: the byte 0xc0 is not UTF-8 text; save the file as UTF-8'],
    ['an encoded surrogate', bytes('k: ', [0xed, 0xa0, 0x80]), 'f.yaml:1:4: the byte 0xed is not UTF-8 text; save the file as UTF-8'],
    ['a truncated sequence at the end', bytes('k: ', [0xe2, 0x82]), 'f.yaml:1:4: the byte 0xe2 is not UTF-8 text; save the file as UTF-8'],
  ])('rejects %s with line and column', (_what, input, message) => {
    expect(() => decodeUtf8(input, 'f.yaml')).toThrow(message);
  });
});

describe('parseYamlSource', () => {
  it('reports a repeated key with both lines', () => {
    expect(() => parseYamlSource('a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n', 'f.yaml')).toThrow('f.yaml:5:3: the key "c" is already in this mapping (line 3); keep one of them');
  });

  it('accepts equal keys in different mappings', () => {
    expect(parseYamlSource('a: {k: 1}\nb: {k: 2}\n', 'f.yaml').value).toEqual({ a: { k: 1 }, b: { k: 2 } });
  });

  it('reports a second document in one line', () => {
    expect(() => parseYamlSource('a: 1\n---\nb: 2\n', 'f.yaml')).toThrow(/^f\.yaml:2:1: a second YAML document starts here, and a stack file is one document; remove this --- line/);
  });

  it('reports aliases that expand too far in one line, at the first alias', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1, prev = 'a'; i <= 8; prev = `b${i}`, i++) text += `b${i}: &b${i} [${Array(10).fill(`*${prev}`).join(', ')}]\n`;
    expect(() => parseYamlSource(text, 'f.yaml')).toThrow(/^f\.yaml:2:10: its aliases expand to too much data \(more than 100 alias nodes to resolve\); write the values out instead of through anchors and aliases$/);
  });

  it('locates values by JSON pointer in a mapping of 40,000 keys', () => {
    const text = `big:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: ${i}`).join('\n')}\n`;
    const source = parseYamlSource(text, 'f.yaml');
    expect(source.locate('/big/k39999')).toEqual({ line: 40_001, column: 11 });
    expect(() => parseYamlSource(`${text}  k17: again\n`, 'f.yaml')).toThrow('f.yaml:40002:3: the key "k17" is already in this mapping (line 19); keep one of them');
  });
});

describe('the fast path (js-yaml) and the parser of record (yaml) agree', () => {
  const tricky = [
    '# comment',
    'plain: text, with a colon:in it',
    'quoted: "a \\"b\\" \\u00e9"',
    "single: 'it''s'",
    'ints: [0, -1, +2, 0x1F, 0o17, 010, 1_000]',
    'floats: [1.5, -0.5e3, .inf, -.Inf, .nan, 1e3]',
    'bools: [true, false, True, FALSE, yes, no, on, off]',
    'nulls: [null, Null, ~, ""]',
    'empty:',
    'dates: [2026-11-01, 2026-11-01T10:00:00Z, 12:30]',
    'version: 0.1.0',
    'literal: |',
    '  two',
    '  lines',
    'folded: >-',
    '  folded',
    '  text',
    'nested:',
    '  list:',
    '    - name: a',
    '      value: "1"',
    '    - { name: b, value: 2 }',
    '  "key with spaces": x',
    '  "<<": merge-looking key',
    '',
  ].join('\n');

  it('give the same values', () => {
    expect(parseYamlSource(tricky, 'f.yaml').value).toEqual(parseWithPositions(tricky, 'f.yaml').value);
  });

  it.each([
    '/plain', '/quoted', '/single', '/ints/3', '/floats', '/empty', '/literal', '/folded', '/nested/list/0/value', '/nested/list/1',
    '/nested/list/1/value', '/nested/key with spaces', '/nested/missing', '/nested/list/7', '/nested/<<', '',
  ])('locate %s at the same line and column', (pointer) => {
    const fast = parseYamlSource(tricky, 'f.yaml');
    const record = parseWithPositions(tricky, 'f.yaml');
    expect(fast.locate(pointer)).toEqual(record.locate(pointer));
    expect(fast.locate(pointer, { key: true })).toEqual(record.locate(pointer, { key: true }));
  });
});

describe('a repeated key: found in js-yaml events, worded as the parser of record words it', () => {
  const wording = (parse: () => unknown): string => {
    try {
      parse();
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each(
    Object.entries({
      'at the top': 'a: 1\nb: 2\na: 3\n',
      'nested': 'x:\n  k: 1\n  k: 2\n',
      'double-quoted': 'x:\n  "k": 1\n  "k": 2\n',
      'single-quoted': "x:\n  'k': 1\n  'k': 2\n",
      'quoted, then plain': 'x:\n  "k": 1\n  k: 2\n',
      'an outer mapping before an inner one repeats later': 'a:\n  b: 1\n  b: 2\nc: 1\na: 2\n',
      'numbers': '1: a\n1: b\n',
      '01 and 1 (one number), then a repeated string': 'm:\n  01: a\n  1: b\n  x: 1\n  x: 2\n',
      'booleans': 'true: a\ntrue: b\n',
      'in a sequence item': 'l:\n  - n: 1\n    n: 2\n',
      'in a flow mapping': 'f: {a: 1, a: 2}\n',
      'after a sequence value': 'a:\n  - 1\n  - 2\nb: 1\na: 3\n',
      'after a nested flow mapping': 'a:\n  x: {y: 1}\n  z: 1\n  x: 2\n',
      'and a syntax error further on': 'a: 1\na: 2\nb: [\n',
      'and a second document': 'a: 1\na: 2\n---\nb: 1\n',
      'tagged': '!!str a: 1\na: 2\n',
      'with empty values': 'a:\nb:\na:\n',
    }),
  )('%s', (_, text) => {
    const fast = wording(() => parseYamlSource(text, 'f.yaml'));
    expect(fast).not.toBe('accepted');
    expect(fast).toBe(wording(() => parseWithPositions(text, 'f.yaml')));
  });
});
