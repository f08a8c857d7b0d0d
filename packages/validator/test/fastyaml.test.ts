// The fast YAML parser either gives up (BAIL: the yaml library parses the document) or gives exactly what the yaml
// library gives in YAML 1.1 mode: checked on thousands of texts made by breaking manifests character by character.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BAIL, DuplicateKeysError, fastParse } from '../src/resource/fastyaml.js';
import { splitText } from '../src/index.js';
import { FIXTURES, seededRandom } from './helpers.js';

// what manifests are made of, and what trips YAML parsers
const PIECES = [' ', '  ', '\n', '\n  ', ': ', ':', '- ', '-', '#', ' #', '"', "'", '{', '}', '[', ']', ',', '|', '>', '\t', '\r\n', '~', 'yes', '0x1', '07', '1e3', '.5', '&a ', '*a', '!!str ', '? ', '---', 'a', 'key: value\n', '\\'];

function mutateText(text: string, next: () => number): string {
  let t = text;
  const times = 1 + Math.floor(next() * 3);
  for (let i = 0; i < times; i++) {
    const at = Math.floor(next() * (t.length + 1));
    const what = next();
    if (what < 0.5) t = t.slice(0, at) + (PIECES[Math.floor(next() * PIECES.length)] ?? '') + t.slice(at);
    else if (what < 0.8) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(next() * 3));
    else {
      // duplicate a line (duplicate keys, deeper or shallower indentation)
      const start = t.lastIndexOf('\n', at - 1) + 1;
      const end = t.indexOf('\n', at);
      const line = t.slice(start, end === -1 ? t.length : end);
      t = `${t.slice(0, start)}${line}\n${' '.repeat(Math.floor(next() * 3))}${t.slice(start)}`;
    }
  }
  return t;
}

/** What sigs.k8s.io/yaml would give, through the yaml library (as parse.ts's slow path configures it). */
function library(text: string, strict: boolean): { ok: true; value: unknown } | { ok: false } {
  const doc = parseDocument(text, {
    version: '1.1',
    uniqueKeys: strict,
    merge: true,
    strict: false,
    customTags: (tags) => tags.filter((t) => (typeof t === 'string' ? t !== 'timestamp' && t !== 'intTime' && t !== 'floatTime' : t.tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME')),
  });
  if (doc.errors.length > 0) return { ok: false };
  return { ok: true, value: doc.contents === null ? undefined : doc.toJS({ maxAliasCount: 100 }) };
}

describe('fast YAML parser', () => {
  const texts = [
    ...splitText('base.yaml', readFileSync(join(FIXTURES, 'engines', 'base.yaml'))),
    ...splitText('valid.yaml', readFileSync(join(FIXTURES, 'manifests', 'valid.yaml'))),
  ]
    .map((d) => d.text ?? '')
    .filter((t) => t.trim() !== '');

  it('gives up or agrees with the yaml library, on thousands of broken manifests', () => {
    const next = seededRandom(7);
    let agreed = 0;
    let bailed = 0;
    for (const base of texts) {
      for (let i = 0; i < 400; i++) {
        const text = i === 0 ? base : mutateText(base, next);
        for (const strict of [true, false]) {
          let ours: unknown;
          try {
            ours = fastParse(text, { uniqueKeys: strict, maxDepth: 10_000 });
          } catch (err) {
            if (!(err instanceof DuplicateKeysError)) throw err;
            expect(library(text, strict).ok, `duplicate key reported for:\n${text}`).toBe(false);
            continue;
          }
          if (ours === BAIL) {
            bailed++;
            continue;
          }
          // what the fast parser accepts, the library accepts too, with the same value
          expect(library(text, strict), text).toEqual({ ok: true, value: ours });
          agreed++;
        }
      }
    }
    // the comparison only means something if the fast parser handled many texts itself (most mutations add what
    // it leaves to the library: tabs, anchors, tags, multi-line scalars ...)
    expect(agreed).toBeGreaterThan(4000);
    expect(agreed / (agreed + bailed)).toBeGreaterThan(0.35);
  });
});
