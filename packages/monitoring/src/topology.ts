// What this chart renders, for the picture of the platform (see core/topology.ts): Prometheus and what it scrapes,
// Grafana and the Prometheus it reads, node-exporter, their Services and claims.
import { fullnameOf, pullSecretsOf, truncName, type PartTopology, type TopologyContext, type WorkloadNode } from '@helmforge/core';
import type { MonitoringValues } from './schema.js';

export function topology(values: MonitoringValues, ctx: TopologyContext): PartTopology {
  const base = fullnameOf(ctx, values);
  const component = (c: string) => truncName(`${base}-${c}`);
  const pullSecrets = pullSecretsOf(values);
  // the dataVolume helper: an existing claim, the component's own claim, or an emptyDir
  const claimOf = (c: string, persistence: { enabled: boolean; existingClaim: string }, template = false) =>
    persistence.existingClaim ? [persistence.existingClaim] : persistence.enabled && !template ? [component(c)] : [];
  const p = values.prometheus;
  const prometheus = component('prometheus');
  const workloads: WorkloadNode[] = [
    { kind: p.workload, name: prometheus, claims: claimOf('prometheus', p.persistence, p.workload === 'StatefulSet'), pullSecrets, scrapeAnnotated: p.podAnnotations['prometheus.io/scrape'] === 'true' },
  ];
  const services = [{ name: prometheus, selects: prometheus }];
  const g = values.grafana;
  if (g.enabled) {
    workloads.push({ kind: 'Deployment', name: component('grafana'), claims: claimOf('grafana', g.persistence), pullSecrets, scrapeAnnotated: g.podAnnotations['prometheus.io/scrape'] === 'true' });
    services.push({ name: component('grafana'), selects: component('grafana') });
  }
  const n = values.nodeExporter;
  if (n.enabled) workloads.push({ kind: 'DaemonSet', name: component('node-exporter'), claims: [], pullSecrets, scrapeAnnotated: false });
  const cluster = !values.rbac.namespaced;
  return {
    workloads,
    services,
    prometheus: {
      workload: prometheus,
      kubeletJobs: cluster ? [...(p.scrape.nodes ? ['kubernetes-nodes'] : []), ...(p.scrape.cadvisor ? ['kubernetes-cadvisor'] : [])] : [],
      ...(p.scrape.annotatedPods ? { annotatedPodsJob: 'kubernetes-pods' } : {}),
      jobs: n.enabled ? [{ job: 'node-exporter', workload: component('node-exporter') }] : [],
    },
    // the datasource points at this chart's Prometheus unless grafana.datasource.url names another
    ...(g.enabled && !g.datasource.url ? { grafana: { workload: component('grafana'), reads: prometheus } } : {}),
  };
}
