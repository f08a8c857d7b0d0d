// Shared by the registry suites: the generated chart on disk (once per process) and helm template as objects.
import { cpSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
import { generate } from '../src/index.js';

/**
 * Rendered Kubernetes objects are checked field by field against literal expectations (toEqual/toMatchObject
 * do the real checking); a loose type keeps those paths readable.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export { HELM_BINARIES, runHelm, parseManifests, type HelmBinary, type K8sObject };

let chartDir: string | undefined;
/** The generated chart written to a temp directory (once). */
export function chartOnDisk(): string {
  chartDir ??= writeTreeToTemp(generate().files, 'registry');
  return chartDir;
}

export const SCENARIOS = [...generate().files.keys()].filter((f) => f.startsWith('ci/')).sort();

/** `helm template` of the chart with the given extra args; throws with helm's stderr on failure. */
export function template(helm: HelmBinary, args: string[] = [], release = 'reg'): K8sObject[] {
  const r = runHelm(helm, ['template', release, chartOnDisk(), '--namespace', 'platform', ...args]);
  if (r.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${r.stderr}`);
  return parseManifests(r.stdout);
}

export function decode(secret: K8sObject, key: string): string {
  const data = secret.data as Record<string, string> | undefined;
  const value = data?.[key];
  if (value === undefined) throw new Error(`Secret ${secret.metadata.name} has no key ${key}`);
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The pod spec of a Deployment, StatefulSet or CronJob. */
export function podSpec(o: K8sObject): Record<string, Loose> {
  const spec = o.spec as Record<string, Loose>;
  return o.kind === 'CronJob' ? spec.jobTemplate.spec.template.spec : spec.template.spec;
}

let notesChart: string | undefined;
/**
 * NOTES.txt as helm renders it. `helm template` leaves NOTES out and Helm 3's `install --dry-run=client` still
 * wants a cluster, so a copy of the chart carries NOTES.txt as a plain file and one extra template that
 * renders it with `tpl` (same engine, same values, same helpers) into a ConfigMap.
 */
export function renderNotes(helm: HelmBinary, args: string[] = [], release = 'reg'): string {
  if (!notesChart) {
    notesChart = join(mkdtempSync(join(tmpdir(), 'helmforge-notes-')), 'registry');
    cpSync(chartOnDisk(), notesChart, { recursive: true });
    mkdirSync(join(notesChart, 'notes'));
    renameSync(join(notesChart, 'templates', 'NOTES.txt'), join(notesChart, 'notes', 'NOTES.txt'));
    writeFileSync(
      join(notesChart, 'templates', 'zz-notes.yaml'),
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: rendered-notes', 'data:', '  NOTES.txt: {{ tpl (.Files.Get "notes/NOTES.txt") . | quote }}', ''].join('\n'),
    );
  }
  const r = runHelm(helm, ['template', release, notesChart, '--namespace', 'platform', '--show-only', 'templates/zz-notes.yaml', ...args]);
  if (r.status !== 0) throw new Error(`rendering NOTES.txt failed:\n${r.stderr}`);
  return (parse(r.stdout) as { data: { 'NOTES.txt': string } }).data['NOTES.txt'];
}
