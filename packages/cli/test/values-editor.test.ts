// Schemas that follow the values file, proved with the real yaml-language-server over LSP stdio: a values file that
// `helmforge values` wrote in another directory completes and flags a typo in a typed Kubernetes field; the
// `yaml.schemas` setting from `generate --vscode` checks values files that carry no `$schema` line; the Flux and
// Argo CD schemas check the umbrella's values inside a HelmRelease and an Application; and what becomes of the
// `helm show values chart > my-values.yaml` habit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { startLanguageServer, type LanguageServer } from '../../../tools/testkit/lsp.js';
import { helmforge } from './support.js';

let workspace: string;
let elsewhere: string;
let lsp: LanguageServer;

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'helmforge-lsp-'));
  elsewhere = mkdtempSync(join(tmpdir(), 'helmforge-lsp-elsewhere-'));
  cpSync(join(REPO_ROOT, 'helmforge.yaml'), join(workspace, 'helmforge.yaml'));
  const r = helmforge(['generate', '--vscode'], workspace);
  expect(r.status, r.stderr).toBe(0);
  const settings = parseJsonc(readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
  lsp = await startLanguageServer(workspace, settings['yaml.schemas']);
});

afterAll(() => {
  lsp?.stop();
  for (const dir of [workspace, elsewhere]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function helmforgeValues(...args: string[]): string {
  const r = helmforge(['values', ...args], workspace);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** `text` with `lines` inserted after the line equal to `after`, and the line number of the first inserted one. */
function insertAfter(text: string, after: string, lines: string[]): { text: string; line: number } {
  const all = text.split('\n');
  const at = all.indexOf(after);
  expect(at, `no line "${after}"`).toBeGreaterThanOrEqual(0);
  all.splice(at + 1, 0, ...lines);
  return { text: all.join('\n'), line: at + 1 };
}

describe('a values file written by helmforge values in another directory', () => {
  it('opens clean, completes the Kubernetes fields and underlines nodeAfinity on its line', async () => {
    const file = join(elsewhere, 'my-values.yaml');
    helmforgeValues('-o', file);
    const text = readFileSync(file, 'utf8');
    expect(await lsp.open(file, text)).toEqual([]);

    // completion inside web.affinity offers the Affinity fields of the Kubernetes API
    const typing = insertAfter(text.replace(/^web:\n/m, 'web:\n  affinity:\n'), '  affinity:', ['    ']);
    const typingFile = join(elsewhere, 'typing-values.yaml');
    await lsp.open(typingFile, typing.text);
    expect(await lsp.complete(typingFile, typing.line, 4)).toEqual(expect.arrayContaining(['nodeAffinity', 'podAffinity', 'podAntiAffinity']));

    // the typo is flagged where it is
    const typo = insertAfter(text.replace(/^web:\n/m, 'web:\n  affinity:\n'), '  affinity:', ['    nodeAfinity:', '      requiredDuringSchedulingIgnoredDuringExecution: {}']);
    const diagnostics = await lsp.open(join(elsewhere, 'typo-values.yaml'), typo.text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[typo.line, expect.stringMatching(/nodeAfinity/)]]);
  });

  it('works for a subchart too, and a bad cron schedule reads as a sentence', async () => {
    const file = join(elsewhere, 'registry-values.yaml');
    helmforgeValues('--chart', 'registry', '-o', file);
    const text = readFileSync(file, 'utf8').replace(/^( {2}schedule: ).*$/m, '$1"99 99 * * *"');
    const line = text.split('\n').findIndex((l) => l === '  schedule: "99 99 * * *"');
    expect(line).toBeGreaterThan(0);
    const diagnostics = await lsp.open(file, text);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[line, 'must be a five-field cron expression like `30 2 * * *` (minute hour day-of-month month day-of-week) or a macro such as `@daily`']]);
  });

  it('shows the Markdown description, and the title of the alternative a value matches, on hover', async () => {
    const file = join(elsewhere, 'hover-values.yaml');
    const text = helmforgeValues('--chart', 'app-with-probes');
    await lsp.open(file, text);
    const lines = text.split('\n');
    const maxSurge = lines.findIndex((l) => /^ {4}maxSurge: /.test(l));
    expect(lines[maxSurge]).toBe('    maxSurge: 1');
    expect(await lsp.hover(file, maxSurge, 6)).toMatch(/^#### Count\n\nAn absolute number\./);
    const tests = lines.findIndex((l) => l === 'tests:');
    expect(await lsp.hover(file, tests, 2)).toContain('`helm test` hook.');
  });
});

describe('the yaml.schemas setting written by generate --vscode', () => {
  it('checks a values file that has no $schema line by where it is', async () => {
    const file = join(workspace, 'charts', 'platform', 'values-production.yaml');
    const diagnostics = await lsp.open(file, 'web:\n  tolerations:\n    - key: dedicated\n      operater: Exists\n');
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[3, expect.stringMatching(/operater/)]]);
    expect(await lsp.open(join(workspace, 'charts', 'platform', 'values-staging.yaml'), 'web:\n  replicaCount: 1\n')).toEqual([]);
  });
});

