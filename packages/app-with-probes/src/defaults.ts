// Defaults of the app-with-probes chart, typed by the schema (the compiler checks them against it).
import {
  defaultEscapeHatches, defaultNameOverrides, defaultPlacement, defaultServiceAccount, disabledIngress, globalDefaults,
  secureContainerSecurityContext, securePodSecurityContext, testImageDefault,
} from '@helmforge/core';
import type { AppValues } from './schema.js';

export const defaults: AppValues = {
  global: globalDefaults,
  ...defaultNameOverrides,
  // nginx-unprivileged listens on 8080 as UID 101 and writes only to /tmp: it runs with a read-only root.
  image: { registry: 'docker.io', repository: 'nginxinc/nginx-unprivileged', tag: '1.27.3-alpine', pullPolicy: 'IfNotPresent' },
  imagePullSecrets: [],
  command: [],
  args: [],
  replicaCount: 2,
  revisionHistoryLimit: 5,
  minReadySeconds: 5,
  progressDeadlineSeconds: 600,
  // maxUnavailable 0: a release whose pods never become ready leaves every old replica serving.
  strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  ports: { http: { containerPort: 8080, servicePort: 80, protocol: 'TCP' } },
  mainPort: 'http',
  livenessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 },
  readinessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 },
  startupProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30, successThreshold: 1 },
  service: { enabled: true, type: 'ClusterIP', annotations: {} },
  ingress: disabledIngress,
  config: { env: {}, files: {}, mountPath: '/etc/app' },
  secret: { existingSecret: '', env: {}, files: {}, mountPath: '/etc/app-secrets' },
  persistence: { enabled: false, existingClaim: '', mountPath: '/data', subPath: '' },
  autoscaling: { enabled: false, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80, targetMemoryUtilizationPercentage: null },
  podDisruptionBudget: { enabled: false, minAvailable: 1, maxUnavailable: null },
  serviceAccount: defaultServiceAccount,
  podAnnotations: {},
  podLabels: {},
  podSecurityContext: { ...securePodSecurityContext, runAsUser: 101, runAsGroup: 101, fsGroup: 101 },
  securityContext: secureContainerSecurityContext,
  resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  terminationGracePeriodSeconds: 30,
  tmpDir: { enabled: true, sizeLimit: '64Mi' },
  initContainers: [],
  sidecars: [],
  lifecycle: {},
  ...defaultPlacement,
  ...defaultEscapeHatches,
  tests: { enabled: true, image: testImageDefault },
};
