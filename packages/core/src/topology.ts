// What a chart renders, as a picture of the platform needs it: its workloads and Services and the references between
// them and to claims, NFS exports, the pull Secret and Prometheus. Each subchart package describes its own chart
// (topology()), from the same values its templates read; the umbrella draws them (a test checks every line drawn
// against what helm renders).

export interface WorkloadNode {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Job';
  name: string;
  /** PersistentVolumeClaims the pods mount. */
  claims: string[];
  /** imagePullSecrets of the pods. */
  pullSecrets: string[];
  /** The pods carry prometheus.io/scrape: "true". */
  scrapeAnnotated: boolean;
}

export interface ServiceNode {
  name: string;
  /** Name of the workload whose pods it selects. */
  selects: string;
  nodePort?: number;
}

export interface NfsClaimNode {
  claim: string;
  volume: string;
  server: string;
  path: string;
}

export interface PartTopology {
  workloads: WorkloadNode[];
  services: ServiceNode[];
  nfs?: NfsClaimNode[];
  /** A kubernetes.io/dockerconfigjson Secret the chart renders, and the registry host it logs in to. */
  pullSecret?: { name: string; server: string };
  /**
   * Prometheus: its workload and its scrape jobs: those that reach the nodes' kubelets, the one that scrapes pods
   * annotated prometheus.io/scrape (any part's), and those that scrape a workload of this chart.
   */
  prometheus?: { workload: string; kubeletJobs: string[]; annotatedPodsJob?: string; jobs: { job: string; workload: string }[] };
  /** Grafana: its workload and the Service its Prometheus datasource points at. */
  grafana?: { workload: string; reads: string };
}

export interface TopologyContext {
  release: string;
  /** The chart's name in the release: its alias, else its name (what .Chart.Name is). */
  chart: string;
}

/** A name as the templates cut it: `trunc max | trimSuffix "-"`. */
export const truncName = (name: string, max = 63): string => name.slice(0, max).replace(/-+$/, '');

/** The `<chart>.fullname` helper of every chart (core/templates/_helpers.tpl.hbs). */
export function fullnameOf(ctx: TopologyContext, values: { nameOverride?: string; fullnameOverride?: string }): string {
  if (values.fullnameOverride) return truncName(values.fullnameOverride);
  const name = values.nameOverride || ctx.chart;
  return truncName(ctx.release.includes(name) ? ctx.release : `${ctx.release}-${name}`);
}

type SecretRef = string | { name: string };

/** The `<chart>.imagePullSecrets` helper: global.imagePullSecrets, then the chart's own. */
export function pullSecretsOf(values: { global?: { imagePullSecrets?: SecretRef[] }; imagePullSecrets?: SecretRef[] }): string[] {
  const refs = [...(values.global?.imagePullSecrets ?? []), ...(values.imagePullSecrets ?? [])];
  return [...new Set(refs.map((r) => (typeof r === 'string' ? r : r.name)))];
}
