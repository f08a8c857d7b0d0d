// CI scenarios (ci/*-values.yaml): every optional feature switched on at least once.
import { CI_GLOBAL, CI_GLOBAL_PULL_SECRET, type ChartLintConfig } from '@helmforge/core';
export const scenarios: Record<string, object> = {
  'existing-secret': {
    auth: { existingSecret: 'registry-htpasswd', existingSecretKey: 'htpasswd' },
    config: { httpSecret: 'a-fixed-shared-secret-for-ci' },
  },
  'existing-claim': {
    persistence: { enabled: true, existingClaim: 'registry-data' },
    garbageCollect: { enabled: true },
  },
  s3: {
    storage: {
      type: 's3',
      s3: { region: 'us-east-1', regionEndpoint: 'http://minio.storage.svc:9000', bucket: 'registry', rootDirectory: '/registry', secure: false, accessKey: 'minio', secretKey: 'minio-secret' },
    },
    config: { redirectDisabled: true },
  },
  's3-existing-secret': {
    storage: { type: 's3', s3: { bucket: 'registry', existingSecret: 'registry-s3' } },
    garbageCollect: { enabled: true, deleteUntagged: true },
  },
  proxy: {
    proxy: { enabled: true, remoteUrl: 'https://registry-1.docker.io', username: 'mirror', password: 'hub-token' },
    auth: { enabled: false },
  },
  nodeport: {
    service: { type: 'NodePort', nodePort: 30500 },
    auth: { username: 'platform', password: 'change-me-please' },
    pullSecret: { enabled: true, name: 'registry-pull', server: '192.168.1.20:30500' },
  },
  'ingress-tls': {
    ingress: {
      enabled: true,
      className: 'nginx',
      hosts: [{ host: 'registry.example.lan', paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ secretName: 'registry-tls', hosts: ['registry.example.lan'] }],
    },
    config: { relativeUrls: true },
    auth: { password: 'change-me-please' },
    pullSecret: { enabled: true },
  },
  statefulset: {
    kind: 'StatefulSet',
    persistence: { enabled: true, size: '50Gi', storageClass: 'fast' },
  },
  'gc-cronjob': {
    garbageCollect: { enabled: true, schedule: '@daily', timeZone: 'Europe/Berlin', deleteUntagged: true, dryRun: true },
    persistence: { accessModes: ['ReadWriteMany'] },
  },
  emptydir: {
    persistence: { enabled: false },
    metrics: { enabled: false },
    tests: { enabled: false },
    global: CI_GLOBAL,
  },
};

/** What the scenarios name without the chart creating it (helmforge lint reads it from .helmforge-lint.yaml). */
export const lint: ChartLintConfig = {
  external: [
    { kind: 'PersistentVolumeClaim', name: 'registry-data', reason: 'ci/existing-claim-values.yaml stores images on an existing claim, e.g. from nfs-pv' },
    { kind: 'Secret', name: 'registry-htpasswd', reason: 'ci/existing-secret-values.yaml takes the htpasswd file from an existing Secret' },
    { kind: 'Secret', name: 'registry-s3', reason: 'ci/s3-existing-secret-values.yaml takes the S3 keys from an existing Secret' },
    CI_GLOBAL_PULL_SECRET,
  ],
};
