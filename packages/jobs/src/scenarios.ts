// CI scenarios (ci/*-values.yaml): every kind of entry and option switched on at least once; the chart's default
// backup CronJob and migrate hook stay (entries are added by name), unless a scenario switches them off.
import { CI_GLOBAL, CI_GLOBAL_PULL_SECRET, type ChartLintConfig } from '@helmforge/core';

const image = { registry: 'docker.io', repository: 'library/alpine', tag: '3.20.3', pullPolicy: 'IfNotPresent' };

export const scenarios: Record<string, object> = {
  'many-jobs': {
    jobs: {
      seed: { command: ['sh', '-c', 'echo seeding'], envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'app-secrets', optional: true }, prefix: 'APP_' }] },
      'warm-cache': { image, args: ['echo', 'warm'], ttlSecondsAfterFinished: 600, backoffLimit: 0, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } },
      report: { restartPolicy: 'OnFailure', activeDeadlineSeconds: 1800, nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'batch', operator: 'Exists', effect: 'NoSchedule' }] },
      disabled: { enabled: false },
    },
    cronJobs: {
      backup: { schedule: '@daily', volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: 'backup-data' } }], volumeMounts: [{ name: 'backup', mountPath: '/backup' }] },
      'every-15': { schedule: '*/15 * * * *', concurrencyPolicy: 'Replace', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 },
      weekdays: { schedule: '0 8-18/2 * JAN-DEC MON-FRI', suspend: true, startingDeadlineSeconds: 120 },
      'month-end': { schedule: '59 23 28-31 * *', concurrencyPolicy: 'Allow' },
    },
    hooks: {},
  },
  'indexed-completion': {
    jobs: {
      shard: { completionMode: 'Indexed', completions: 5, parallelism: 2, restartPolicy: 'Never', command: ['sh', '-c', 'echo shard $$JOB_COMPLETION_INDEX'] },
      'fan-out': { completions: 10, parallelism: 0 },
    },
  },
  hooks: {
    cronJobs: {},
    hooks: {
      'db-migrate': { events: ['pre-install', 'pre-upgrade'], weight: -10, deletePolicy: ['before-hook-creation'], image, command: ['sh', '-c', 'echo migrate'], envFrom: [{ secretRef: { name: 'db-credentials' } }] },
      smoke: { events: ['post-install', 'post-upgrade'], weight: 5, podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 }, securityContext: { readOnlyRootFilesystem: false } },
      cleanup: { events: ['pre-delete'], deletePolicy: ['hook-succeeded', 'hook-failed'], serviceAccountName: 'cleaner', automountServiceAccountToken: true },
    },
    serviceAccount: { create: false, name: 'batch' },
  },
  timezone: {
    cronJobs: {
      'berlin-morning': { schedule: '0 6 * * 1-5', timeZone: 'Europe/Berlin', podAnnotations: { 'example.com/owner': 'ops' }, labels: { tier: 'batch' } },
      'utc-hourly': { schedule: '@hourly', timeZone: 'Etc/UTC' },
      ny: { schedule: '15 3 1 */2 *', timeZone: 'America/New_York' },
    },
    global: CI_GLOBAL,
  },
};

/** What the defaults and scenarios name without the chart creating it, and what they break on purpose. */
export const lint: ChartLintConfig = {
  external: [
    { kind: 'PersistentVolumeClaim', name: 'app-data', reason: 'the default backup CronJob reads the nfs-pv claim app-data' },
    { kind: 'PersistentVolumeClaim', name: 'backup-data', reason: 'the default backup CronJob writes to the nfs-pv claim backup-data' },
    { kind: 'ConfigMap', name: 'app-config', reason: 'ci/many-jobs-values.yaml loads an application\'s ConfigMap with envFrom' },
    { kind: 'Secret', name: 'db-credentials', reason: 'ci/hooks-values.yaml gives the migration hook an existing Secret' },
    { kind: 'ServiceAccount', name: 'batch', reason: 'ci/hooks-values.yaml runs the jobs as an existing ServiceAccount (serviceAccount.create: false)' },
    { kind: 'ServiceAccount', name: 'cleaner', reason: 'ci/hooks-values.yaml runs the cleanup hook as an existing ServiceAccount' },
    CI_GLOBAL_PULL_SECRET,
  ],
  exemptions: [
    { rule: 'read-only-root-filesystem', kind: 'Job', name: 'jobs-smoke', reason: 'ci/hooks-values.yaml shows a hook whose image writes to its root filesystem (securityContext override)' },
    { rule: 'automount-service-account-token', kind: 'Job', name: 'jobs-cleanup', reason: 'ci/hooks-values.yaml: the cleanup hook calls the API with permissions granted to its ServiceAccount outside the chart' },
  ],
};
