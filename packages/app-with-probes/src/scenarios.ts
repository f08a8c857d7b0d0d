// CI scenarios (ci/*-values.yaml): every optional feature switched on at least once.
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
    global: { imageRegistry: 'registry.example.lan:30500', imagePullSecrets: ['registry-pull'], commonLabels: { team: 'platform' } },
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
