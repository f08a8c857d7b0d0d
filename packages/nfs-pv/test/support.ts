// Shared by the nfs-pv suites: the generated chart on disk (once per process), helm template as objects and
// NOTES.txt rendered by real helm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { notesRenderer, parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
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

/** NOTES.txt as helm renders it (see notesRenderer). */
export const renderNotes = notesRenderer(chartOnDisk(), { release: 'platform', namespace: 'storage' });

export function notesSource(): string {
  return readFileSync(join(chartOnDisk(), 'templates', 'NOTES.txt'), 'utf8');
}
