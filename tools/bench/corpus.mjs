// Corpora for tools/bench-validate.mjs, made at bench time (nothing is committed):
//  - uniform: many copies of seven kinds (Deployment, Service, ConfigMap, CronJob, PVC, PV, Ingress), 1 % invalid, in
//    files of 100 documents: the 21,000 and 210,000 resource workloads;
//  - many kinds: what users validate, in real-world shapes: the generated charts rendered by the real helm over their
//    values scenarios, plus files of objects of ~30 kinds (workloads, RBAC, networking, storage, policy, webhooks,
//    and custom resources: Prometheus, PrometheusRule), each written as a chart render is (one file per app, several
//    kinds, `# Source:` comments), with random optional fields and ~1 % invalid.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../testkit/random.mjs';

const DOCS_PER_FILE = 100;

// ---- uniform --------------------------------------------------------------------------------------------------

const uniformKinds = [
  (i, bad) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: bench
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/instance: web-${i}
spec:
  replicas: ${bad ? '"three"' : 3}
  revisionHistoryLimit: 5
  minReadySeconds: 5
  progressDeadlineSeconds: 600
  selector:
    matchLabels:
      app.kubernetes.io/instance: web-${i}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: web-${i}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: "registry.local/web:1.${i % 50}.0"
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: info
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
`,
  (i, bad) => `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: bench
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/instance: web-${i}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
${bad ? '  clusterIPs: 10.0.0.1\n' : ''}`,
  (i, bad) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: config-${i}
  namespace: bench
data:
  LOG_LEVEL: info
  ${bad ? 'PORT: 8080' : 'PORT: "8080"'}
  app.conf: |
    listen 8080;
    root /srv/www;
`,
  (i, bad) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup-${i}
  namespace: bench
spec:
  schedule: "0 3 * * *"
  timeZone: Etc/UTC
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      backoffLimit: 2
      ttlSecondsAfterFinished: 3600
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: registry.local/backup:2.1.0
              args: ["--target", "/backup"]
${bad ? '              unknownField: true\n' : ''}`,
  (i, bad) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-${i}
  namespace: bench
spec:
  accessModes: [ReadWriteMany]
  storageClassName: nfs
  volumeName: nfs-${i}
  resources:
    requests:
      storage: ${bad ? '{ size: 10Gi }' : '10Gi'}
`,
  (i, bad) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: nfs-${i}
spec:
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteMany
  persistentVolumeReclaimPolicy: Retain
  storageClassName: nfs
  mountOptions: [nfsvers=4.1]
  nfs:
    server: 10.0.0.10
    path: /exports/data-${i}
${bad ? '    readOnly: "no"\n' : ''}`,
  (i, bad) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-${i}
  namespace: bench
  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: "0"
spec:
  ingressClassName: nginx
  tls:
    - hosts: [web-${i}.example.test]
      secretName: web-tls
  rules:
    - host: web-${i}.example.test
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web-${i}
                port:
                  ${bad ? 'number: http' : 'number: 80'}
`,
];

/** `total` resources of seven kinds in files of 100 documents, 1 % invalid; returns how many are invalid. */
export function generateUniform(dir, total) {
  mkdirSync(dir, { recursive: true });
  let invalid = 0;
  for (let f = 0; f * DOCS_PER_FILE < total; f++) {
    const docs = [];
    for (let j = 0; j < DOCS_PER_FILE && f * DOCS_PER_FILE + j < total; j++) {
      const i = f * DOCS_PER_FILE + j;
      const bad = i % 100 === 37;
      if (bad) invalid++;
      docs.push(uniformKinds[i % uniformKinds.length](i, bad));
    }
    writeFileSync(join(dir, `corpus-${String(f).padStart(5, '0')}.yaml`), `---\n${docs.join('---\n')}`);
  }
  return invalid;
}

// ---- many kinds ------------------------------------------------------------------------------------------------

