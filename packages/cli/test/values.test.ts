// `helmforge values`, `generate --vscode` and schemas/catalog.json through the built CLI: where the `$schema` line
// points, what is refused, and that the user's own settings survive.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse } from 'yaml';
import { patternsWithoutMessage, untitledAlternatives } from '@helmforge/core';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'dist', 'helmforge.mjs');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function helmforge(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace with the committed stack file, generated. */
function generated(...extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'helmforge-values-'));
  temps.push(dir);
  cpSync(join(REPO_ROOT, 'helmforge.yaml'), join(dir, 'helmforge.yaml'));
  expect(helmforge(['generate', ...extra], dir).status).toBe(0);
  return dir;
}

const firstLine = (text: string) => text.split('\n')[0];

describe('helmforge values', () => {
  const dir = generated();

  it('prints the umbrella chart\'s commented values with the absolute path of its generated schema', () => {
    const r = helmforge(['values'], dir);
    expect(r.status).toBe(0);
    expect(firstLine(r.stdout)).toBe(`# yaml-language-server: $schema=${join(dir, 'schemas', 'platform.values.schema.json')}`);
    // the rest is the chart's values.yaml
    const chartValues = readFileSync(join(dir, 'charts', 'platform', 'values.yaml'), 'utf8');
    expect(r.stdout.split('\n').slice(1)).toEqual(chartValues.split('\n').slice(1));
  });

  it('writes a subchart\'s values to -o, and refuses to overwrite it without --force', () => {
    const out = join(dir, 'elsewhere', 'registry-values.yaml');
    expect(helmforge(['values', '--chart', 'registry', '-o', out], dir)).toMatchObject({ status: 0, stdout: `wrote ${out} (values of registry, schema ${join(dir, 'schemas', 'registry.values.schema.json')})\n` });
    const text = readFileSync(out, 'utf8');
    expect(firstLine(text)).toBe(`# yaml-language-server: $schema=${join(dir, 'schemas', 'registry.values.schema.json')}`);
    expect(parse(text)).toEqual(parse(readFileSync(join(dir, 'charts', 'platform', 'charts', 'registry', 'values.yaml'), 'utf8')));
    writeFileSync(out, 'mine\n');
    expect(helmforge(['values', '--chart', 'registry', '-o', out], dir)).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists[\s\S]*pass --force/) });
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect(helmforge(['values', '--chart', 'registry', '-o', out, '--force'], dir).status).toBe(0);
    expect(firstLine(readFileSync(out, 'utf8'))).toMatch(/registry\.values\.schema\.json$/);
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual(['registry-values.yaml']);
  });

  it('names the published schema with --schema-url: its $id, or the URL given', () => {
    const id = JSON.parse(readFileSync(join(dir, 'schemas', 'jobs.values.schema.json'), 'utf8')).$id;
    expect(id).toBe('https://helmforge.dev/schemas/jobs.values.schema.json');
    expect(firstLine(helmforge(['values', '--chart', 'jobs', '--schema-url'], dir).stdout)).toBe(`# yaml-language-server: $schema=${id}`);
    expect(firstLine(helmforge(['values', '--schema-url', 'https://charts.example.lan/platform.json'], dir).stdout)).toBe('# yaml-language-server: $schema=https://charts.example.lan/platform.json');
  });

  it('refuses a missing or stale schema (it would check the file against old rules) and an unknown chart', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'helmforge-values-'));
    temps.push(fresh);
    cpSync(join(REPO_ROOT, 'helmforge.yaml'), join(fresh, 'helmforge.yaml'));
    expect(helmforge(['values'], fresh)).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/platform\.values\.schema\.json does not exist[\s\S]*run `helmforge generate` first/) });
    mkdirSync(join(fresh, 'schemas'));
    writeFileSync(join(fresh, 'schemas', 'platform.values.schema.json'), '{}\n');
    expect(helmforge(['values'], fresh).stderr).toMatch(/is not what the stack file generates/);
    expect(helmforge(['values', '--chart', 'web'], dir)).toMatchObject({ status: 1, stderr: expect.stringMatching(/unknown chart "web"[\s\S]*platform, nfs-pv, registry, monitoring, jobs, app-with-probes/) });
  });
});

