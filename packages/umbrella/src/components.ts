// The subchart packages the umbrella composes. Each owns its schema, defaults and templates; the umbrella
// only needs this small contract from them.
import * as appWithProbes from '@helmforge/app-with-probes';
import * as jobs from '@helmforge/jobs';
import * as monitoring from '@helmforge/monitoring';
import * as nfsPv from '@helmforge/nfs-pv';
import * as registry from '@helmforge/registry';
import type { GeneratedChart, PartTopology, SubchartRelease, TopologyContext, TSchema } from '@helmforge/core';

export interface SubchartPackage {
  CHART_NAME: string;
  CHART_VERSION: string;
  schema: TSchema;
  defaults: object;
  generate(release?: SubchartRelease): GeneratedChart;
  /** What the chart renders for these (merged) values, for the platform's picture. */
  topology(values: never, ctx: TopologyContext): PartTopology;
}

export interface Component {
  /** Key in the stack file and in the umbrella values (the subchart name). */
  key: string;
  chart: SubchartPackage;
  summary: string;
}

/** The fixed parts of the platform, in the order they appear in Chart.yaml and values.yaml. */
export const COMPONENTS: Component[] = [
  { key: 'nfs-pv', chart: nfsPv, summary: 'Static NFS PersistentVolumes and the claims bound to them.' },
  { key: 'registry', chart: registry, summary: 'Private container registry (distribution) with htpasswd auth.' },
  { key: 'monitoring', chart: monitoring, summary: 'Prometheus and Grafana, with alert rules, a dashboard and least-privilege RBAC.' },
  { key: 'jobs', chart: jobs, summary: 'Batch Jobs, CronJobs and Helm hook Jobs.' },
];

/** The chart behind every entry of `apps` (one dependency alias per application). */
export const APP_CHART: SubchartPackage = appWithProbes;