/** The generated charts (the umbrella and each subchart) over their default values and every ci/*-values.yaml. */
function chartRenders(root) {
  const charts = [join(root, 'charts', 'platform')];
  const subcharts = join(root, 'charts', 'platform', 'charts');
  if (existsSync(subcharts)) for (const c of readdirSync(subcharts).sort()) charts.push(join(subcharts, c));
  const jobs = [];
  for (const chart of charts) {
    jobs.push({ chart, values: undefined });
    const ci = join(chart, 'ci');
    if (existsSync(ci)) for (const f of readdirSync(ci).sort()) jobs.push({ chart, values: join(ci, f) });
  }
  return jobs;
}

/** Renders the generated charts with the real helm into `dir` (two releases each, a few at a time); the file count. */
export async function renderCharts(dir, root, helm, parallel = 4) {
  mkdirSync(dir, { recursive: true });
  const jobs = chartRenders(root).flatMap((job) =>
    [
      ['prod', 'platform'],
      ['staging', 'staging'],
    ].map(([release, namespace]) => ({ ...job, release, namespace })),
  );
  const render = ({ chart, values, release, namespace }, n) =>
    new Promise((resolve, reject) => {
      const args = ['template', release, chart, '--namespace', namespace, '--kube-version', '1.33.0', ...(values ? ['-f', values] : [])];
      const child = spawn(helm, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0) return reject(new Error(`helm ${args.join(' ')}: ${err}`));
        writeFileSync(join(dir, `render-${String(n).padStart(3, '0')}.yaml`), out);
        resolve();
      });
    });
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        const n = next++;
        await render(jobs[n], n);
      }
    }),
  );
  return jobs.length;
}

