// Values schema of the monitoring chart: Prometheus (config, rules, least-privilege RBAC), Grafana
// (admin Secret, provisioned datasource and dashboards) and an optional node-exporter DaemonSet.
import {
  ContainerSecurityContext, EntryEnabled, EscapeHatches, Image, ImagePullSecrets, Ingress, NameOverrides, NamedMap, NodePort, Persistence, PodPlacement,
  PodSecurityContext, Port, Probe, QUANTITY_PATTERN, Resources, pattern, ServiceAccount, ServiceType, StringMap, T, TestImage, valuesSchema, type Static,
} from '@helmforge/core';

/** A Prometheus duration such as 30s, 1m, 1h30m, 15d. */
export const PROMETHEUS_DURATION = '^(([0-9]+)(ms|s|m|h|d|w|y))+$';
/** A Prometheus size such as 10GB or 512MB (empty: no size limit). */
export const PROMETHEUS_SIZE = '^$|^[0-9]+(\\.[0-9]+)?(B|KB|MB|GB|TB|PB|EB)$';

/** A Prometheus job name (any non-empty string, kept to what needs no quoting). */
const JOB_NAME = pattern('^[A-Za-z0-9_.:/-]+$', 'must be a Prometheus job name: letters, digits and `_.:/-`');
/** A Prometheus rule group name. */
const GROUP_NAME = pattern('^[A-Za-z0-9_.:/-]+$', 'must be a rule group name: letters, digits and `_.:/-`');

const FLAG = pattern('^--', 'must be a command-line flag starting with `--`');

const Duration = (description: string) => T.String({ description, ...pattern(PROMETHEUS_DURATION, 'must be a Prometheus duration such as `30s`, `5m`, `1h30m` or `15d`') });

const Service = (description: string, port: number) =>
  T.Object(
    {
      type: ServiceType,
      port: Port(`Service port (the container listens on ${port}).`),
      nodePort: T.Optional(NodePort()),
      annotations: StringMap('Service annotations.'),
    },
    { description, additionalProperties: false },
  );

/** core's Persistence, plus the emptyDir size limit used when it is off. */
const PersistenceWithEmptyDirLimit = (description: string) =>
  Persistence(description, { emptyDirSizeLimit: T.String({ description: 'Size limit of the emptyDir used when persistence is off.', ...QUANTITY_PATTERN }) });

/** What every pod of the chart accepts. */
const podProperties = {
  resources: Resources(),
  podSecurityContext: PodSecurityContext(),
  securityContext: ContainerSecurityContext(),
  podAnnotations: StringMap('Annotations on the pods.'),
  podLabels: StringMap('Extra labels on the pods.'),
  ...PodPlacement,
  ...EscapeHatches,
};

const ScrapeToggle = (description: string) => T.Boolean({ description });

