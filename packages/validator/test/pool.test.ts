import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs, readResources, schemaProvider, splitText, validateInputs, validateStream, Validator, type CompileStats, type RawDocument, type StreamOptions, type ValidationResult } from '../src/index.js';
import { BUNDLE, validateYaml } from './helpers.js';

const configMap = (i: number, bad: boolean): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\ndata:\n  k: ${bad ? '5' : '"5"'}\n`;
const service = (i: number, bad: boolean): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: s-${i}\nspec:\n  ports:\n    - port: ${bad ? 'eighty' : '80'}\n      targetPort: http\n`;
const deployment = (i: number, bad: boolean): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d-${i}
spec:
  selector:
    matchLabels: {app: d}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
        - name: d
          image: nginx
          ${bad ? 'unknownField: 1' : 'imagePullPolicy: Always'}
      volumes:
        - name: tmp
          emptyDir: ${bad ? '5' : 'null'}
`;
const kinds = [configMap, service, deployment];

describe('worker threads (-n)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmforge-pool-'));
    mkdirSync(join(dir, 'sub'));
    // small files (read whole, split by the workers), a file over 1 MiB (streamed), broken documents
    for (let f = 0; f < 12; f++) {
      const docs: string[] = [];
      for (let i = 0; i < 60; i++) docs.push(kinds[(f + i) % kinds.length]!(f * 100 + i, i % 17 === 3));
      writeFileSync(join(dir, f % 2 === 0 ? 'sub' : '', `f${String(f).padStart(2, '0')}.yaml`), `---\n${docs.join('---\n')}`);
    }
    const big: string[] = [];
    for (let i = 0; i < 1200; i++) big.push(`${configMap(i, i === 999)}  pad: "${'x'.repeat(900)}"\n`);
    writeFileSync(join(dir, 'big.yaml'), big.join('---\n'));
    // documents larger than the pieces a worker splits at a time, CRLF line ends, no final newline
    writeFileSync(join(dir, 'pieces.yaml'), `${configMap(1, false)}  big: "${'y'.repeat(20_000)}"\n---\n${configMap(2, true)}`.replace(/\n/g, '\r\n').trimEnd());
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: a\n  k: b\n---\n- a list\n---\nkind: Secret\n');
    // helm template output: # Source: paths, and a List whose items are results of their own
    writeFileSync(
      join(dir, 'rendered.yaml'),
      `---\n# Source: app/templates/cm.yaml\n${configMap(7, false)}---\n# Source: app/templates/list.yaml\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: l1}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: l2}, data: {k: 1}}\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(options: StreamOptions): Promise<ValidationResult[]> {
    const out: ValidationResult[] = [];
    for await (const results of validateInputs(readInputs([dir, join(dir, 'missing.yaml')]), { schemaBundles: [BUNDLE], strict: true, ...options })) out.push(...results);
    return out;
  }

  it('give the same results, in the same order, as validating in this thread', async () => {
    const inThread = await run({ workers: 1 });
    const pooled = await run({ workers: 2, inThreadUpToBytes: 0 });
    expect(inThread.length).toBe(12 * 60 + 1200 + 2 + 3 + (1 + 2) + 1); // (a leading --- makes no empty document)
    expect(pooled).toEqual(inThread);
    // the same properties in the same order, as the outputs print them
    expect(pooled.map((r) => Object.keys(r).join())).toEqual(inThread.map((r) => Object.keys(r).join()));
    expect(pooled.filter((r) => r.source === 'app/templates/list.yaml').map((r) => [r.itemIndex, r.name, r.status])).toEqual([
      [0, 'l1', 'valid'],
      [1, 'l2', 'invalid'],
    ]);
    const statuses = new Set(pooled.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['error', 'invalid', 'valid']);
    expect(pooled.filter((r) => r.status === 'invalid' && r.kind === 'Deployment')[0]?.errors).toEqual([
      { path: '/spec/template/spec/containers/0', message: "additionalProperties 'unknownField' not allowed" },
      { path: '/spec/template/spec/volumes/0/emptyDir', message: 'expected object or null, but got number' },
    ]);
  });

  it('validateStream gives the documents of readResources the same results', async () => {
    const out: ValidationResult[] = [];
    for await (const r of validateStream(readResources([dir]), { schemaBundles: [BUNDLE], strict: true, workers: 2, inThreadUpToBytes: 0, batchSize: 7 })) out.push(r);
    const inThread = await run({ workers: 1 });
    expect(out).toEqual(inThread.slice(0, -1)); // without the missing file
  });

  it('each kind is compiled once in a run with two workers, and not at all in the next run (the persistent cache)', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'helmforge-compiled-'));
    try {
      const options = { schemaBundles: [BUNDLE], strict: true, workers: 2, inThreadUpToBytes: 0, compiledCache: cache };
      const stats: CompileStats[] = [];
      const results: ValidationResult[][] = [];
      for (let run = 0; run < 2; run++) {
        const schemas = schemaProvider(options);
        const out: ValidationResult[] = [];
        for await (const batch of validateInputs(readInputs([dir]), options, undefined, schemas)) out.push(...batch);
        stats.push({ ...schemas.stats });
        results.push(out);
      }
      // ConfigMap, Service, Deployment
      expect(stats).toEqual([
        { compiled: 3, fromCache: 0 },
        { compiled: 0, fromCache: 3 },
      ]);
      expect(results[1]).toEqual(results[0]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('compiled once per run, shared by the workers, and kept between runs', () => {
  it('a corrupt or truncated cache entry is compiled again and replaced, not an error', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'helmforge-compiled-'));
    try {
      const options = { schemaBundles: [BUNDLE], strict: true, compiledCache: cache };
      const doc = deployment(1, true);
      const first = await validateYaml(doc, options);
      const entries = readdirSync(cache).filter((f) => f.endsWith('.json'));
      expect(entries.length).toBeGreaterThan(0);
      for (const [i, f] of entries.entries()) {
        const text = readFileSync(join(cache, f), 'utf8');
        writeFileSync(join(cache, f), i % 2 === 0 ? text.slice(0, text.length / 2) : text.replace(/"required"/, '"requires"'));
      }
      const schemas = schemaProvider(options);
      const again = await new Validator(options, undefined, schemas).validateDocument(splitText('test.yaml', doc)[0] as RawDocument);
      expect(again).toEqual(first);
      expect(schemas.stats).toEqual({ compiled: 1, fromCache: 0 });
      const third = schemaProvider(options);
      await third.lookup('apps/v1', 'Deployment');
      expect(third.stats).toEqual({ compiled: 0, fromCache: 1 });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('errors deep in a kind', () => {
  it('have their full path, and null is accepted where optional', async () => {
    const [valid, invalid] = await validateYaml(`${deployment(1, false)}---\n${deployment(2, true)}`, { strict: true });
    expect(valid?.status).toBe('valid');
    expect(invalid?.message).toMatch(
      /^problem validating schema\. Check JSON formatting: jsonschema: '\/spec\/template\/spec\/containers\/0' does not validate with file:\/\/\/\S+\/_definitions\.json#\/definitions\/io\.k8s\.api\.apps\.v1\.Deployment\/properties\/spec\/properties\/template\/properties\/spec\/properties\/containers\/items\/additionalProperties: additionalProperties 'unknownField' not allowed - '\/spec\/template\/spec\/volumes\/0\/emptyDir': expected object or null, but got number$/,
    );
  });

  it('a required reference does not accept null', async () => {
    const [r] = await validateYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: null\n  template: {}\n');
    expect(r).toMatchObject({ status: 'invalid', errors: [{ path: '/spec/selector', message: 'expected object, but got null' }] });
  });
});
