// Shared by the registry suites: the generated chart on disk (once per process) and helm template as objects.
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { chartFixture, parseManifests, type K8sObject } from '../../../tools/testkit/chart.js';
import { generate } from '../src/index.js';

/**
 * Rendered Kubernetes objects are checked field by field against literal expectations (toEqual/toMatchObject
 * do the real checking); a loose type keeps those paths readable.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export { HELM_BINARIES, runHelm, parseManifests, type HelmBinary, type K8sObject };

const fixture = chartFixture(generate, { release: 'reg', namespace: 'platform' });

/** The generated chart written to a temp directory (once). */
export const chartOnDisk = (): string => fixture.dir;
export const SCENARIOS = fixture.scenarios;
export const template = fixture.template;

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

/** NOTES.txt as helm renders it (see notesRenderer). */
export const renderNotes = fixture.renderNotes;
