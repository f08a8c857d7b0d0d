// Subchart versions follow their content across generations (versions.ts), and every object says which platform it
// is part of.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { parseManifests, writeTreeToTemp } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { CONTENT_HASH_ANNOTATION, composePlatform, loadStack, readPreviousGeneration, subchartVersion } from '../src/index.js';

const stack = loadStack(join(REPO_ROOT, 'helmforge.yaml'));
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const onDisk = (tree: Map<string, string>) => {
  const dir = writeTreeToTemp(tree, 'platform');
  made.push(dirname(dir));
  return dir;
};
const chartYaml = (tree: Map<string, string>, path: string) => parse(tree.get(path) ?? '') as { version: string; annotations: Record<string, string>; dependencies?: { name: string; version: string }[] };

describe('subchart versions', () => {
  it('stay while the content is the same, get the next patch when it changed, and never fall below the package', () => {
    expect(subchartVersion('0.1.0', 'sha256:a', undefined)).toBe('0.1.0');
    expect(subchartVersion('0.1.0', 'sha256:a', { version: '0.1.4', contentHash: 'sha256:a' })).toBe('0.1.4');
    expect(subchartVersion('0.1.0', 'sha256:b', { version: '0.1.4', contentHash: 'sha256:a' })).toBe('0.1.5');
    expect(subchartVersion('0.2.0', 'sha256:b', { version: '0.1.4', contentHash: 'sha256:a' })).toBe('0.2.0');
  });

  it('a regeneration over the previous tree keeps every version; a subchart recorded with other content is bumped everywhere', () => {
    const first = composePlatform(stack);
    const dir = onDisk(first.chart);
    const again = composePlatform(stack, readPreviousGeneration(dir));
    expect(again.chart).toEqual(first.chart);

    // as if the last generation had written the jobs chart with other content
    const jobsChart = join(dir, 'charts', 'jobs', 'Chart.yaml');
    writeFileSync(jobsChart, readFileSync(jobsChart, 'utf8').replace(/(content-hash: )sha256:\w+/, '$1sha256:0000'));
    const bumped = composePlatform(stack, readPreviousGeneration(dir));
    const jobs = chartYaml(bumped.chart, 'charts/jobs/Chart.yaml');
    expect(jobs.version).toBe('0.1.1');
    expect(jobs.annotations[CONTENT_HASH_ANNOTATION]).toBe(chartYaml(first.chart, 'charts/jobs/Chart.yaml').annotations[CONTENT_HASH_ANNOTATION]);
    expect(chartYaml(bumped.chart, 'Chart.yaml').dependencies?.find((d) => d.name === 'jobs')?.version).toBe('0.1.1');
    expect(parse(bumped.chart.get('Chart.lock') ?? '')).toMatchObject({ dependencies: expect.arrayContaining([{ name: 'jobs', repository: '', version: '0.1.1' }]) });
    expect(chartYaml(bumped.chart, 'charts/registry/Chart.yaml').version).toBe('0.1.0');

    const bumpedDir = onDisk(bumped.chart);
    for (const helm of HELM_BINARIES) {
      const lint = runHelm(helm, ['lint', '--strict', bumpedDir]);
      expect(lint.status, lint.stdout + lint.stderr).toBe(0);
      const list = runHelm(helm, ['dependency', 'list', bumpedDir]);
      expect(list.stdout).toMatch(/^jobs\s+0\.1\.1\s+unpacked\s*$/m);
    }
  });
});

describe.each(HELM_BINARIES)('labels with $label', (helm) => {
  it('every object is app.kubernetes.io/part-of the umbrella', () => {
    const dir = onDisk(composePlatform(stack).chart);
    const r = runHelm(helm, ['template', 'demo', dir]);
    expect(r.status, r.stderr).toBe(0);
    const objects = parseManifests(r.stdout);
    expect(objects.length).toBeGreaterThan(30);
    for (const o of objects) expect(o.metadata.labels?.['app.kubernetes.io/part-of'], `${o.kind}/${o.metadata.name}`).toBe('platform');
  });
});
