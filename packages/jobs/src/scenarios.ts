// CI scenarios (ci/*-values.yaml): every kind of entry and option switched on at least once; the chart's default
// backup CronJob and migrate hook stay (entries are added by name), unless a scenario switches them off.
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
    global: { imageRegistry: 'registry.example.lan:30500', imagePullSecrets: ['registry-pull'], commonLabels: { team: 'platform' } },
  },
};
