// The closure compiler is held to a reference: Ajv validates the same schemas (as each source resolves them, before
// the schema graph and the closures), and both must give the same verdict and the same errors (in jsonschema's
// terms, ajv-reference.ts) on thousands of broken variants of valid documents, for every source: the v1.33 bundle,
// standalone schemas in kubeconform's layout, CRDs (with a Go-only pattern), and a bundle that uses keywords beyond
// the Kubernetes definitions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClosureCompiler, expandSchemaLocation, parseManifest, renderTemplate, schemaProvider, splitText, type ValidatorOptions } from '../src/index.js';
import { compiledErrors, referenceAjv, referenceErrors, referenceSchema } from './ajv-reference.js';
import { BUNDLE, FIXTURES, PROMETHEUS_CRD, PROMETHEUS_RULE_CRD, STANDALONE, seededRandom } from './helpers.js';

const ENGINES = join(FIXTURES, 'engines');

const REPLACEMENTS: unknown[] = ['x', '', '25%', 'fast', 'warn', 'ABORT', '5m', 'Always', 0, 7, -3, 1.5, 2 ** 31, 2 ** 53, true, false, null, [], ['a'], [1, 'b'], {}, { name: 'n' }, { zz: 1 }];
const ODD_KEYS = ['zzUnknown', 'a/b~c', 'a b', '__proto__', 'constructor', 'name'];

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

function documents(file: string): Record<string, unknown>[] {
  return splitText(file, readFileSync(file))
    .map((d) => parseManifest(d.text ?? '', { strict: true }).value)
    .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v));
}

async function compare(docs: Record<string, unknown>[], options: ValidatorOptions, variantsPerDoc: number, seed: number): Promise<{ valid: number; invalid: number }> {
  const provider = schemaProvider(options);
  const compiler = new ClosureCompiler(provider.nodes);
  const ajv = referenceAjv();
  const next = seededRandom(seed);
  const counts = { valid: 0, invalid: 0 };
  for (const doc of docs) {
    const apiVersion = doc.apiVersion as string;
    const kind = doc.kind as string;
    const compiled = await provider.lookup(apiVersion, kind);
    const source = await provider.source(apiVersion, kind);
    if (compiled === null || source === null) throw new Error(`no schema for ${apiVersion}/${kind}`);
    const reference = ajv.compile(referenceSchema(source.load()) as object);
    expect(compiler.validate(compiled.root, doc)).toEqual([]); // the valid object the variants are made from
    for (let i = 0; i <= variantsPerDoc; i++) {
      const variant = i === 0 ? doc : mutate(doc, next);
      const ours = compiler.validate(compiled.root, variant);
      const valid = reference(variant);
      expect({ variant, errors: compiledErrors(ours) }).toEqual({ variant, errors: valid ? [] : referenceErrors(reference.errors ?? []) });
      if (ours.length === 0) counts.valid++;
      else counts.invalid++;
    }
  }
  return counts;
}

describe('the closure compiler gives the verdicts and errors of the reference (Ajv, in jsonschema terms)', () => {
  const builtIn = documents(join(ENGINES, 'base.yaml'));
  const custom = documents(join(FIXTURES, 'crds', 'instances.yaml'));
  const sources: [string, ValidatorOptions, Record<string, unknown>[]][] = [
    ['the v1.33 bundle, strict', { schemaBundles: [BUNDLE], strict: true }, builtIn],
    ['the v1.33 bundle, not strict', { schemaBundles: [BUNDLE], strict: false }, builtIn],
    ["standalone schemas in kubeconform's layout, strict", { schemaLocations: [STANDALONE], kubernetesVersion: '1.33.0', strict: true }, builtIn],
    ["standalone schemas in kubeconform's layout, not strict", { schemaLocations: [STANDALONE], kubernetesVersion: '1.33.0', strict: false }, builtIn],
    ['CRDs: Prometheus, and PrometheusRule with a Go-only pattern', { crds: [PROMETHEUS_CRD, PROMETHEUS_RULE_CRD], schemaBundles: [BUNDLE], strict: true }, custom],
    ['a bundle whose definitions use keywords beyond the Kubernetes ones (oneOf, pattern, bounds, recursion)', { schemaBundles: [join(ENGINES, 'mixed-bundle.json')], strict: true }, documents(join(ENGINES, 'widgets.yaml'))],
  ];
  sources.forEach(([title, options, docs], i) => {
    it(`on broken variants of valid objects: ${title}`, async () => {
      const counts = await compare(docs, options, 1500 / docs.length, 100 + i);
      // the variants must exercise both verdicts for the comparison to mean something
      expect(counts.invalid).toBeGreaterThan(400);
      expect(counts.valid).toBeGreaterThan(80);
    });
  });
});

describe("a bundle's kinds are the collection's standalone files", () => {
  for (const strict of [true, false]) {
    it(`every kind compiles to the same schema graph from the v1.33 bundle as from its standalone file (${strict ? 'strict' : 'not strict'})`, async () => {
      const dir = join(STANDALONE, `v1.33.0-standalone${strict ? '-strict' : ''}`);
      const fromBundle = schemaProvider({ schemaBundles: [BUNDLE], strict, kubernetesVersion: '1.33.0' });
      const fromFiles = schemaProvider({ schemaLocations: [STANDALONE], strict, kubernetesVersion: '1.33.0' });
      // the files a kubeconform lookup reaches (not, e.g., deleteoptions-meta-v1.json: its kinds are other groups')
      const kinds = readdirSync(dir)
        .map((file) => {
          const gvk = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { 'x-kubernetes-group-version-kind': { group: string; version: string; kind: string }[] })['x-kubernetes-group-version-kind'][0];
          const apiVersion = gvk === undefined ? '' : gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
          return { file, apiVersion, kind: gvk?.kind ?? '' };
        })
        .filter(({ file, apiVersion, kind }) => renderTemplate(expandSchemaLocation(STANDALONE), { apiVersion, kind, kubernetesVersion: '1.33.0', strict }) === join(dir, file));
      expect(kinds.length).toBeGreaterThan(150);
      for (const { file, apiVersion, kind } of kinds) {
        const gvk = { kind };
        const a = await fromBundle.lookup(apiVersion, gvk.kind);
        const b = await fromFiles.lookup(apiVersion, gvk.kind);
        expect(a !== null && b !== null, file).toBe(true);
        expect({ file, graph: fromBundle.graph.subgraph(a?.root ?? -1) }).toEqual({ file, graph: fromFiles.graph.subgraph(b?.root ?? -1) });
      }
    });
  }
});
