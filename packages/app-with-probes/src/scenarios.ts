// CI scenarios (ci/*-values.yaml): every optional feature switched on at least once.
import { CI_GLOBAL, CI_GLOBAL_PULL_SECRET, type ChartLintConfig } from '@helmforge/core';
export const scenarios: Record<string, object> = {
  'all-features': {
    replicaCount: 3,
    command: ['nginx'],
    args: ['-g', 'daemon off;'],
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '0%' } },
    config: { env: { LOG_LEVEL: 'info' }, files: { 'app.conf': 'listen = 8080\n' } },
    secret: { env: { API_TOKEN: 'change-me' }, files: { 'token.txt': 'secret\n' } },
    persistence: { enabled: true, existingClaim: 'app-data', mountPath: '/data', subPath: 'web' },
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6, targetCPUUtilizationPercentage: 70, targetMemoryUtilizationPercentage: 80 },
    podDisruptionBudget: { enabled: true, minAvailable: null, maxUnavailable: 1 },
    ingress: {
      enabled: true,
      className: 'nginx',
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '16m' },
      hosts: [{ host: 'app.example.lan', paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ secretName: 'app-tls', hosts: ['app.example.lan'] }],
    },
    extraEnv: [{ name: 'EXTRA', value: '1' }],
    extraVolumes: [{ name: 'cache', emptyDir: {} }],
    extraVolumeMounts: [{ name: 'cache', mountPath: '/var/cache/app' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'apps', effect: 'NoSchedule' }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'app-with-probes' } } }],
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    global: CI_GLOBAL,
  },
  // Typed Kubernetes fields with what real charts put in them; null drops a chart default (Helm deletes the key).
  'kubernetes-fields': {
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'app-with-probes' } } } }] },
    },
    initContainers: [{ name: 'wait-for-db', image: 'busybox:1.36.1', command: ['sh', '-c', 'until nc -z db 5432; do sleep 2; done'], securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } } }],
    sidecars: [
      {
        name: 'metrics',
        image: 'nginx/nginx-prometheus-exporter:1.1.0',
        args: ['--nginx.scrape-uri=http://127.0.0.1:8080/stub_status'],
        ports: [{ name: 'metrics', containerPort: 9113 }],
        readinessProbe: { httpGet: { path: '/metrics', port: 'metrics' }, periodSeconds: 10 },
        livenessProbe: { httpGet: { path: '/metrics', port: 'metrics' }, periodSeconds: 20, failureThreshold: 3 },
        securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
      },
    ],
    extraEnv: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }, { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } }],
    extraVolumes: [{ name: 'shared', nfs: { server: '192.168.1.10', path: '/nfsdata/shared', readOnly: true } }, { name: 'scratch', emptyDir: { sizeLimit: '512Mi' } }],
    extraVolumeMounts: [{ name: 'shared', mountPath: '/srv/shared', readOnly: true }, { name: 'scratch', mountPath: '/scratch' }],
    resources: { limits: { cpu: null } },
    securityContext: { readOnlyRootFilesystem: null },
  },
  'tcp-exec-grpc-probes': {
    // added beside the default http port
    ports: { grpc: { containerPort: 9090, servicePort: 9090, protocol: 'TCP' } },
    livenessProbe: { type: 'tcpSocket', tcpSocket: { port: 'http' } },
    readinessProbe: { type: 'grpc', grpc: { port: 9090 } },
    startupProbe: { type: 'exec', exec: { command: ['cat', '/tmp/started'] } },
    service: { type: 'NodePort' },
    secret: { existingSecret: 'app-secrets' },
  },
};

/** What the scenarios name without the chart creating it, and what they break on purpose (helmforge lint reads it from .helmforge-lint.yaml). */
export const lint: ChartLintConfig = {
  external: [
    { kind: 'PersistentVolumeClaim', name: 'app-data', reason: 'ci/all-features-values.yaml mounts an existing claim (persistence.existingClaim), e.g. from nfs-pv' },
    { kind: 'Secret', name: 'app-secrets', reason: 'ci/tcp-exec-grpc-probes-values.yaml loads an existing Secret (secret.existingSecret)' },
    CI_GLOBAL_PULL_SECRET,
  ],
  exemptions: [
    { rule: 'cpu-limits', kind: 'Deployment', name: 'app-with-probes', scenario: 'ci/kubernetes-fields-values.yaml', reason: 'the scenario drops the default CPU limit with null (resources.limits.cpu: null) to show that a null removes a chart default' },
    { rule: 'read-only-root-filesystem', kind: 'Deployment', name: 'app-with-probes', scenario: 'ci/kubernetes-fields-values.yaml', reason: 'the scenario drops the default securityContext.readOnlyRootFilesystem with null to show that a null removes a chart default' },
  ],
};
