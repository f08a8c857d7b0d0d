// Values schema of the jobs chart: Jobs, CronJobs and Helm hook Jobs, each a map of named entries (so a values
// file adds entries without losing the chart's), with secure pod defaults (from `defaults`) that an entry overrides.
import {
  ABSOLUTE_PATH, Affinity, ContainerSecurityContext, CronSchedule, EntryEnabled, EnvFromSources, EnvVars, Image, ImagePullSecrets, NamedMap, NameOverrides, NodeSelector,
  PodSecurityContext, Resources, ServiceAccount, StringMap, T, TIME_ZONE, Tolerations, valuesSchema, VolumeMounts, Volumes, type Static,
} from '@helmforge/core';

const RestartPolicy = T.Union([T.Literal('OnFailure'), T.Literal('Never')], {
  description: 'Pod restartPolicy: OnFailure (retry in the same pod) or Never (a new pod per retry). Always is not allowed for Jobs.',
});

/** Entry names become part of object names (CronJob names are capped at 52 characters). */
const JOB_NAME = { maxLength: 30 };

/** What every kind of job (plain, cron, hook) accepts: the pod and the Job spec. */
const jobProperties = {
  enabled: EntryEnabled(),
  image: T.Optional(Image('Container image; defaults.image when omitted.')),
  command: T.Optional(T.Array(T.String({ description: 'Argument.' }), { description: 'Overrides the image ENTRYPOINT.' })),
  args: T.Optional(T.Array(T.String({ description: 'Argument.' }), { description: 'Overrides the image CMD.' })),
  workingDir: T.Optional(T.String({ description: 'Working directory of the container.', ...ABSOLUTE_PATH })),
  env: T.Optional(EnvVars('Environment variables (core/v1 EnvVar).')),
  envFrom: T.Optional(EnvFromSources('ConfigMaps and Secrets loaded as environment variables (core/v1 EnvFromSource).')),
  resources: T.Optional(Resources('Requests and limits; defaults.resources when omitted.')),
  volumes: T.Optional(Volumes('Pod volumes (core/v1 Volume), e.g. a persistentVolumeClaim from nfs-pv.')),
  volumeMounts: T.Optional(VolumeMounts('Container volume mounts (core/v1 VolumeMount).')),
  restartPolicy: T.Optional(RestartPolicy),
  backoffLimit: T.Optional(T.Integer({ minimum: 0, description: 'Retries before the Job is marked failed; defaults.backoffLimit when omitted.' })),
  activeDeadlineSeconds: T.Optional(T.Integer({ minimum: 1, description: 'Seconds the Job may run in total before it is terminated and marked failed.' })),
  ttlSecondsAfterFinished: T.Optional(T.Integer({ minimum: 0, description: 'Seconds after completion before the Job and its pods are deleted; for CronJobs and hooks defaults.ttlSecondsAfterFinished when omitted.' })),
  completions: T.Optional(T.Integer({ minimum: 1, description: 'Successful pods needed to complete the Job.' })),
  parallelism: T.Optional(T.Integer({ minimum: 0, description: 'Pods running at the same time.' })),
  completionMode: T.Optional(T.Union([T.Literal('NonIndexed'), T.Literal('Indexed')], { description: 'Indexed gives each pod a completion index (JOB_COMPLETION_INDEX); needs completions.' })),
  podSecurityContext: T.Optional(PodSecurityContext('Pod securityContext keys merged over defaults.podSecurityContext.')),
  securityContext: T.Optional(ContainerSecurityContext('Container securityContext keys merged over defaults.securityContext.')),
  serviceAccountName: T.Optional(T.String({ description: 'ServiceAccount of the pod; the chart\'s own when omitted.' })),
  automountServiceAccountToken: T.Optional(T.Boolean({ description: 'Mount an API token (only for jobs that talk to the API server).' })),
  labels: T.Optional(StringMap('Extra labels on the Job (and CronJob).')),
  annotations: T.Optional(StringMap('Extra annotations on the Job (and CronJob).')),
  podLabels: T.Optional(StringMap('Extra labels on the pods.')),
  podAnnotations: T.Optional(StringMap('Extra annotations on the pods.')),
  nodeSelector: T.Optional(NodeSelector('Node labels the pod must match.')),
  tolerations: T.Optional(Tolerations('Tolerations (core/v1 Toleration).')),
  affinity: T.Optional(Affinity('Affinity (core/v1 Affinity).')),
  priorityClassName: T.Optional(T.String({ description: 'PriorityClass of the pods.' })),
};

const completionRule = {
  // Indexed completion needs a completion count.
  if: { properties: { completionMode: { const: 'Indexed' } }, required: ['completionMode'] },
  then: { required: ['completions'] },
};

const Job = T.Object(jobProperties, { description: 'A Job run once per release (its name carries a hash of its pod template, so a changed job runs again instead of failing the upgrade).', additionalProperties: false, ...completionRule });

