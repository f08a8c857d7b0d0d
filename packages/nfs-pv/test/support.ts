// Shared by the nfs-pv suites: the generated chart on disk (once per process), helm template as objects and
// NOTES.txt rendered by real helm.
import { cpSync, mkdtempSync, readFileSync, renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
import { generate } from '../src/index.js';

export { HELM_BINARIES, runHelm, parseManifests, type HelmBinary, type K8sObject };

let chartDir: string | undefined;
export function chartOnDisk(): string {
  chartDir ??= writeTreeToTemp(generate().files, 'nfs-pv');
  return chartDir;
}

export const SCENARIOS = [...generate().files.keys()].filter((f) => f.startsWith('ci/')).sort();

export function template(helm: HelmBinary, args: string[] = [], release = 'platform'): K8sObject[] {
  const r = runHelm(helm, ['template', release, chartOnDisk(), '--namespace', 'storage', ...args]);
  if (r.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${r.stderr}`);
  return parseManifests(r.stdout);
}

let notesChart: string | undefined;
/**
 * NOTES.txt as helm renders it. `helm template` leaves NOTES out and Helm 3's `install --dry-run=client` still
 * wants a cluster, so a copy of the chart carries NOTES.txt as a plain file and one extra template that
 * renders it with `tpl` (same engine, same values, same helpers) into a ConfigMap.
 */
export function renderNotes(helm: HelmBinary, args: string[] = [], release = 'platform'): string {
  if (!notesChart) {
    notesChart = join(mkdtempSync(join(tmpdir(), 'helmforge-notes-')), 'nfs-pv');
    cpSync(chartOnDisk(), notesChart, { recursive: true });
    mkdirSync(join(notesChart, 'notes'));
    renameSync(join(notesChart, 'templates', 'NOTES.txt'), join(notesChart, 'notes', 'NOTES.txt'));
    writeFileSync(
      join(notesChart, 'templates', 'zz-notes.yaml'),
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: rendered-notes', 'data:', '  NOTES.txt: {{ tpl (.Files.Get "notes/NOTES.txt") . | quote }}', ''].join('\n'),
    );
  }
  const r = runHelm(helm, ['template', release, notesChart, '--namespace', 'storage', '--show-only', 'templates/zz-notes.yaml', ...args]);
  if (r.status !== 0) throw new Error(`rendering NOTES.txt failed:\n${r.stderr}`);
  const cm = parse(r.stdout) as { data: { 'NOTES.txt': string } };
  return cm.data['NOTES.txt'];
}

export function notesSource(): string {
  return readFileSync(join(chartOnDisk(), 'templates', 'NOTES.txt'), 'utf8');
}