const prometheus = T.Object(
  {
    image: Image('Prometheus server image.'),
    workload: T.Union([T.Literal('Deployment'), T.Literal('StatefulSet')], { description: 'Run Prometheus as a Deployment (Recreate strategy) or a StatefulSet (a volumeClaimTemplate when persistence is on without existingClaim).' }),
    retention: T.Object(
      {
        time: Duration('How long samples are kept (--storage.tsdb.retention.time).'),
        size: T.String({ description: 'Largest size of the TSDB before the oldest blocks are deleted (--storage.tsdb.retention.size), e.g. 8GB; empty for no limit.', ...pattern(PROMETHEUS_SIZE, 'must be empty or a size such as `512MB` or `8GB`') }),
      },
      { description: 'Data retention.', additionalProperties: false },
    ),
    scrapeInterval: Duration('How often targets are scraped (global.scrape_interval).'),
    scrapeTimeout: Duration('Scrape timeout (global.scrape_timeout); must not exceed scrapeInterval.'),
    evaluationInterval: Duration('How often rules are evaluated (global.evaluation_interval).'),
    externalLabels: StringMap('Labels added to every series and alert (global.external_labels).'),
    scrape: T.Object(
      {
        self: ScrapeToggle('Scrape Prometheus itself (job `prometheus`).'),
        annotatedPods: ScrapeToggle('Scrape pods annotated prometheus.io/scrape: "true" (with prometheus.io/port, path, scheme); job `kubernetes-pods`.'),
        annotatedServices: ScrapeToggle('Scrape the endpoints of Services annotated prometheus.io/scrape: "true"; job `kubernetes-service-endpoints`.'),
        nodes: ScrapeToggle('Scrape every kubelet (job `kubernetes-nodes`); cluster mode only.'),
        cadvisor: ScrapeToggle('Scrape cAdvisor container metrics of every kubelet (job `kubernetes-cadvisor`); cluster mode only.'),
        kubeletVia: T.Union([T.Literal('kubelet'), T.Literal('apiserver')], {
          description: 'How kubelet and cAdvisor metrics are reached: `kubelet` scrapes each node on its kubelet port with the ServiceAccount token (RBAC: nodes/metrics only); `apiserver` goes through the API server proxy (reaches nodes whose kubelet port is firewalled, but needs nodes/proxy, a broader permission).',
        }),
        kubeletInsecureSkipVerify: T.Boolean({ description: 'Skip verifying kubelet serving certificates (kubeadm kubelets have self-signed ones); only used with kubeletVia: kubelet.' }),
      },
      { description: 'Built-in scrape jobs.', additionalProperties: false },
    ),
    scrapeConfigs: NamedMap(
      T.Object({ enabled: EntryEnabled() }, { description: 'A Prometheus scrape_configs entry without job_name (the key is the job name), passed verbatim.', additionalProperties: true }),
      'Scrape jobs added to the built-in ones, by job name; each entry is a Prometheus scrape_configs entry without job_name (promtool checks them in CI). Values files add jobs without losing each other\'s.',
      { names: JOB_NAME },
    ),
    alertRules: T.Object(
      {
        defaults: T.Boolean({ description: 'Load the built-in alert rules: TargetDown, PodCrashLooping, PodNotReady, PersistentVolumeFillingUp, CPUThrottlingHigh.' }),
        groups: NamedMap(
          T.Object({ enabled: EntryEnabled() }, { description: 'A Prometheus rule group without name (the key is the group name): rules, and optionally interval and limit; passed verbatim.', additionalProperties: true }),
          'Rule groups added to the built-in ones, by group name; `{{ $labels.x }}` in annotations is kept literally.',
          { names: GROUP_NAME },
        ),
      },
      { description: 'Alerting rules, loaded from a ConfigMap.', additionalProperties: false },
    ),
    extraArgs: T.Array(T.String({ description: 'Flag, e.g. --query.timeout=1m.', ...FLAG }), { description: 'Extra command-line flags of Prometheus.' }),
    persistence: PersistenceWithEmptyDirLimit('TSDB storage at /prometheus.'),
    service: Service('The Prometheus Service (Grafana\'s datasource points at it).', 9090),
    serviceAccount: ServiceAccount('ServiceAccount of Prometheus; its token is needed for Kubernetes service discovery.'),
    livenessProbe: Probe('Liveness probe (GET /-/healthy).'),
    readinessProbe: Probe('Readiness probe (GET /-/ready).'),
    startupProbe: Probe('Startup probe: allows for WAL replay after a restart.'),
    terminationGracePeriodSeconds: T.Integer({ minimum: 0, maximum: 3600, description: 'Seconds Prometheus gets to flush the head block on shutdown.' }),
    ...podProperties,
  },
  { description: 'The Prometheus server.', additionalProperties: false },
);

