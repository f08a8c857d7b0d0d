// Defaults of the monitoring chart, typed by the schema (the compiler checks them against it).
import {
  defaultEscapeHatches, defaultNameOverrides, defaultPlacement, defaultServiceAccount, disabledIngress, globalDefaults,
  secureContainerSecurityContext, securePodSecurityContext, testImageDefault,
} from '@helmforge/core';
import type { MonitoringValues } from './schema.js';

const timings = { initialDelaySeconds: 0, timeoutSeconds: 5, successThreshold: 1 };

const podDefaults = {
  podAnnotations: {},
  podLabels: {},
  ...defaultPlacement,
  ...defaultEscapeHatches,
};

export const defaults: MonitoringValues = {
  global: globalDefaults,
  ...defaultNameOverrides,
  imagePullSecrets: [],
  rbac: { create: true, namespaced: false },
  prometheus: {
    image: { registry: 'quay.io', repository: 'prometheus/prometheus', tag: 'v2.53.3', pullPolicy: 'IfNotPresent' },
    workload: 'Deployment',
    retention: { time: '15d', size: '' },
    scrapeInterval: '30s',
    scrapeTimeout: '10s',
    evaluationInterval: '30s',
    externalLabels: {},
    scrape: { self: true, annotatedPods: true, annotatedServices: true, nodes: true, cadvisor: true, kubeletVia: 'kubelet', kubeletInsecureSkipVerify: true },
    scrapeConfigs: {},
    alertRules: { defaults: true, groups: {} },
    extraArgs: [],
    persistence: { enabled: true, existingClaim: '', storageClass: '', accessModes: ['ReadWriteOnce'], size: '10Gi', annotations: {}, emptyDirSizeLimit: '2Gi' },
    service: { type: 'ClusterIP', port: 9090, annotations: {} },
    // Prometheus talks to the API server for service discovery: the token must be mounted.
    serviceAccount: { ...defaultServiceAccount, automountServiceAccountToken: true },
    livenessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/-/healthy', port: 'http' }, periodSeconds: 15, failureThreshold: 3, ...timings },
    readinessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/-/ready', port: 'http' }, periodSeconds: 5, failureThreshold: 3, ...timings },
    // Replaying a large WAL can take minutes; the startup probe gives it up to 10 minutes.
    startupProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/-/ready', port: 'http' }, periodSeconds: 10, failureThreshold: 60, ...timings },
    terminationGracePeriodSeconds: 300,
    resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
    podSecurityContext: securePodSecurityContext,
    securityContext: secureContainerSecurityContext,
    ...podDefaults,
  },
  grafana: {
    enabled: true,
    image: { registry: 'docker.io', repository: 'grafana/grafana', tag: '11.4.0', pullPolicy: 'IfNotPresent' },
    admin: { existingSecret: '', user: 'admin', userKey: 'admin-user', passwordKey: 'admin-password' },
    datasource: { name: 'Prometheus', uid: 'prometheus', url: '' },
    dashboards: { defaults: true, folder: 'Kubernetes', extra: {} },
    settings: {},
    persistence: { enabled: true, existingClaim: '', storageClass: '', accessModes: ['ReadWriteOnce'], size: '1Gi', annotations: {}, emptyDirSizeLimit: '512Mi' },
    service: { type: 'ClusterIP', port: 80, annotations: {} },
    ingress: disabledIngress,
    serviceAccount: defaultServiceAccount,
    livenessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/api/health', port: 'http' }, periodSeconds: 10, failureThreshold: 6, initialDelaySeconds: 30, timeoutSeconds: 5, successThreshold: 1 },
    readinessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/api/health', port: 'http' }, periodSeconds: 5, failureThreshold: 3, ...timings },
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    // The grafana image runs as UID 472.
    podSecurityContext: { ...securePodSecurityContext, runAsUser: 472, runAsGroup: 472, fsGroup: 472 },
    securityContext: secureContainerSecurityContext,
    ...podDefaults,
  },
  nodeExporter: {
    enabled: false,
    image: { registry: 'quay.io', repository: 'prometheus/node-exporter', tag: 'v1.8.2', pullPolicy: 'IfNotPresent' },
    port: 9100,
    hostNetwork: true,
    hostPID: true,
    extraArgs: [],
    serviceAccount: defaultServiceAccount,
    livenessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 'metrics' }, periodSeconds: 15, failureThreshold: 3, ...timings },
    readinessProbe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 'metrics' }, periodSeconds: 10, failureThreshold: 3, ...timings },
    updateStrategy: { maxUnavailable: 1 },
    resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
    podSecurityContext: securePodSecurityContext,
    securityContext: secureContainerSecurityContext,
    // Run on control-plane nodes too: their host metrics matter as much as the workers'.
    tolerateControlPlane: true,
    ...podDefaults,
  },
  tests: { enabled: true, image: testImageDefault },
};
