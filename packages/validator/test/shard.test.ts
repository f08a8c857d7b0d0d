// --shard K/N and merging the parts' reports: N shards together report exactly what one run reports.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELM_BINARIES } from '../../../tools/testkit/helm.js';
import { inShard, mergeReports, parseShard, validateCommand } from '../src/index.js';
import { BIN, BUNDLE, FIXTURES, memoryIO } from './helpers.js';

function conform(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A JUnit report without its timings (which differ between any two runs). */
const untimed = (xml: string): string => xml.replace(/ time="[^"]*"/g, '');

describe('--shard K/N', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmforge-shard-'));
    for (const sub of ['a', 'b', join('b', 'deep'), 'c']) mkdirSync(join(dir, sub), { recursive: true });
    for (let i = 0; i < 36; i++) {
      const sub = ['a', 'b', join('b', 'deep'), 'c', ''][i % 5] as string;
      const docs = [`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\ndata: {k: ${i % 7 === 0 ? 1 : '"v"'}}\n`];
      if (i % 4 === 0) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s-${i}}\nspec: {ports: [{port: ${i % 8 === 0 ? 'http' : 80}}]}\n`);
      if (i === 5) docs.push('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Secret, metadata: {name: x}}\n  - {apiVersion: v1, kind: Secret, metadata: {name: y}, type: 5}\n');
      if (i === 9) docs.push('kind: ConfigMap\n');
      if (i === 11) docs.push('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n');
      writeFileSync(join(dir, sub, `f${String(i).padStart(2, '0')}.yaml`), docs.join('---\n'));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses K/N (1 <= K <= N) and puts each file in exactly one part', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-2']) expect(() => parseShard(bad)).toThrow(/give K\/N with 1 <= K <= N/);
    const files = Array.from({ length: 200 }, (_, i) => `charts/c${i}/templates/t.yaml`);
    const parts = [1, 2, 3, 4].map((index) => files.filter((f) => inShard(f, { index, count: 4 })));
    expect(parts.flat().sort()).toEqual([...files].sort());
    for (const p of parts) expect(p.length).toBeGreaterThan(25); // roughly even
  });

  for (const [format, normalise] of [
    ['json', (s: string) => s],
    ['junit', untimed],
    ['sarif', (s: string) => s],
  ] as const) {
    it(`helmforge-conform: the ${format} reports of 3 shards, merged, are the report of one run`, () => {
      const args = ['-summary', '-verbose', '-strict', '-output', format, '-schema-bundle', BUNDLE];
      const whole = conform([...args, dir]);
      expect(whole.status).toBe(1);
      const parts = [1, 2, 3].map((k) => conform([...args, '-shard', `${k}/3`, dir]));
      // every part has work to do, and fails or passes on its own
      for (const p of parts) expect(p.stdout.length).toBeGreaterThan(200);
      const reports = mkdtempSync(join(tmpdir(), 'helmforge-shard-reports-'));
      try {
        const files = parts.map((p, i) => {
          const f = join(reports, `part-${i + 1}.${format}`);
          writeFileSync(f, p.stdout);
          return f;
        });
        const merged = conform(['merge', ...files]);
        expect(merged.status).toBe(0);
        expect(normalise(merged.stdout)).toBe(normalise(whole.stdout));
      } finally {
        rmSync(reports, { recursive: true, force: true });
      }
    });
  }

  it('-shard cannot split standard input; reports of different formats do not merge', async () => {
    expect(conform(['-shard', '1/2', '-schema-bundle', BUNDLE, '-'])).toMatchObject({ status: 1, stderr: '-shard splits files and directories; standard input cannot be split\n' });
    await expect(mergeReports(['{"resources": []}', '<testsuites></testsuites>'])).rejects.toThrow(/different formats/);
  });

  describe.each(HELM_BINARIES.slice(0, 1))('helmforge validate (charts rendered with $label)', (helm) => {
    it('the renders (chart, values scenario, Kubernetes version) of 2 shards, merged, are what one run reports', async () => {
      const charts = [join(FIXTURES, 'charts', 'good'), join(FIXTURES, 'charts', 'bad')];
      const options = { schemaBundles: [BUNDLE], helmBin: helm.bin, output: 'json' as const, verbose: true, summary: true, kubernetesVersions: ['1.32.0', '1.33.0'] };
      const whole = memoryIO();
      expect(await validateCommand(charts, options, whole)).toBe(1);
      const parts = await Promise.all(
        [1, 2].map(async (index) => {
          const io = memoryIO();
          await validateCommand(charts, { ...options, shard: { index, count: 2 } }, io);
          return io.stdout.text;
        }),
      );
      for (const p of parts) expect((JSON.parse(p) as { resources: unknown[] }).resources.length).toBeGreaterThan(0);
      // a run over charts reports in render order; merged reports are in file order: both merged, they are equal
      expect(await mergeReports(parts)).toBe(await mergeReports([whole.stdout.text]));
    });
  });
});
