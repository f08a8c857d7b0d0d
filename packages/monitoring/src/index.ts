// The monitoring chart: schema, defaults, templates, chart files (alert rules, dashboards) and CI scenarios.
import { defineSubchart } from '@helmforge/core';
import { fileURLToPath } from 'node:url';
import { defaults } from './defaults.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';

export { schema, defaults, scenarios };
export { PROMETHEUS_DURATION, PROMETHEUS_SIZE, type MonitoringValues } from './schema.js';

/** Chart files copied verbatim (never templated): alert rules and dashboards keep their `{{ … }}` as written. */
export const FILES_DIR = fileURLToPath(new URL('../files/', import.meta.url));

const README = `Prometheus scrapes itself, every pod and Service annotated \`prometheus.io/scrape: "true"\` (honouring
\`prometheus.io/port\`, \`prometheus.io/path\` and \`prometheus.io/scheme\`), the kubelets and their cAdvisor, and node-exporter
when it is enabled; targets get \`namespace\`, \`pod\`, \`service\` and \`node\` labels. \`prometheus.scrapeConfigs\` (job name →
scrape config) and \`prometheus.alertRules.groups\` (group name → rules) add jobs and rule groups by name, so several values
files each add theirs; an entry with \`enabled: false\` is left out.

**Proven loadable.** CI renders the chart for the defaults and every \`ci/*-values.yaml\`, extracts \`prometheus.yml\` and the
rule files from the ConfigMaps and runs \`promtool check config\` and \`promtool check rules\` on them.

**Least privilege.** Prometheus gets a ClusterRole with \`get\`/\`list\`/\`watch\` on pods, services, endpoints, endpointslices and
nodes, \`get\` on \`nodes/metrics\` (kubelet scraping) and on the \`/metrics\` URL, nothing else. \`prometheus.scrape.kubeletVia: apiserver\`
swaps \`nodes/metrics\` for \`nodes/proxy\` to scrape through the API server proxy. \`rbac.namespaced: true\` uses a Role
instead and limits discovery to the release namespace (no node or cAdvisor metrics).

**Alert rules** (\`files/alerting-rules.yaml\`, a chart file so that \`{{ $labels.pod }}\` reaches Prometheus unchanged):
TargetDown, PodCrashLooping, PodNotReady, CPUThrottlingHigh and PersistentVolumeFillingUp. PodCrashLooping and PodNotReady
use kube-state-metrics series and stay silent until kube-state-metrics is scraped (annotate its Service).

**Grafana** gets its admin credentials from \`grafana.admin.existingSecret\` or from a Secret generated on install and read
back with \`lookup\` on every upgrade, so the password never changes under a running Grafana. The Prometheus datasource points at
this chart's Prometheus Service; the "Kubernetes / Resources" dashboard (cluster, namespace and pod CPU and memory, throttling,
volume usage) is provisioned from a ConfigMap. Config checksums on the pod templates roll the pods when configuration changes.

**node-exporter** (\`nodeExporter.enabled\`) runs with host network and PID namespaces and read-only mounts of \`/proc\`, \`/sys\`
and \`/\`, tolerates control-plane taints, and otherwise keeps the secure defaults (non-root, read-only root, no capabilities).`;

export const { CHART_NAME, CHART_VERSION, generate } = defineSubchart({
  metadata: {
    name: 'monitoring',
    description: 'Prometheus and Grafana with provisioned configuration, alert rules, least-privilege RBAC and an optional node-exporter.',
    version: '0.1.0',
    appVersion: defaults.prometheus.image.tag,
    keywords: ['prometheus', 'grafana', 'node-exporter', 'monitoring'],
  },
  schema,
  defaults,
  scenarios,
  readme: README,
  packageUrl: import.meta.url,
});
export { topology } from './topology.js';
