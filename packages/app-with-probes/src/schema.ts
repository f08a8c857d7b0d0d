// Values schema of the app-with-probes chart: one application Deployment with health probes and a
// rolling update that never takes the old replicas down before new ones are ready.
import {
  Containers, ContainerSecurityContext, EntryEnabled, EscapeHatches, Image, ImagePullSecrets, Ingress, InitContainers, IntOrPercent, Lifecycle, NamedMap,
  NameOverrides, NodePort, PodPlacement, PodSecurityContext, Port, Probe, Resources, ServiceAccount, ServiceType, StringMap, T, TestImage,
  valuesSchema, ABSOLUTE_PATH, Null, PORT_NAME, type Static,
} from '@helmforge/core';

const ContainerPort = T.Object(
  {
    enabled: EntryEnabled(),
    containerPort: Port('Port the container listens on.'),
    servicePort: Port('Port the Service exposes for it.'),
    protocol: T.Union([T.Literal('TCP'), T.Literal('UDP'), T.Literal('SCTP')], { description: 'Protocol.' }),
    nodePort: T.Optional(NodePort()),
  },
  { description: 'A named container port and its Service port.', additionalProperties: false },
);

export const schema = valuesSchema('app-with-probes', 'An application Deployment with liveness, readiness and startup probes and zero-downtime rolling updates.', {
  ...NameOverrides,
  image: Image('Application image.'),
  imagePullSecrets: ImagePullSecrets(),
  command: T.Array(T.String({ description: 'Argument.' }), { description: 'Overrides the image ENTRYPOINT; empty keeps it.' }),
  args: T.Array(T.String({ description: 'Argument.' }), { description: 'Overrides the image CMD; empty keeps it.' }),
  replicaCount: T.Integer({ minimum: 0, description: 'Replicas when autoscaling is off.' }),
  revisionHistoryLimit: T.Integer({ minimum: 0, maximum: 100, description: 'Old ReplicaSets kept for `helm rollback`/`kubectl rollout undo`.' }),
  minReadySeconds: T.Integer({ minimum: 0, maximum: 3600, description: 'Seconds a new pod must stay ready before it counts as available.' }),
  progressDeadlineSeconds: T.Integer({ minimum: 1, maximum: 86400, description: 'Seconds before a stalled rollout is reported as failed (the old replicas keep serving).' }),
  strategy: T.Object(
    {
      type: T.Union([T.Literal('RollingUpdate'), T.Literal('Recreate')], { description: 'RollingUpdate replaces pods gradually; Recreate stops all first (downtime).' }),
      rollingUpdate: T.Object(
        {
          maxSurge: IntOrPercent('Pods created above the desired count during an update.'),
          maxUnavailable: IntOrPercent('Pods that may be unavailable during an update; 0 keeps every old replica until its replacement is ready.'),
        },
        { description: 'RollingUpdate parameters.', additionalProperties: false },
      ),
    },
    {
      description: 'Deployment update strategy.',
      additionalProperties: false,
      // maxSurge and maxUnavailable must not both be zero (as a number or as 0%), or a rollout can never make progress.
      not: { properties: { rollingUpdate: { properties: { maxSurge: { enum: [0, '0%'] }, maxUnavailable: { enum: [0, '0%'] } }, required: ['maxSurge', 'maxUnavailable'] } }, required: ['rollingUpdate'] },
    },
  ),
  ports: NamedMap(ContainerPort, 'Container ports by name (IANA_SVC_NAME: at most 15 lowercase characters); the Service targets each by name and probes may name them. A values file that adds a port keeps `http`.', { maxLength: 15, minProperties: 1 }),
  mainPort: T.String({ description: 'Name of the entry of `ports` that serves HTTP: the Ingress routes to it, `helm test` fetches it and NOTES.txt shows it.', ...PORT_NAME, maxLength: 15 }),
  livenessProbe: Probe('Liveness probe: the kubelet restarts the container when it fails.'),
  readinessProbe: Probe('Readiness probe: the pod receives traffic (and counts as available in a rollout) only while it passes.'),
  startupProbe: Probe('Startup probe: holds off the other probes until the application has started.'),
  service: T.Object(
    {
      enabled: T.Boolean({ description: 'Create a Service.' }),
      type: ServiceType,
      annotations: StringMap('Service annotations.'),
    },
    { description: 'The Service in front of the pods (one port per entry of `ports`, targeting it by name).', additionalProperties: false },
  ),
  ingress: Ingress(),
  config: T.Object(
    {
      env: StringMap('Non-secret settings: a ConfigMap loaded with envFrom.'),
      files: StringMap('Files (name → content) in a ConfigMap mounted at config.mountPath.'),
      mountPath: T.String({ description: 'Directory where config.files appear.', ...ABSOLUTE_PATH }),
    },
    { description: 'Configuration from a ConfigMap; a change rolls the pods (checksum annotation).', additionalProperties: false },
  ),
  secret: T.Object(
    {
      existingSecret: T.String({ description: 'Use this existing Secret for env instead of creating one from secret.env.' }),
      env: StringMap('Secret settings: a Secret loaded with envFrom.'),
      files: StringMap('Secret files (name → content) mounted at secret.mountPath.'),
      mountPath: T.String({ description: 'Directory where secret.files appear.', ...ABSOLUTE_PATH }),
    },
    { description: 'Secret configuration; a change rolls the pods (checksum annotation).', additionalProperties: false },
  ),
  persistence: T.Object(
    {
      enabled: T.Boolean({ description: 'Mount an existing PersistentVolumeClaim (e.g. one from nfs-pv).' }),
      existingClaim: T.String({ description: 'Name of the claim to mount.' }),
      mountPath: T.String({ description: 'Where the claim is mounted.', ...ABSOLUTE_PATH }),
      subPath: T.String({ description: 'Sub-directory of the volume to mount; empty for its root.' }),
    },
    { description: 'Persistent data on an existing claim.', additionalProperties: false },
  ),
  autoscaling: T.Object(
    {
      enabled: T.Boolean({ description: 'Create a HorizontalPodAutoscaler (autoscaling/v2); replicaCount is then ignored.' }),
      minReplicas: T.Integer({ minimum: 1, description: 'Lowest replica count.' }),
      maxReplicas: T.Integer({ minimum: 1, description: 'Highest replica count.' }),
      targetCPUUtilizationPercentage: T.Optional(T.Union([T.Integer({ title: 'Percent', minimum: 1, maximum: 1000 }), Null('No CPU target (null)')], { description: 'Average CPU utilisation target (percent of requests); null to skip.' })),
      targetMemoryUtilizationPercentage: T.Optional(T.Union([T.Integer({ title: 'Percent', minimum: 1, maximum: 1000 }), Null('No memory target (null)')], { description: 'Average memory utilisation target (percent of requests); null to skip.' })),
    },
    { description: 'Horizontal pod autoscaling.', additionalProperties: false },
  ),
  podDisruptionBudget: T.Object(
    {
      enabled: T.Boolean({ description: 'Create a PodDisruptionBudget (policy/v1).' }),
      minAvailable: T.Optional(T.Union([IntOrPercent('Pods that must stay up.', { title: 'Count or percentage' }), Null('Use maxUnavailable (null)')], { description: 'Pods that must stay available during voluntary disruptions; null to use maxUnavailable.' })),
      maxUnavailable: T.Optional(T.Union([IntOrPercent('Pods that may go down.', { title: 'Count or percentage' }), Null('Not set (null)')], { description: 'Pods that may be unavailable during voluntary disruptions; used when minAvailable is null.' })),
    },
    { description: 'Protects the app from node drains taking too many pods at once.', additionalProperties: false },
  ),
  serviceAccount: ServiceAccount(),
  podAnnotations: StringMap('Annotations on the pods.'),
  podLabels: StringMap('Extra labels on the pods.'),
  podSecurityContext: PodSecurityContext(),
  securityContext: ContainerSecurityContext(),
  resources: Resources(),
  terminationGracePeriodSeconds: T.Integer({ minimum: 0, maximum: 3600, description: 'Seconds between SIGTERM and SIGKILL.' }),
  tmpDir: T.Object(
    { enabled: T.Boolean({ description: 'Mount a writable emptyDir at /tmp (the root filesystem is read-only).' }), sizeLimit: T.String({ description: 'Size limit of the emptyDir.' }) },
    { description: 'Writable /tmp.', additionalProperties: false },
  ),
  initContainers: InitContainers('Extra init containers (core/v1 Container).'),
  sidecars: Containers('Extra containers in the pod (core/v1 Container).'),
  lifecycle: Lifecycle('Container lifecycle hooks (core/v1 Lifecycle), e.g. a preStop sleep for graceful endpoint removal.'),
  ...PodPlacement,
  ...EscapeHatches,
  tests: T.Object({ enabled: T.Boolean({ description: 'Add a `helm test` pod that fetches the readiness path through the Service.' }), image: TestImage() }, { description: '`helm test` hook.', additionalProperties: false }),
});

export type AppValues = Static<typeof schema>;
