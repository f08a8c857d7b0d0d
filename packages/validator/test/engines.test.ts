// The closure compiler (fastschema.ts) must give exactly Ajv's verdicts and messages: thousands of broken variants
// of valid documents are validated by both engines and compared result for result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createValidator, parseManifest, splitText, type ValidationResult, type ValidatorOptions } from '../src/index.js';
import { createAjv } from '../src/validator/ajv-engine.js';
import { KNOWN_KEYWORDS } from '../src/validator/fastschema.js';
import { BUNDLE, FIXTURES, PROMETHEUS_CRD, seededRandom } from './helpers.js';

const ENGINES = join(FIXTURES, 'engines');

const REPLACEMENTS: unknown[] = ['x', '', '25%', 'fast', 'Always', 0, 7, -3, 1.5, 2 ** 31, 2 ** 53, true, false, null, [], ['a'], [1, 'b'], {}, { name: 'n' }, { zz: 1 }];
const ODD_KEYS = ['zzUnknown', 'a/b~c', '__proto__', 'constructor', 'name'];

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) position of a value. */
function positions(v: unknown, out: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      out.push([v, i]);
      positions(x, out);
    });
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      out.push([o, k]);
      positions(o[k], out);
    }
  }
  return out;
}

function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }); // as the parsers do for __proto__
}

/** A copy of `doc` broken in one to three places. */
function mutate(doc: unknown, next: () => number): unknown {
  const copy = structuredClone(doc);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const times = 1 + Math.floor(next() * 3);
  for (let i = 0; i < times; i++) {
    const all = positions(copy);
    if (all.length === 0) break;
    const [container, key] = pick(all);
    const what = next();
    if (what < 0.55) {
      const value = structuredClone(pick(REPLACEMENTS));
      if (Array.isArray(container)) container[key as number] = value;
      else setKey(container, key as string, value);
    } else if (what < 0.8) {
      const objects = all.map(([c, k]) => (Array.isArray(c) ? c[k as number] : c[k as string])).filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x));
      if (objects.length > 0) setKey(pick(objects), pick(ODD_KEYS), structuredClone(pick(REPLACEMENTS)));
    } else if (!Array.isArray(container)) {
      delete container[key as string];
    } else {
      container.splice(key as number, 1);
    }
  }
  return copy;
}

function documents(file: string): unknown[] {
  return splitText(file, readFileSync(file))
    .map((d) => parseManifest(d.text ?? '', { strict: true }).value)
    .filter((v) => v !== undefined);
}

async function compareEngines(docs: unknown[], options: ValidatorOptions, variantsPerDoc: number, seed: number): Promise<{ valid: number; invalid: number }> {
  const fast = createValidator(options);
  const ajv = createValidator({ ...options, schemaEngine: 'ajv' });
  const next = seededRandom(seed);
  const counts = { valid: 0, invalid: 0 };
  for (const doc of docs) {
    const original = await fast.validateObject(doc, { filename: 'variant.yaml', docIndex: 0, line: 1 });
    expect(original.status, JSON.stringify(original)).toBe('valid');
    for (let i = 0; i <= variantsPerDoc; i++) {
      const variant = i === 0 ? doc : mutate(doc, next);
      const base = { filename: 'variant.yaml', docIndex: i, line: 1 };
      const a: ValidationResult = await fast.validateObject(variant, { ...base });
      const b: ValidationResult = await ajv.validateObject(variant, { ...base });
      // compared as text: cheap for the thousands of variants that agree, and the difference is shown when they do not
      expect(JSON.stringify({ variant, closures: a }, null, 1)).toBe(JSON.stringify({ variant, closures: b }, null, 1));
      if (a.status === 'valid') counts.valid++;
      else if (a.status === 'invalid') counts.invalid++;
    }
  }
  return counts;
}

describe('the closure compiler and Ajv give the same results', () => {
  it('knows every keyword Ajv knows (so that nothing Ajv checks is silently ignored)', () => {
    const ajv = createAjv(() => ({ validate: (() => true) as never }));
    expect([...KNOWN_KEYWORDS].sort()).toEqual(Object.keys(ajv.RULES.keywords).sort());
  });

  for (const strict of [true, false]) {
    it(`on broken variants of Kubernetes objects (v1.33 bundle, ${strict ? 'strict' : 'not strict'})`, async () => {
      const docs = [...documents(join(ENGINES, 'base.yaml')), ...documents(PROMETHEUS_CRD)];
      const counts = await compareEngines(docs, { schemaBundles: [BUNDLE], strict }, 150, strict ? 1 : 2);
      // the variants must exercise both verdicts for the comparison to mean something
      expect(counts.invalid).toBeGreaterThan(600);
      expect(counts.valid).toBeGreaterThan(100);
    });

    it(`on a bundle whose definitions use keywords beyond the subset (${strict ? 'strict' : 'not strict'})`, async () => {
      const counts = await compareEngines(documents(join(ENGINES, 'widgets.yaml')), { schemaBundles: [join(ENGINES, 'mixed-bundle.json')], strict }, 400, strict ? 3 : 4);
      expect(counts.invalid).toBeGreaterThan(300);
      expect(counts.valid).toBeGreaterThan(50);
    });
  }
});
