// CI scenarios (ci/*-values.yaml): every kind of entry and option switched on at least once.
const image = { registry: 'docker.io', repository: 'library/alpine', tag: '3.20.3', pullPolicy: 'IfNotPresent' };

export const scenarios: Record<string, object> = {
  'many-jobs': {
    jobs: [
      { name: 'seed', command: ['sh', '-c', 'echo seeding'], envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'app-secrets', optional: true }, prefix: 'APP_' }] },
      { name: 'warm-cache', image, args: ['echo', 'warm'], ttlSecondsAfterFinished: 600, backoffLimit: 0, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } },
      { name: 'report', restartPolicy: 'OnFailure', activeDeadlineSeconds: 1800, nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ key: 'batch', operator: 'Exists', effect: 'NoSchedule' }] },
      { name: 'disabled', enabled: false },
    ],
    cronJobs: [
      { name: 'backup', schedule: '@daily', volumes: [{ name: 'backup', persistentVolumeClaim: { claimName: 'backup-data' } }], volumeMounts: [{ name: 'backup', mountPath: '/backup' }] },
      { name: 'every-15', schedule: '*/15 * * * *', concurrencyPolicy: 'Replace', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 },
      { name: 'weekdays', schedule: '0 8-18/2 * JAN-DEC MON-FRI', suspend: true, startingDeadlineSeconds: 120 },
      { name: 'month-end', schedule: '59 23 28-31 * *', concurrencyPolicy: 'Allow' },
    ],
    hooks: [],
  },
  'indexed-completion': {
    jobs: [
      { name: 'shard', completionMode: 'Indexed', completions: 5, parallelism: 2, restartPolicy: 'Never', command: ['sh', '-c', 'echo shard $$JOB_COMPLETION_INDEX'] },
      { name: 'fan-out', completions: 10, parallelism: 0 },
    ],
  },
  hooks: {
    cronJobs: [],
    hooks: [
      { name: 'db-migrate', events: ['pre-install', 'pre-upgrade'], weight: -10, deletePolicy: ['before-hook-creation'], image, command: ['sh', '-c', 'echo migrate'], envFrom: [{ secretRef: { name: 'db-credentials' } }] },
      { name: 'smoke', events: ['post-install', 'post-upgrade'], weight: 5, podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 }, securityContext: { readOnlyRootFilesystem: false } },
      { name: 'cleanup', events: ['pre-delete'], deletePolicy: ['hook-succeeded', 'hook-failed'], serviceAccountName: 'cleaner', automountServiceAccountToken: true },
    ],
    serviceAccount: { create: false, name: 'batch' },
  },
  timezone: {
    cronJobs: [
      { name: 'berlin-morning', schedule: '0 6 * * 1-5', timeZone: 'Europe/Berlin', podAnnotations: { 'example.com/owner': 'ops' }, labels: { tier: 'batch' } },
      { name: 'utc-hourly', schedule: '@hourly', timeZone: 'Etc/UTC' },
      { name: 'ny', schedule: '15 3 1 */2 *', timeZone: 'America/New_York' },
    ],
    global: { imageRegistry: 'registry.example.lan:30500', imagePullSecrets: ['registry-pull'], commonLabels: { team: 'platform' } },
  },
};