describe('helmforge generate --vscode', () => {
  const schemas = (dir: string) => (parseJsonc(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> })['yaml.schemas'];

  it('maps every schema to its files in a new .vscode/settings.json, relative to the stack file', () => {
    const dir = generated('--vscode');
    expect(schemas(dir)).toEqual({
      './schemas/helmforge.schema.json': ['helmforge.yaml', 'helmforge.yml'],
      './schemas/platform.values.schema.json': ['charts/platform/values*.yaml', 'charts/platform/ci/*-values.yaml'],
      ...Object.fromEntries(['nfs-pv', 'registry', 'monitoring', 'jobs', 'app-with-probes'].map((c) => [`./schemas/${c}.values.schema.json`, [`charts/platform/charts/${c}/values*.yaml`, `charts/platform/charts/${c}/ci/*-values.yaml`]])),
    });
  });

  it('merges into the user\'s settings, keeping comments and other settings, and is a no-op the second time', () => {
    const dir = generated();
    mkdirSync(join(dir, '.vscode'));
    const mine = '{\n  // team settings\n  "editor.tabSize": 4,\n  "yaml.schemas": {\n    "https://example.com/ci.json": ".gitlab-ci.yml",\n    "./schemas/platform.values.schema.json": "old-pattern.yaml"\n  },\n}\n';
    writeFileSync(join(dir, '.vscode', 'settings.json'), mine);
    expect(helmforge(['generate', '--vscode'], dir)).toMatchObject({ status: 0, stdout: expect.stringContaining('wrote .vscode/settings.json (yaml.schemas)') });
    const text = readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8');
    expect(text).toContain('// team settings');
    expect(text).toContain('"editor.tabSize": 4');
    expect(schemas(dir)['https://example.com/ci.json']).toBe('.gitlab-ci.yml');
    expect(schemas(dir)['./schemas/platform.values.schema.json']).toEqual(['charts/platform/values*.yaml', 'charts/platform/ci/*-values.yaml']);
    expect(helmforge(['generate', '--vscode'], dir).stdout).toContain('yaml.schemas in .vscode/settings.json is up to date');
    expect(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')).toBe(text);
  });

  it('leaves a settings file it cannot parse untouched and says so', () => {
    const dir = generated();
    mkdirSync(join(dir, '.vscode'));
    writeFileSync(join(dir, '.vscode', 'settings.json'), '{ "editor.tabSize": 4 ');
    const r = helmforge(['generate', '--vscode'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot add the yaml\.schemas setting to .*settings\.json[\s\S]*not JSON with comments[\s\S]*nothing was written/);
    expect(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')).toBe('{ "editor.tabSize": 4 ');
    expect(readdirSync(join(dir, '.vscode'))).toEqual(['settings.json']);
  });

  it('is a usage error together with --check', () => {
    const dir = generated();
    expect(helmforge(['generate', '--check', '--vscode'], dir).status).toBe(2);
    expect(existsSync(join(dir, '.vscode'))).toBe(false);
  });
});

describe('schemas/', () => {
  it('explains every pattern in words and titles every alternative, in every schema (editors show both)', () => {
    for (const file of readdirSync(join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8'));
      expect([patternsWithoutMessage(schema), untitledAlternatives(schema)], file).toEqual([[], []]);
    }
  });
});

describe('schemas/catalog.json', () => {
  it('is a JSON Schema Store catalog of every other schema under schemas/, each at its $id', () => {
    const catalog = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'catalog.json'), 'utf8')) as { $schema: string; version: number; schemas: { name: string; description: string; fileMatch?: string[]; url: string }[] };
    expect(catalog).toMatchObject({ $schema: 'https://json.schemastore.org/schema-catalog.json', version: 1 });
    // (.helmforge-manifest, the list of generated files, is no schema)
    const files = readdirSync(join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.json') && f !== 'catalog.json');
    expect(catalog.schemas.map((s) => s.url.replace('https://helmforge.dev/schemas/', '')).sort()).toEqual(files.sort());
    for (const entry of catalog.schemas) {
      const file = entry.url.replace('https://helmforge.dev/schemas/', '');
      expect(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8')).$id, file).toBe(entry.url);
      expect(entry.name && entry.description, file).toBeTruthy();
    }
    const byFile = Object.fromEntries(catalog.schemas.map((s) => [s.url.replace('https://helmforge.dev/schemas/', ''), s.fileMatch]));
    expect(byFile['helmforge.schema.json']).toEqual(['helmforge.yaml', 'helmforge.yml']);
    expect(byFile['platform.values.schema.json']).toEqual(['charts/platform/values*.yaml', 'charts/platform/ci/*-values.yaml']);
    expect(byFile['registry.values.schema.json']).toEqual(['charts/platform/charts/registry/values*.yaml', 'charts/platform/charts/registry/ci/*-values.yaml']);
    // a HelmRelease or an Application is recognised by content, not by name: those name their schema in the file
    expect(byFile['platform.helmrelease.schema.json']).toBeUndefined();
  });
});
