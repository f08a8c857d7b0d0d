// Shared by the registry suites: the generated chart on disk (once per process) and helm template as objects.
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { notesRenderer, parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
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

/** NOTES.txt as helm renders it (see notesRenderer). */
export const renderNotes = notesRenderer(chartOnDisk(), { release: 'reg', namespace: 'platform' });
