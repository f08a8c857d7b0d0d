// CI scenarios (ci/*-values.yaml): every optional feature switched on at least once.
import { CI_GLOBAL, CI_GLOBAL_PULL_SECRET, type ChartLintConfig } from '@helmforge/core';
export const scenarios: Record<string, object> = {
  'namespaced-only': {
    rbac: { create: true, namespaced: true },
    prometheus: { persistence: { enabled: false } },
    grafana: { persistence: { enabled: false } },
  },
  statefulset: {
    prometheus: {
      workload: 'StatefulSet',
      retention: { time: '30d', size: '45GB' },
      persistence: { enabled: true, storageClass: 'local-path', size: '50Gi', annotations: { 'example.com/backup': 'false' } },
      externalLabels: { cluster: 'onprem-1' },
      extraArgs: ['--query.timeout=1m'],
      scrape: { kubeletVia: 'apiserver' },
    },
  },
  'existing-secret-and-claims': {
    prometheus: { persistence: { enabled: true, existingClaim: 'prometheus-data' } },
    grafana: {
      admin: { existingSecret: 'grafana-admin', userKey: 'user', passwordKey: 'password' },
      persistence: { enabled: true, existingClaim: 'grafana-data' },
      datasource: { name: 'Cluster Prometheus', uid: 'cluster-prom', url: '' },
    },
    global: CI_GLOBAL,
  },
  'node-exporter': {
    nodeExporter: { enabled: true, extraArgs: ['--collector.systemd'] },
    prometheus: { scrape: { kubeletInsecureSkipVerify: false } },
  },
  ingress: {
    grafana: {
      ingress: {
        enabled: true,
        className: 'nginx',
        annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
        hosts: [{ host: 'grafana.example.lan', paths: [{ path: '/', pathType: 'Prefix' }] }],
        tls: [{ secretName: 'grafana-tls', hosts: ['grafana.example.lan'] }],
      },
      settings: { GF_SERVER_ROOT_URL: 'https://grafana.example.lan/' },
      service: { type: 'NodePort', port: 80, nodePort: 30300 },
    },
    prometheus: { service: { type: 'NodePort', port: 9090, nodePort: 30090 } },
  },
  'extra-scrape-configs-and-rules': {
    prometheus: {
      scrapeConfigs: {
        registry: { metrics_path: '/metrics', static_configs: [{ targets: ['registry.platform.svc:5001'], labels: { service: 'registry' } }] },
        'blackbox-http': {
          metrics_path: '/probe',
          params: { module: ['http_2xx'] },
          static_configs: [{ targets: ['https://grafana.example.lan'] }],
          relabel_configs: [
            { source_labels: ['__address__'], target_label: '__param_target' },
            { source_labels: ['__param_target'], target_label: 'instance' },
            { target_label: '__address__', replacement: 'blackbox-exporter:9115' },
          ],
        },
        'switched-off': { enabled: false, static_configs: [{ targets: ['nowhere:1'] }] },
      },
      alertRules: {
        defaults: true,
        groups: {
          'platform.registry': {
            rules: [
              { alert: 'RegistryDown', expr: 'up{job="registry"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'Registry {{ $labels.instance }} is down' } },
              { record: 'namespace:container_cpu_usage_seconds:rate5m', expr: 'sum by (namespace) (rate(container_cpu_usage_seconds_total{container!=""}[5m]))' },
            ],
          },
        },
      },
    },
    grafana: { dashboards: { defaults: true, folder: 'Platform', extra: { 'hello.json': '{"title": "Hello", "uid": "hello", "panels": [], "schemaVersion": 39}' } } },
  },
  'grafana-off': {
    grafana: { enabled: false },
    prometheus: { alertRules: { defaults: false }, scrape: { nodes: false, cadvisor: false, annotatedServices: false } },
    tests: { enabled: false },
  },
};

/** What the scenarios name without the chart creating it (helmforge lint reads it from .helmforge-lint.yaml). */
export const lint: ChartLintConfig = {
  external: [
    { kind: 'PersistentVolumeClaim', name: 'prometheus-data', reason: 'ci/existing-secret-and-claims-values.yaml keeps Prometheus data on an existing claim' },
    { kind: 'PersistentVolumeClaim', name: 'grafana-data', reason: 'ci/existing-secret-and-claims-values.yaml keeps Grafana data on an existing claim' },
    { kind: 'Secret', name: 'grafana-admin', reason: 'ci/existing-secret-and-claims-values.yaml takes the Grafana admin from an existing Secret' },
    CI_GLOBAL_PULL_SECRET,
  ],
};