const pick = (next, xs) => xs[Math.floor(next() * xs.length)];
const maybe = (next, p, text) => (next() < p ? text : '');
const quantity = (next) => pick(next, ['100m', '250m', '500m', '1', '2']);
const memory = (next) => pick(next, ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi']);

function container(next, name, indent, bad) {
  const pad = ' '.repeat(indent);
  const probe = (kind) =>
    pick(next, [
      `${kind}:\n${pad}    httpGet: {path: /healthz, port: http}\n${pad}    periodSeconds: ${pick(next, [5, 10, 20])}\n`,
      `${kind}:\n${pad}    tcpSocket: {port: ${pick(next, [8080, '"http"'])}}\n${pad}    initialDelaySeconds: ${pick(next, [0, 5, 15])}\n`,
      `${kind}:\n${pad}    exec: {command: [cat, /tmp/ready]}\n${pad}    failureThreshold: 3\n`,
      `${kind}:\n${pad}    grpc: {port: 9090}\n`,
    ]);
  return `${pad}- name: ${name}
${pad}  image: registry.local/${name}:${Math.floor(next() * 9)}.${Math.floor(next() * 20)}.${Math.floor(next() * 10)}
${pad}  imagePullPolicy: ${pick(next, ['IfNotPresent', 'Always'])}
${maybe(next, 0.5, `${pad}  args: ["--port=8080", "--log-level=${pick(next, ['info', 'debug'])}"]\n`)}${pad}  ports:
${pad}    - name: http
${pad}      containerPort: ${bad ? '"8080"' : 8080}
${pad}      protocol: TCP
${pad}  env:
${pad}    - name: POD_NAME
${pad}      valueFrom: {fieldRef: {fieldPath: metadata.name}}
${pad}    - name: MODE
${pad}      value: ${pick(next, ['production', 'staging', '"1"'])}
${maybe(next, 0.4, `${pad}    - name: PASSWORD\n${pad}      valueFrom: {secretKeyRef: {name: ${name}-secret, key: password}}\n`)}${maybe(next, 0.5, `${pad}  envFrom:\n${pad}    - configMapRef: {name: ${name}-config}\n`)}${pad}  ${probe('livenessProbe')}${pad}  ${probe('readinessProbe')}${maybe(next, 0.3, `${pad}  ${probe('startupProbe')}`)}${pad}  resources:
${pad}    requests: {cpu: ${quantity(next)}, memory: ${memory(next)}}
${pad}    limits: {memory: ${memory(next)}}
${pad}  securityContext:
${pad}    allowPrivilegeEscalation: false
${pad}    readOnlyRootFilesystem: true
${pad}    runAsNonRoot: true
${pad}    capabilities: {drop: [ALL]}
${pad}  volumeMounts:
${pad}    - {name: tmp, mountPath: /tmp}
${maybe(next, 0.5, `${pad}    - {name: config, mountPath: /etc/${name}, readOnly: true}\n`)}`;
}

function podSpec(next, name, indent, bad) {
  const pad = ' '.repeat(indent);
  return `${pad}serviceAccountName: ${name}
${pad}securityContext:
${pad}  runAsNonRoot: true
${pad}  fsGroup: ${pick(next, [1000, 2000, 65534])}
${pad}  seccompProfile: {type: RuntimeDefault}
${maybe(next, 0.3, `${pad}priorityClassName: platform-high\n`)}${maybe(next, 0.4, `${pad}nodeSelector: {kubernetes.io/os: linux}\n`)}${maybe(next, 0.3, `${pad}tolerations:\n${pad}  - {key: dedicated, operator: Equal, value: ${name}, effect: NoSchedule}\n`)}${maybe(next, 0.3, `${pad}affinity:\n${pad}  podAntiAffinity:\n${pad}    preferredDuringSchedulingIgnoredDuringExecution:\n${pad}      - weight: 100\n${pad}        podAffinityTerm:\n${pad}          topologyKey: kubernetes.io/hostname\n${pad}          labelSelector: {matchLabels: {app.kubernetes.io/name: ${name}}}\n`)}${maybe(next, 0.2, `${pad}topologySpreadConstraints:\n${pad}  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app.kubernetes.io/name: ${name}}}}\n`)}${pad}imagePullSecrets: [{name: registry-pull}]
${pad}containers:
${container(next, name, indent + 2, bad)}${maybe(next, 0.25, container(next, `${name}-sidecar`, indent + 2, false))}${maybe(next, 0.2, `${pad}initContainers:\n${container(next, `${name}-init`, indent + 2, false)}`)}${pad}volumes:
${pad}  - {name: tmp, emptyDir: {}}
${pad}  - name: config
${pad}    configMap: {name: ${name}-config, defaultMode: 420}
`;
}

const meta = (name, ns, extra = '') =>
  `metadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/managed-by: Helm\n${extra}`;

