// Shared by the nfs-pv suites: the generated chart on disk (once per process), helm template as objects and
// NOTES.txt rendered by real helm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { chartFixture, parseManifests, type K8sObject } from '../../../tools/testkit/chart.js';
import { generate } from '../src/index.js';

export { HELM_BINARIES, runHelm, parseManifests, type HelmBinary, type K8sObject };

const fixture = chartFixture(generate, { release: 'platform', namespace: 'storage' });

/** The generated chart written to a temp directory (once). */
export const chartOnDisk = (): string => fixture.dir;
export const SCENARIOS = fixture.scenarios;
export const template = fixture.template;

/** NOTES.txt as helm renders it (see notesRenderer). */
export const renderNotes = fixture.renderNotes;

export function notesSource(): string {
  return readFileSync(join(chartOnDisk(), 'templates', 'NOTES.txt'), 'utf8');
}
