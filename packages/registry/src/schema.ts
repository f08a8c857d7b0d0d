// Values schema of the registry chart: a private OCI/Docker registry (CNCF distribution 2.8) with htpasswd
// auth, its config.yml in a ConfigMap, storage on a PVC (own or an nfs-pv claim), S3 or an emptyDir.
import {
  ContainerSecurityContext, EscapeHatches, Image, ImagePullSecrets, Ingress, NameOverrides, NodePort, InitContainers, Persistence,
  PodPlacement, PodSecurityContext, Port, Probe, Resources, ServiceAccount, ServiceType, StringMap, T, TestImage, valuesSchema,
  ABSOLUTE_PATH, CronSchedule, DNS_SUBDOMAIN, emptyOr, pattern, TIME_ZONE, type Static,
} from '@helmforge/core';

/** A Secret name, or empty for "none". */
const SecretName = (description: string) => T.String({ description, ...emptyOr(DNS_SUBDOMAIN), maxLength: 253 });

/** A Go duration in whole hours, minutes or seconds. */
const GO_DURATION = pattern('^[0-9]+(h|m|s)$', 'must be a duration in whole hours, minutes or seconds, e.g. `168h`');

const S3 = T.Object(
  {
    region: T.String({ description: 'AWS region (any value for S3-compatible stores such as MinIO, e.g. us-east-1).', minLength: 1 }),
    regionEndpoint: T.String({ description: 'Endpoint of an S3-compatible store, e.g. http://minio.storage:9000; empty for AWS.' }),
    bucket: T.String({ description: 'Bucket name (must exist).' }),
    rootDirectory: T.String({ description: 'Key prefix inside the bucket; empty for the bucket root.' }),
    encrypt: T.Boolean({ description: 'Server-side encryption of stored objects.' }),
    secure: T.Boolean({ description: 'Use HTTPS to talk to the store.' }),
    skipVerify: T.Boolean({ description: 'Skip TLS certificate verification of the store (self-signed MinIO).' }),
    v4Auth: T.Boolean({ description: 'Use AWS signature version 4.' }),
    accessKey: T.String({ description: 'Access key id; stored in the chart Secret and passed as REGISTRY_STORAGE_S3_ACCESSKEY. Empty uses the node/IRSA credentials.' }),
    secretKey: T.String({ description: 'Secret access key; stored in the chart Secret and passed as REGISTRY_STORAGE_S3_SECRETKEY.' }),
    existingSecret: SecretName('Existing Secret with keys s3AccessKey and s3SecretKey; replaces accessKey/secretKey.'),
  },
  { description: 'S3 storage driver settings (used when storage.type is s3).', additionalProperties: false },
);

