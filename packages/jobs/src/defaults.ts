// Defaults of the jobs chart, typed by the schema (the compiler checks them against it).
import { defaultNameOverrides, defaultServiceAccount, globalDefaults, secureContainerSecurityContext, securePodSecurityContext } from '@helmforge/core';
import type { JobsValues } from './schema.js';

/** busybox: small, pinned, has sh, tar, find and wget. */
export const BUSYBOX = { registry: 'docker.io', repository: 'library/busybox', tag: '1.36.1', pullPolicy: 'IfNotPresent' as const };

/** The claim nfs-pv provides for backups (nfs-pv names claims exactly like their volumes). */
export const BACKUP_CLAIM = 'backup-data';
/** The claim the example backup copies (the application's data on nfs-pv). */
export const BACKUP_SOURCE_CLAIM = 'app-data';

export const defaults: JobsValues = {
  global: globalDefaults,
  ...defaultNameOverrides,
  imagePullSecrets: [],
  serviceAccount: defaultServiceAccount,
  defaults: {
    image: BUSYBOX,
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    podSecurityContext: securePodSecurityContext,
    securityContext: secureContainerSecurityContext,
    restartPolicy: 'OnFailure',
    backoffLimit: 3,
    ttlSecondsAfterFinished: 86400,
    concurrencyPolicy: 'Forbid',
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
    hookDeletePolicy: ['before-hook-creation', 'hook-succeeded'],
    tmpDir: true,
  },
  jobs: {},
  cronJobs: {
    backup: {
      // Nightly at 02:30; Forbid keeps a slow backup from overlapping the next one.
      schedule: '30 2 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      activeDeadlineSeconds: 14400,
      backoffLimit: 2,
      restartPolicy: 'Never',
      command: ['/bin/sh', '-ec'],
      // `$$(` keeps Kubernetes from treating `$(date …)` as a variable reference; `${x}` is left to the shell.
      args: [
        'stamp=$$(date -u +%Y%m%dT%H%M%SZ)\n'
        + 'tar -czf "/backup/data-${stamp}.tar.gz.partial" -C /data .\n'
        + 'mv "/backup/data-${stamp}.tar.gz.partial" "/backup/data-${stamp}.tar.gz"\n'
        + 'find /backup -name "data-*.tar.gz" -mtime +"${KEEP_DAYS}" -delete\n'
        + 'ls -l /backup\n',
      ],
      env: [{ name: 'KEEP_DAYS', value: '14' }],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: BACKUP_SOURCE_CLAIM, readOnly: true } },
        { name: 'backup', persistentVolumeClaim: { claimName: BACKUP_CLAIM } },
      ],
      volumeMounts: [
        { name: 'data', mountPath: '/data', readOnly: true },
        { name: 'backup', mountPath: '/backup' },
      ],
    },
  },
  hooks: {
    migrate: {
      // Runs before the release's objects change; replace the image and command with the real migration.
      events: ['pre-install', 'pre-upgrade'],
      weight: -5,
      restartPolicy: 'Never',
      backoffLimit: 1,
      activeDeadlineSeconds: 600,
      command: ['/bin/sh', '-ec'],
      args: ['echo "migration for release ${RELEASE_NAME}: nothing to do"'],
      env: [{ name: 'RELEASE_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/instance']" } } }],
    },
  },
};
