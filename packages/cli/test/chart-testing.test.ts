// The generated charts pass chart-testing's own gates: yamllint with ct's lintconf (the real Debian yamllint), ct's
// Chart.yaml schema (its yamale rules as JSON Schema), a Chart.lock that `helm dependency build` keeps, a ct.yaml, and
// the Chart.yaml metadata a stack file passes through (Artifact Hub annotations included).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTree, readTree, validateAgainst, type JsonSchema } from '@helmforge/core';
import { parse } from 'yaml';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { FIXTURES, helmforge } from './support.js';

const LINTCONF = join(FIXTURES, 'chart-testing', 'lintconf.yaml');
const CHART_SCHEMA = JSON.parse(readFileSync(join(FIXTURES, 'chart-testing', 'chart-schema.json'), 'utf8')) as JsonSchema;


/** A directory holding `stack` as helmforge.yaml, generated. */
function generated(stack: string): string {
  const dir = tempDir('ct');
  cpSync(stack, join(dir, 'helmforge.yaml'));
  const r = helmforge(['generate'], dir);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return dir;
}

/** The files `ct lint` yamllints in a chart and its vendored subcharts. */
function lintedFiles(chartDir: string): string[] {
  return [...readTree(chartDir).keys()].filter((p) => /(^|\/)(Chart\.yaml|values\.yaml|ci\/[^/]+-values\.yaml)$/.test(p)).map((p) => join(chartDir, p));
}

function yamllint(files: string[]) {
  const r = spawnSync('yamllint', ['--strict', '-f', 'parsable', '-c', LINTCONF, ...files], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, output: r.stdout + r.stderr };
}

/** Chart.yaml as yamale reads it (PyYAML: YAML 1.1), checked against ct's rules. */
function chartSchemaProblems(file: string): string[] {
  return validateAgainst(CHART_SCHEMA, parse(readFileSync(file, 'utf8'), { version: '1.1' })).map((p) => `${file}${p.pointer ?? ''}: ${p.message}`);
}

const stacks = { committed: join(REPO_ROOT, 'helmforge.yaml'), artifacthub: join(FIXTURES, 'artifacthub.yaml') };

describe.each(Object.entries(stacks))('chart-testing gates on the %s stack', (_name, stack) => {
  const dir = generated(stack);
  const name = (parse(readFileSync(stack, 'utf8')) as { metadata: { name: string } }).metadata.name;
  const chart = join(dir, 'charts', name);

  it('yamllint with ct\'s lintconf passes Chart.yaml, values.yaml and ci/*-values.yaml of every chart (warnings too)', () => {
    const files = lintedFiles(chart);
    expect(files.length).toBeGreaterThan(20);
    expect(yamllint(files)).toEqual({ status: 0, output: '' });
  });

  it("every Chart.yaml passes ct's Chart.yaml schema", () => {
    const charts = [...readTree(chart).keys()].filter((p) => p.endsWith('Chart.yaml'));
    expect(charts).toHaveLength(6);
    expect(charts.flatMap((p) => chartSchemaProblems(join(chart, p)))).toEqual([]);
  });

  it.each(HELM_BINARIES)('helm dependency build ($label) leaves the generated tree as it was', (helm) => {
    const before = readTree(chart);
    expect(before.has('Chart.lock')).toBe(true);
    const r = runHelm(helm, ['dependency', 'build', chart]);
    expect(r.status, r.stderr).toBe(0);
    expect(diffTree(chart, before)).toEqual({ changed: [], missing: [], extra: [] });
    expect(helmforge(['generate', '--check'], dir).status).toBe(0);
  });
});