describe('GitOps objects that carry the umbrella\'s values', () => {
  const modeline = (schema: string) => `# yaml-language-server: $schema=${join(workspace, 'schemas', schema)}\n`;

  it('checks spec.values of a Flux HelmRelease', async () => {
    const release = `${modeline('platform.helmrelease.schema.json')}apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: platform\nspec:\n  interval: 10m\n  chart:\n    spec:\n      chart: platform\n  values:\n    web:\n      replicaCount: two\n`;
    const diagnostics = await lsp.open(join(elsewhere, 'helmrelease.yaml'), release);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[12, expect.stringMatching(/integer/i)]]);
  });

  it('checks helm.valuesObject of an Argo CD Application, single or multi-source', async () => {
    const app = `${modeline('platform.argocd-application.schema.json')}apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: platform\nspec:\n  project: default\n  sources:\n    - repoURL: oci://registry.example.lan/charts\n      chart: platform\n      helm:\n        valuesObject:\n          registry:\n            garbageCollect:\n              schedule: every sunday\n`;
    const diagnostics = await lsp.open(join(elsewhere, 'application.yaml'), app);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[14, expect.stringMatching(/^must be a five-field cron expression/)]]);
  });
});

describe('helm show values chart > my-values.yaml', () => {
  const helm = HELM_BINARIES[0]!;

  it('keeps the chart\'s relative $schema line, which resolves only beside the chart\'s values.schema.json', async () => {
    const r = runHelm(helm, ['show', 'values', join(workspace, 'charts', 'platform')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
    const diagnostics = await lsp.open(join(elsewhere, 'shown-values.yaml'), r.stdout);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/Unable to load schema from/);
    // the line wins over the yaml.schemas setting: a values*.yaml under charts/platform with that line is not rescued
    const matched = join(workspace, 'charts', 'platform', 'values-copied.yaml');
    expect((await lsp.open(matched, r.stdout.replace('$schema=values.schema.json', '$schema=../values.schema.json'))).map((d) => d.message).join('\n')).toMatch(/Unable to load schema from/);
    // without the line, the setting applies
    const trimmed = r.stdout.split('\n').slice(1).join('\n').replace(/^(web:\n(?:.*\n)*?  replicaCount: )2$/m, '$1two');
    expect((await lsp.open(join(workspace, 'charts', 'platform', 'values-trimmed.yaml'), trimmed)).map((d) => d.message)).toEqual([expect.stringMatching(/integer/i)]);
    // beside the chart's schema (helm pull --untar, or the schema copied next to it) it works
    const beside = join(elsewhere, 'beside');
    mkdirSync(beside);
    writeFileSync(join(beside, 'values.schema.json'), readFileSync(join(workspace, 'charts', 'platform', 'values.schema.json')));
    expect(await lsp.open(join(beside, 'my-values.yaml'), r.stdout)).toEqual([]);
  });
});