/** Object templates of ~30 kinds: (next, name, namespace, bad) → YAML. */
const manyKinds = {
  Deployment: (next, n, ns, bad) =>
    `apiVersion: apps/v1\nkind: Deployment\n${meta(n, ns)}spec:\n  replicas: ${pick(next, [1, 2, 3])}\n  revisionHistoryLimit: 5\n  selector:\n    matchLabels: {app.kubernetes.io/name: ${n}}\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: ${pick(next, ['25%', 1])}, maxUnavailable: ${pick(next, [0, '"10%"'])}}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/name: ${n}}\n      annotations: {checksum/config: "${Math.floor(next() * 1e9).toString(16)}"}\n    spec:\n${podSpec(next, n, 6, bad)}`,
  StatefulSet: (next, n, ns, bad) =>
    `apiVersion: apps/v1\nkind: StatefulSet\n${meta(n, ns)}spec:\n  serviceName: ${n}-headless\n  replicas: ${pick(next, [1, 3])}\n  podManagementPolicy: ${pick(next, ['OrderedReady', 'Parallel'])}\n  selector:\n    matchLabels: {app.kubernetes.io/name: ${n}}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/name: ${n}}\n    spec:\n${podSpec(next, n, 6, bad)}  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec:\n        accessModes: [ReadWriteOnce]\n        storageClassName: nfs\n        resources: {requests: {storage: ${pick(next, ['1Gi', '10Gi'])}}}\n`,
  DaemonSet: (next, n, ns, bad) =>
    `apiVersion: apps/v1\nkind: DaemonSet\n${meta(n, ns)}spec:\n  selector:\n    matchLabels: {app.kubernetes.io/name: ${n}}\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 1}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/name: ${n}}\n    spec:\n      hostNetwork: ${pick(next, ['true', 'false'])}\n${podSpec(next, n, 6, bad)}`,
  Job: (next, n, ns, bad) =>
    `apiVersion: batch/v1\nkind: Job\n${meta(n, ns, `  annotations:\n    helm.sh/hook: pre-upgrade\n    helm.sh/hook-delete-policy: before-hook-creation\n`)}spec:\n  backoffLimit: ${pick(next, [0, 2, 6])}\n  activeDeadlineSeconds: 600\n  ttlSecondsAfterFinished: 3600\n${maybe(next, 0.3, '  completionMode: Indexed\n  completions: 3\n  parallelism: 3\n')}  template:\n    spec:\n      restartPolicy: ${pick(next, ['Never', 'OnFailure'])}\n${podSpec(next, n, 6, bad)}`,
  CronJob: (next, n, ns, bad) =>
    `apiVersion: batch/v1\nkind: CronJob\n${meta(n, ns)}spec:\n  schedule: "${pick(next, ['0 3 * * *', '*/15 * * * *', '@daily'])}"\n  timeZone: ${pick(next, ['Etc/UTC', 'Europe/Berlin'])}\n  concurrencyPolicy: ${pick(next, ['Forbid', 'Replace', 'Allow'])}\n  successfulJobsHistoryLimit: 3\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n      template:\n        spec:\n          restartPolicy: OnFailure\n${podSpec(next, n, 10, bad)}`,
  Pod: (next, n, ns, bad) => `apiVersion: v1\nkind: Pod\n${meta(`${n}-test`, ns, `  annotations:\n    helm.sh/hook: test\n`)}spec:\n  restartPolicy: Never\n${podSpec(next, n, 2, bad)}`,
  Service: (next, n, ns, bad) =>
    `apiVersion: v1\nkind: Service\n${meta(n, ns)}spec:\n  type: ${pick(next, ['ClusterIP', 'NodePort', 'ClusterIP'])}\n  selector: {app.kubernetes.io/name: ${n}}\n  ports:\n    - name: http\n      port: 80\n      targetPort: ${bad ? '{port: http}' : pick(next, ['http', 8080])}\n      protocol: TCP\n${maybe(next, 0.3, '    - {name: metrics, port: 9090, targetPort: 9090}\n')}${maybe(next, 0.2, '  sessionAffinity: ClientIP\n')}`,
  Ingress: (next, n, ns, bad) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta(n, ns, `  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n`)}spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [${n}.example.test]\n      secretName: ${n}-tls\n  rules:\n    - host: ${n}.example.test\n      http:\n        paths:\n          - path: /\n            pathType: ${bad ? 'Everything' : 'Prefix'}\n            backend:\n              service: {name: ${n}, port: {number: 80}}\n`,
  IngressClass: (next, n) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\n${meta(`${n}-class`)}spec:\n  controller: k8s.io/ingress-nginx\n`,
  NetworkPolicy: (next, n, ns) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${meta(n, ns)}spec:\n  podSelector:\n    matchLabels: {app.kubernetes.io/name: ${n}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}\n      ports: [{protocol: TCP, port: ${pick(next, [8080, '"http"'])}}]\n  egress:\n    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]\n`,
  ConfigMap: (next, n, ns, bad) =>
    `apiVersion: v1\nkind: ConfigMap\n${meta(`${n}-config`, ns)}data:\n  LOG_LEVEL: ${pick(next, ['info', 'debug'])}\n  ${bad ? 'WORKERS: 4' : 'WORKERS: "4"'}\n  app.yaml: |\n    server:\n      port: 8080\n      timeout: 30s\n`,
  Secret: (next, n, ns) =>
    `apiVersion: v1\nkind: Secret\n${meta(`${n}-secret`, ns)}type: ${pick(next, ['Opaque', 'kubernetes.io/basic-auth'])}\ndata:\n  password: ${Buffer.from(`p${Math.floor(next() * 1e6)}`).toString('base64')}\n${maybe(next, 0.5, 'stringData:\n  username: admin\n')}`,
  ServiceAccount: (next, n, ns) => `apiVersion: v1\nkind: ServiceAccount\n${meta(n, ns)}automountServiceAccountToken: ${pick(next, ['false', 'true'])}\n`,
  Role: (next, n, ns) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n${meta(n, ns)}rules:\n  - apiGroups: [""]\n    resources: [configmaps, secrets]\n    verbs: [get, list, watch]\n  - apiGroups: [coordination.k8s.io]\n    resources: [leases]\n    verbs: [get, create, update]\n`,
  RoleBinding: (next, n, ns) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n${meta(n, ns)}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${n}}\nsubjects:\n  - {kind: ServiceAccount, name: ${n}, namespace: ${ns}}\n`,
  ClusterRole: (next, n) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n${meta(`${n}-reader`)}rules:\n  - apiGroups: [""]\n    resources: [nodes, nodes/metrics, services, endpoints, pods]\n    verbs: [get, list, watch]\n  - nonResourceURLs: [/metrics]\n    verbs: [get]\n`,
  ClusterRoleBinding: (next, n, ns) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n${meta(`${n}-reader`)}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${n}-reader}\nsubjects:\n  - {kind: ServiceAccount, name: ${n}, namespace: ${ns}}\n`,
  PersistentVolumeClaim: (next, n, ns, bad) =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\n${meta(`${n}-data`, ns)}spec:\n  accessModes: [${pick(next, ['ReadWriteOnce', 'ReadWriteMany'])}]\n  storageClassName: nfs\n  resources:\n    requests: {storage: ${bad ? '[10Gi]' : pick(next, ['1Gi', '20Gi'])}}\n`,
  PersistentVolume: (next, n) =>
    `apiVersion: v1\nkind: PersistentVolume\n${meta(`${n}-pv`)}spec:\n  capacity: {storage: 20Gi}\n  accessModes: [ReadWriteMany]\n  persistentVolumeReclaimPolicy: Retain\n  storageClassName: nfs\n  mountOptions: [nfsvers=4.1]\n  nfs: {server: 10.0.0.${Math.floor(next() * 250)}, path: /exports/${n}}\n`,
  StorageClass: (next, n) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\n${meta(`${n}-sc`)}provisioner: nfs.csi.k8s.io\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\nallowVolumeExpansion: true\nparameters: {server: 10.0.0.10, share: /exports}\n`,
  HorizontalPodAutoscaler: (next, n, ns) =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n${meta(n, ns)}spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${n}}\n  minReplicas: 2\n  maxReplicas: ${pick(next, [5, 10])}\n  metrics:\n    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: ${pick(next, [60, 80])}}}\n  behavior:\n    scaleDown: {stabilizationWindowSeconds: 300}\n`,
  PodDisruptionBudget: (next, n, ns) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\n${meta(n, ns)}spec:\n  ${pick(next, ['minAvailable: 1', 'maxUnavailable: "50%"'])}\n  selector:\n    matchLabels: {app.kubernetes.io/name: ${n}}\n`,
  Namespace: (next, n) => `apiVersion: v1\nkind: Namespace\n${meta(`${n}-ns`, '', `  annotations:\n    pod-security.kubernetes.io/enforce: restricted\n`)}`,
  ResourceQuota: (next, n, ns) => `apiVersion: v1\nkind: ResourceQuota\n${meta(n, ns)}spec:\n  hard: {requests.cpu: "4", requests.memory: 8Gi, limits.memory: 16Gi, pods: "40"}\n`,
  LimitRange: (next, n, ns) => `apiVersion: v1\nkind: LimitRange\n${meta(n, ns)}spec:\n  limits:\n    - type: Container\n      default: {memory: 256Mi}\n      defaultRequest: {cpu: 100m, memory: 128Mi}\n`,
  PriorityClass: (next, n) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\n${meta(`${n}-priority`)}value: ${pick(next, [1000, 100000])}\nglobalDefault: false\ndescription: for ${n}\n`,
  ValidatingWebhookConfiguration: (next, n, ns) =>
    `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\n${meta(`${n}-webhook`)}webhooks:\n  - name: validate.${n}.example.test\n    admissionReviewVersions: [v1]\n    sideEffects: None\n    failurePolicy: ${pick(next, ['Fail', 'Ignore'])}\n    timeoutSeconds: 5\n    clientConfig:\n      service: {name: ${n}, namespace: ${ns}, path: /validate, port: 443}\n    rules:\n      - apiGroups: [apps]\n        apiVersions: [v1]\n        operations: [CREATE, UPDATE]\n        resources: [deployments]\n`,
  EndpointSlice: (next, n, ns) =>
    `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n${meta(`${n}-ext`, ns)}addressType: IPv4\nports: [{name: http, protocol: TCP, port: 80}]\nendpoints:\n  - addresses: [10.0.0.${Math.floor(next() * 250)}]\n    conditions: {ready: true}\n`,
  PrometheusRule: (next, n, ns, bad) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n${meta(`${n}-rules`, ns)}spec:\n  groups:\n    - name: ${n}\n      interval: ${pick(next, ['30s', '1m'])}\n      partial_response_strategy: ${bad ? 'sometimes' : pick(next, ['warn', 'ABORT', '""'])}\n      rules:\n        - alert: ${n.replace(/-/g, '')}Down\n          expr: up{job="${n}"} == 0\n          for: ${pick(next, ['5m', '10m'])}\n          labels: {severity: critical}\n          annotations: {summary: "${n} is down"}\n        - record: job:${n.replace(/-/g, '_')}_requests:rate5m\n          expr: sum(rate(http_requests_total{job="${n}"}[5m]))\n`,
  Prometheus: (next, n, ns) =>
    `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\n${meta(`${n}-prometheus`, ns)}spec:\n  replicas: ${pick(next, [1, 2])}\n  retention: ${pick(next, ['15d', '30d'])}\n  serviceAccountName: ${n}\n  serviceMonitorSelector: {}\n  ruleSelector: {matchLabels: {role: alert-rules}}\n  resources: {requests: {memory: 400Mi, cpu: 100m}}\n  securityContext: {runAsNonRoot: true, fsGroup: 2000}\n`,
};

/**
 * Files of objects of ~30 kinds, each like one app's `helm template` output (`# Source:` comments, a leading `---`):
 * `files` files of 4 to 16 objects; about 1 % of the objects are invalid. Returns the number of objects.
 */
export function generateManyKinds(dir, files, seed = 1) {
  mkdirSync(dir, { recursive: true });
  const next = seededRandom(seed);
  const kinds = Object.keys(manyKinds);
  let count = 0;
  for (let f = 0; f < files; f++) {
    const app = `${pick(next, ['web', 'api', 'worker', 'cache', 'gateway', 'search', 'billing', 'auth'])}-${f}`;
    const ns = pick(next, ['platform', 'apps', 'monitoring']);
    const n = 4 + Math.floor(next() * 13);
    const docs = [];
    for (let i = 0; i < n; i++) {
      const kind = i === 0 ? 'Deployment' : pick(next, kinds);
      docs.push(`# Source: ${app}/templates/${kind.toLowerCase()}-${i}.yaml\n${manyKinds[kind](next, app, ns, next() < 0.01)}`);
      count++;
    }
    writeFileSync(join(dir, `app-${String(f).padStart(3, '0')}.yaml`), `---\n${docs.join('---\n')}`);
  }
  return count;
}