describe('chart metadata pass-through', () => {
  const dir = generated(stacks.artifacthub);
  const chartYaml = parse(readFileSync(join(dir, 'charts', 'lab', 'Chart.yaml'), 'utf8')) as Record<string, unknown> & { annotations: Record<string, string> };

  it('writes icon, home, sources, keywords, kubeVersion and maintainers with url into Chart.yaml', () => {
    expect(chartYaml).toMatchObject({
      version: '2.0.0-rc.1',
      home: 'https://platform.example.org',
      icon: 'https://platform.example.org/icon.svg',
      sources: ['https://git.example.org/platform/stack'],
      keywords: ['platform', 'on-premises'],
      kubeVersion: '>=1.29.0-0',
      maintainers: [{ name: 'octocat', email: 'octocat@example.org', url: 'https://github.com/octocat' }],
    });
  });

  it('serializes Artifact Hub annotations as the YAML strings Artifact Hub reads, and keeps other keys', () => {
    const a = chartYaml.annotations;
    expect(a['artifacthub.io/license']).toBe('Apache-2.0');
    expect(a['artifacthub.io/prerelease']).toBe('true');
    expect(parse(a['artifacthub.io/changes']!)).toEqual([
      { kind: 'added', description: 'Nightly log rotation.', links: [{ name: 'Issue 12', url: 'https://git.example.org/platform/stack/issues/12' }] },
      { kind: 'fixed', description: 'Backups keep 14 days, as documented.' },
    ]);
    expect(parse(a['artifacthub.io/links']!)).toEqual([{ name: 'Runbook', url: 'https://platform.example.org/runbook' }]);
    expect(parse(a['artifacthub.io/signKey']!)).toEqual({ fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567', url: 'https://platform.example.org/signing-key.asc' });
    expect(a['example.org/team']).toBe('platform');
  });

  it.each(HELM_BINARIES)('artifacthub.io/images lists exactly the images $label renders', (helm) => {
    const listed = (parse(chartYaml.annotations['artifacthub.io/images']!) as { name: string; image: string }[]).map((i) => i.image).sort();
    const r = runHelm(helm, ['template', 'lab', join(dir, 'charts', 'lab'), '--kube-version', '1.33.0']);
    expect(r.status, r.stderr).toBe(0);
    const rendered = new Set([...r.stdout.matchAll(/^\s+(?:- )?image: "?([^"\s]+)"?$/gm)].map((m) => m[1]!));
    expect(listed).toEqual([...rendered].sort());
    expect(listed).toContain('registry.example.org:30500/docs/site:1.4.2');
    expect(listed.every((i) => i.startsWith('registry.example.org:30500/'))).toBe(true);
  });

  it('ct.yaml validates maintainers only when they are GitHub accounts, and packages leave it out', () => {
    expect(parse(readFileSync(join(dir, 'charts', 'lab', 'ct.yaml'), 'utf8'))).toEqual({ 'chart-dirs': ['charts'], 'validate-maintainers': true, 'check-version-increment': true });
    const committed = generated(stacks.committed);
    expect(parse(readFileSync(join(committed, 'charts', 'platform', 'ct.yaml'), 'utf8'))).toMatchObject({ 'validate-maintainers': false });
    expect(readFileSync(join(committed, 'charts', 'platform', '.helmignore'), 'utf8')).toMatch(/^ct\.yaml$/m);
  });

  it.each([
    ['annotation-images.yaml', /annotation-images\.yaml:9:5: unknown key "artifacthub\.io\/images" \(at \/metadata\/annotations\/artifacthub\.io~1images\)/],
    ['annotation-typo.yaml', /annotation-typo\.yaml:9:5: unknown key "artifacthub\.io\/licence" \(at \/metadata\/annotations\/artifacthub\.io~1licence\)/],
    ['maintainer-url.yaml', /maintainer-url\.yaml:9:35: must be an http:\/\/ or https:\/\/ URL without spaces \(at \/metadata\/maintainers\/0\/url\)\n/],
  ])('refuses %s with the line and pointer', (fixture, message) => {
    const dir2 = tempDir('ct');
    cpSync(join(FIXTURES, fixture), join(dir2, 'helmforge.yaml'));
    const r = helmforge(['generate', '--config', 'helmforge.yaml'], dir2);
    expect(r.status).toBe(1);
    expect(r.stderr.replace(/helmforge\.yaml/g, fixture)).toMatch(message);
  });
});

describe('the yamllint gate can fail', () => {
  it('rejects a helm-docs comment after the dash of a list item, as the charts had it', () => {
    const r = yamllint([join(FIXTURES, 'list-comment-values.yaml')]);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/too few spaces before comment \(comments\)/);
  });
});