const grafana = T.Object(
  {
    enabled: T.Boolean({ description: 'Deploy Grafana.' }),
    image: Image('Grafana image.'),
    admin: T.Object(
      {
        existingSecret: T.String({ description: 'Existing Secret with the admin credentials; empty creates one whose password is generated once and kept across upgrades.' }),
        user: T.String({ description: 'Admin user name of the generated Secret.', minLength: 1 }),
        userKey: T.String({ description: 'Key of the user name in the Secret.', minLength: 1 }),
        passwordKey: T.String({ description: 'Key of the password in the Secret.', minLength: 1 }),
      },
      { description: 'Admin credentials.', additionalProperties: false },
    ),
    datasource: T.Object(
      {
        name: T.String({ description: 'Name of the provisioned Prometheus datasource.', minLength: 1 }),
        uid: T.String({ description: 'UID of the datasource; the built-in dashboard refers to it.', ...pattern('^[a-zA-Z0-9_-]{1,40}$', 'must be 1 to 40 letters, digits, "_" or "-"') }),
        url: T.String({ description: 'URL of Prometheus; empty means this chart\'s Prometheus Service.' }),
      },
      { description: 'The Prometheus datasource, provisioned from a ConfigMap.', additionalProperties: false },
    ),
    dashboards: T.Object(
      {
        defaults: T.Boolean({ description: 'Provision the built-in "Kubernetes / Resources" dashboard (cluster and namespace CPU and memory).' }),
        folder: T.String({ description: 'Grafana folder of the provisioned dashboards.' }),
        extra: StringMap('Extra dashboards: file name (ending in .json) → dashboard JSON.'),
      },
      { description: 'Dashboards provisioned from a ConfigMap through a file provider.', additionalProperties: false },
    ),
    settings: StringMap('Extra grafana.ini settings as environment variables GF_<SECTION>_<KEY> (name → value), e.g. GF_SERVER_ROOT_URL.'),
    persistence: PersistenceWithEmptyDirLimit('Grafana data (SQLite database, plugins) at /var/lib/grafana.'),
    service: Service('The Grafana Service.', 3000),
    ingress: Ingress('Ingress to Grafana (networking.k8s.io/v1).'),
    serviceAccount: ServiceAccount('ServiceAccount of Grafana.'),
    livenessProbe: Probe('Liveness probe (GET /api/health).'),
    readinessProbe: Probe('Readiness probe (GET /api/health).'),
    ...podProperties,
  },
  { description: 'Grafana with a provisioned Prometheus datasource and dashboards.', additionalProperties: false },
);

const nodeExporter = T.Object(
  {
    enabled: T.Boolean({ description: 'Deploy the node-exporter DaemonSet and scrape it (job `node-exporter`).' }),
    image: Image('node-exporter image.'),
    port: Port('Port node-exporter listens on in the host network namespace.'),
    hostNetwork: T.Boolean({ description: 'Use the host network namespace (host network interface statistics).' }),
    hostPID: T.Boolean({ description: 'Use the host PID namespace (host process statistics).' }),
    tolerateControlPlane: T.Boolean({ description: 'Tolerate the control-plane NoSchedule taints (node-role.kubernetes.io/control-plane and /master), so control-plane nodes report too; `tolerations` adds to these.' }),
    extraArgs: T.Array(T.String({ description: 'Flag.', ...FLAG }), { description: 'Extra node-exporter flags, e.g. --collector.systemd.' }),
    serviceAccount: ServiceAccount('ServiceAccount of node-exporter (needs no API access).'),
    livenessProbe: Probe('Liveness probe (GET /).'),
    readinessProbe: Probe('Readiness probe (GET /).'),
    updateStrategy: T.Object(
      { maxUnavailable: T.Integer({ minimum: 1, description: 'Nodes updated at once.' }) },
      { description: 'RollingUpdate parameters of the DaemonSet.', additionalProperties: false },
    ),
    ...podProperties,
  },
  { description: 'Host metrics from every node (hostNetwork/hostPID and read-only host mounts; everything else locked down).', additionalProperties: false },
);

export const schema = valuesSchema('monitoring', 'Prometheus and Grafana with provisioned configuration, least-privilege RBAC and an optional node-exporter.', {
  ...NameOverrides,
  imagePullSecrets: ImagePullSecrets(),
  rbac: T.Object(
    {
      create: T.Boolean({ description: 'Create the RBAC objects Prometheus needs for service discovery.' }),
      namespaced: T.Boolean({ description: 'Namespaced-only mode: a Role/RoleBinding instead of a ClusterRole/ClusterRoleBinding, service discovery limited to the release namespace, no node or cAdvisor scraping.' }),
    },
    { description: 'RBAC of Prometheus: get/list/watch on the discovery resources only.', additionalProperties: false },
  ),
  prometheus,
  grafana,
  nodeExporter,
  tests: T.Object({ enabled: T.Boolean({ description: 'Add `helm test` pods that check Prometheus (/-/ready) and Grafana (/api/health) answer through their Services.' }), image: TestImage() }, { description: '`helm test` hooks.', additionalProperties: false }),
});

export type MonitoringValues = Static<typeof schema>;