const CronJob = T.Object(
  {
    ...jobProperties,
    schedule: CronSchedule('Five-field cron expression (minute hour day-of-month month day-of-week) or a macro such as @daily.'),
    timeZone: T.Optional(T.String({ description: 'IANA time zone of the schedule, e.g. Europe/Berlin; the controller\'s zone when omitted.', ...TIME_ZONE })),
    concurrencyPolicy: T.Optional(T.Union([T.Literal('Allow'), T.Literal('Forbid'), T.Literal('Replace')], { description: 'What to do when a run is due while the previous one still runs; defaults.concurrencyPolicy when omitted.' })),
    startingDeadlineSeconds: T.Optional(T.Integer({ minimum: 0, description: 'A missed run that cannot start within this many seconds is skipped.' })),
    successfulJobsHistoryLimit: T.Optional(T.Integer({ minimum: 0, description: 'Finished successful Jobs kept; defaults.successfulJobsHistoryLimit when omitted.' })),
    failedJobsHistoryLimit: T.Optional(T.Integer({ minimum: 0, description: 'Failed Jobs kept; defaults.failedJobsHistoryLimit when omitted.' })),
    suspend: T.Optional(T.Boolean({ description: 'Suspend future runs.' })),
  },
  { description: 'A CronJob.', additionalProperties: false, ...completionRule },
);

export const HookEvent = T.Union(
  ['pre-install', 'post-install', 'pre-upgrade', 'post-upgrade', 'pre-delete', 'post-delete', 'pre-rollback', 'post-rollback'].map((e) => T.Literal(e)),
  { description: 'A Helm hook event.' },
);
const DeletePolicy = T.Union(['before-hook-creation', 'hook-succeeded', 'hook-failed'].map((p) => T.Literal(p)), { description: 'A Helm hook delete policy.' });

const HookJob = T.Object(
  {
    ...jobProperties,
    events: T.Array(HookEvent, { description: 'Helm hook events that run this Job (helm.sh/hook), e.g. pre-install and pre-upgrade for a migration.', minItems: 1, uniqueItems: true }),
    weight: T.Optional(T.Integer({ description: 'Hook weight (helm.sh/hook-weight): hooks run in ascending order.' })),
    deletePolicy: T.Optional(T.Array(DeletePolicy, { description: 'When Helm deletes the hook Job (helm.sh/hook-delete-policy); defaults.hookDeletePolicy when omitted.', uniqueItems: true })),
  },
  { description: 'A Helm hook Job: Helm waits for it to succeed before it goes on (a failure fails the release).', additionalProperties: false, ...completionRule },
);

export const schema = valuesSchema('jobs', 'Batch work: Jobs, CronJobs and Helm hook Jobs by name, with secure pod defaults.', {
  ...NameOverrides,
  imagePullSecrets: ImagePullSecrets(),
  serviceAccount: ServiceAccount('ServiceAccount the job pods run as (unless an entry names its own).'),
  defaults: T.Object(
    {
      image: Image('Image of entries that name none.'),
      resources: Resources('Requests and limits of entries that set none.'),
      podSecurityContext: PodSecurityContext('Pod securityContext every entry starts from.'),
      securityContext: ContainerSecurityContext('Container securityContext every entry starts from.'),
      restartPolicy: RestartPolicy,
      backoffLimit: T.Integer({ minimum: 0, description: 'Retries before a Job is marked failed.' }),
      ttlSecondsAfterFinished: T.Integer({ minimum: 0, description: 'Seconds after completion before a finished CronJob run or hook Job is deleted. Plain Jobs only get a TTL when their entry sets one (Helm would re-create a deleted Job, and run it again, on the next upgrade).' }),
      concurrencyPolicy: T.Union([T.Literal('Allow'), T.Literal('Forbid'), T.Literal('Replace')], { description: 'CronJob concurrency policy; Forbid keeps runs from piling up.' }),
      successfulJobsHistoryLimit: T.Integer({ minimum: 0, description: 'Successful CronJob runs kept.' }),
      failedJobsHistoryLimit: T.Integer({ minimum: 0, description: 'Failed CronJob runs kept.' }),
      hookDeletePolicy: T.Array(DeletePolicy, { description: 'Delete policy of hook Jobs that set none.', uniqueItems: true }),
      tmpDir: T.Boolean({ description: 'Mount a writable emptyDir at /tmp in every job (the root filesystem is read-only).' }),
    },
    { description: 'Settings every entry starts from; an entry overrides them key by key.', additionalProperties: false },
  ),
  jobs: NamedMap(Job, 'Jobs that run once per install/upgrade (re-run when their pod template changes), by name; objects are called <fullname>-<name>-<hash>.', JOB_NAME),
  cronJobs: NamedMap(CronJob, 'CronJobs by name; objects are called <fullname>-<name>. Entries added in another values file keep the default `backup`; `backup: { enabled: false }` switches it off.', JOB_NAME),
  hooks: NamedMap(HookJob, 'Helm hook Jobs by name, e.g. a pre-upgrade database migration; objects are called <fullname>-<name>.', JOB_NAME),
});

export type JobsValues = Static<typeof schema>;