export const schema = valuesSchema('registry', 'A private container and OCI registry (CNCF distribution 2.8) with htpasswd auth, persistent storage and optional garbage collection.', {
  ...NameOverrides,
  image: Image('Registry image (distribution 2.8). The container runs as podSecurityContext.runAsUser, not as the image default root.'),
  imagePullSecrets: ImagePullSecrets(),
  kind: T.Union([T.Literal('Deployment'), T.Literal('StatefulSet')], {
    description: 'Workload kind. A StatefulSet gets its data claim from a volumeClaimTemplate (unless persistence.existingClaim is set) and a headless Service.',
  }),
  replicaCount: T.Integer({ minimum: 0, maximum: 1, description: 'Replicas: 0 or 1. Filesystem storage on a ReadWriteOnce volume cannot be shared; scale with S3 storage and an external chart.' }),
  revisionHistoryLimit: T.Integer({ minimum: 0, maximum: 100, description: 'Old ReplicaSets (or StatefulSet revisions) kept for rollback.' }),
  updateStrategy: T.Union([T.Literal('Recreate'), T.Literal('RollingUpdate')], {
    description: 'Deployment strategy. Recreate (default) stops the old pod before the new one mounts a ReadWriteOnce volume; StatefulSets always use RollingUpdate.',
  }),
  config: T.Object(
    {
      logLevel: T.Union([T.Literal('error'), T.Literal('warn'), T.Literal('info'), T.Literal('debug')], { description: 'log.level of the registry.' }),
      port: Port('Port of the registry API (http.addr).'),
      debugPort: Port('Port of the debug server (http.debug.addr): /debug/health for the readiness probe and /metrics for Prometheus. Never exposed by the Service.'),
      httpSecret: T.String({
        description: 'http.secret (signs upload state). Empty keeps the value of the existing chart Secret across upgrades (lookup) or generates a random one on install.',
      }),
      relativeUrls: T.Boolean({ description: 'http.relativeurls: answer with relative Location headers (useful behind a TLS-terminating Ingress).' }),
      headers: T.Record(T.String(), T.Array(T.String({ description: 'Header value.' }), { description: 'Values of this header.' }), {
        description: 'http.headers added to every response.',
      }),
      deleteEnabled: T.Boolean({ description: 'storage.delete.enabled: allow deleting manifests and blobs through the API (needed for garbage collection to free space).' }),
      redirectDisabled: T.Boolean({ description: 'storage.redirect.disable: serve S3 blobs through the registry instead of redirecting clients to the store.' }),
      uploadPurging: T.Object(
        {
          enabled: T.Boolean({ description: 'Purge abandoned uploads.' }),
          age: T.String({ description: 'Purge uploads older than this (Go duration).', ...GO_DURATION }),
          interval: T.String({ description: 'How often to purge (Go duration).', ...GO_DURATION }),
        },
        { description: 'storage.maintenance.uploadpurging.', additionalProperties: false },
      ),
    },
    { description: 'config.yml of the registry (rendered into a ConfigMap; a change rolls the pod through a checksum annotation).', additionalProperties: false },
  ),
  auth: T.Object(
    {
      enabled: T.Boolean({ description: 'Require htpasswd (basic) authentication for every API call.' }),
      realm: T.String({ description: 'auth.htpasswd.realm shown to clients.', minLength: 1 }),
      username: T.String({ description: 'User written to the htpasswd file.', ...pattern('^[^:\\s]+$', 'must be a user name without ":" or spaces') }),
      password: T.String({ description: 'Password of that user. Empty keeps the password of the existing chart Secret (lookup) or generates a random one on install; read it from the Secret\'s password key.' }),
      existingSecret: SecretName('Existing Secret with an htpasswd file (bcrypt entries) under auth.existingSecretKey; replaces username/password.'),
      existingSecretKey: T.String({ description: 'Key of the htpasswd file in auth.existingSecret.', minLength: 1 }),
    },
    { description: 'htpasswd authentication. The chart Secret holds the htpasswd entry made with Helm\'s htpasswd function (bcrypt).', additionalProperties: false },
  ),
  storage: T.Object(
    {
      type: T.Union([T.Literal('filesystem'), T.Literal('s3')], { description: 'Storage driver: filesystem (on the persistence volume) or s3.' }),
      rootDirectory: T.String({ description: 'Mount path of the data volume and storage.filesystem.rootdirectory.', ...ABSOLUTE_PATH }),
      s3: S3,
    },
    { description: 'Where image layers and manifests are stored.', additionalProperties: false },
  ),
  persistence: Persistence('Data volume of the filesystem driver: an existing claim (e.g. registry-data from nfs-pv), a new claim, or an emptyDir when disabled.'),
  proxy: T.Object(
    {
      enabled: T.Boolean({ description: 'Run as a pull-through cache of proxy.remoteUrl (a proxy registry is read-only: pushes are refused).' }),
      remoteUrl: T.String({ description: 'proxy.remoteurl: the upstream registry.', ...pattern('^https?://', 'must be an http:// or https:// URL') }),
      username: T.String({ description: 'Upstream user (stored in the chart Secret, passed as REGISTRY_PROXY_USERNAME); empty for anonymous.' }),
      password: T.String({ description: 'Upstream password (stored in the chart Secret, passed as REGISTRY_PROXY_PASSWORD).' }),
    },
    { description: 'Pull-through cache mode.', additionalProperties: false },
  ),
  service: T.Object(
    {
      type: ServiceType,
      port: Port('Service port of the registry API.'),
      nodePort: T.Optional(NodePort('Fixed node port (30000–32767) when type is NodePort, so nodes reach the registry at node-ip:nodePort; null lets Kubernetes pick one.')),
      annotations: StringMap('Service annotations.'),
    },
    { description: 'Service in front of the registry API (the debug/metrics port is not part of it).', additionalProperties: false },
  ),
  ingress: Ingress('Ingress (networking.k8s.io/v1) to the registry API. Keep the proxy-body-size annotation: image layers are large.'),
  pullSecret: T.Object(
    {
      enabled: T.Boolean({ description: 'Create a kubernetes.io/dockerconfigjson Secret with the chart\'s credentials (needs auth.username/password, not auth.existingSecret).' }),
      name: T.String({ description: 'Name of that Secret, not prefixed with the release, so other charts can list it in global.imagePullSecrets.', ...DNS_SUBDOMAIN }),
      server: T.String({ description: 'Registry host as nodes pull from it, e.g. 192.168.1.20:30500. Empty: the first Ingress host, else 127.0.0.1:<nodePort> for a NodePort Service with a fixed port, else the Service DNS name and port. Must equal the host in image references.' }),
    },
    { description: 'Image pull Secret for the registry\'s own credentials.', additionalProperties: false },
  ),
  garbageCollect: T.Object(
    {
      enabled: T.Boolean({ description: 'Add a CronJob running `registry garbage-collect` on the same config and volume.' }),
      schedule: CronSchedule('Cron schedule (default weekly, Sunday 03:00).'),
      timeZone: T.String({ description: 'IANA time zone of the schedule; empty for the controller\'s zone.', ...emptyOr(TIME_ZONE) }),
      deleteUntagged: T.Boolean({ description: 'Pass --delete-untagged: also delete manifests no tag points to.' }),
      dryRun: T.Boolean({ description: 'Pass --dry-run: only report what would be deleted.' }),
      concurrencyPolicy: T.Union([T.Literal('Forbid'), T.Literal('Replace'), T.Literal('Allow')], { description: 'What happens when a run is still active at the next schedule.' }),
      successfulJobsHistoryLimit: T.Integer({ minimum: 0, maximum: 100, description: 'Finished Jobs kept.' }),
      failedJobsHistoryLimit: T.Integer({ minimum: 0, maximum: 100, description: 'Failed Jobs kept.' }),
      resources: Resources('Resources of the garbage-collect container.'),
    },
    {
      description: 'Garbage collection of unreferenced blobs. Deletions must be enabled; with a ReadWriteOnce volume the Job must land on the registry\'s node (use ReadWriteMany, e.g. nfs-pv).',
      additionalProperties: false,
    },
  ),
  metrics: T.Object(
    {
      enabled: T.Boolean({ description: 'Enable Prometheus metrics on the debug port (/metrics).' }),
      path: T.String({ description: 'Path of the metrics endpoint.', ...ABSOLUTE_PATH }),
      scrapeAnnotations: T.Boolean({ description: 'Add prometheus.io/scrape, port and path annotations to the pod.' }),
    },
    { description: 'Prometheus metrics.', additionalProperties: false },
  ),
  livenessProbe: Probe('Liveness probe. Default: GET / on the API port, which answers 200 even with auth on (GET /v2/ answers 401).'),
  readinessProbe: Probe('Readiness probe. Default: GET /debug/health on the debug port (200 while the storage driver is healthy).'),
  serviceAccount: ServiceAccount(),
  podAnnotations: StringMap('Annotations on the pods.'),
  podLabels: StringMap('Extra labels on the pods.'),
  podSecurityContext: PodSecurityContext('Pod-level securityContext. The image runs as root by default; the chart runs it as UID/GID 1000 with fsGroup 1000 so the data volume is writable.'),
  securityContext: ContainerSecurityContext(),
  resources: Resources(),
  terminationGracePeriodSeconds: T.Integer({ minimum: 0, maximum: 3600, description: 'Seconds between SIGTERM and SIGKILL (lets uploads finish).' }),
  initContainers: InitContainers('Extra init containers (core/v1 Container).'),
  ...PodPlacement,
  ...EscapeHatches,
  tests: T.Object({ enabled: T.Boolean({ description: 'Add a `helm test` pod that fetches / through the Service (200 even with auth on).' }), image: TestImage() }, { description: '`helm test` hook.', additionalProperties: false }),
});

export type RegistryValues = Static<typeof schema>;
