#!/usr/bin/env node
// Benchmark of the validator (npm run bench:validate, after a build): generates a corpus of Kubernetes resources
// (Deployments, Services, ConfigMaps, CronJobs, PVCs, PVs, Ingresses; ~1% invalid) as multi-document files,
// then validates it in strict mode from the v1.33 _definitions.json bundle with 2 workers, in a cold child
// process running the helmforge-conform bin. Prints resources/s, wall time and peak RSS, for 21,000 and then
// 210,000 resources (RSS should not grow: the input is streamed). Each corpus is validated HELMFORGE_BENCH_RUNS
// times (default 5): the median, fastest and slowest runs are printed. Then the lint rules' cost on the 21,000-resource
// corpus: `helmforge validate --manifests` with the rules and with --no-lint, cold processes, in alternating pairs (the
// machine's speed drifts; a pair runs in the same minute), printed beside each other.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'packages', 'validator', 'dist', 'helmforge-conform.mjs');
const CLI = join(ROOT, 'packages', 'cli', 'dist', 'helmforge.mjs');
const BUNDLE = join(ROOT, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');
const DOCS_PER_FILE = 100;

for (const [what, p] of [['validator build', BIN], ['schema bundle', BUNDLE]]) {
  if (!existsSync(p)) {
    console.error(`${what} missing: ${p}${what === 'validator build' ? ' (run npm run build first)' : ''}`);
    process.exit(2);
  }
}

const kinds = [
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

function generate(dir, total) {
  mkdirSync(dir, { recursive: true });
  let invalid = 0;
  for (let f = 0; f * DOCS_PER_FILE < total; f++) {
    const docs = [];
    for (let j = 0; j < DOCS_PER_FILE && f * DOCS_PER_FILE + j < total; j++) {
      const i = f * DOCS_PER_FILE + j;
      const bad = i % 100 === 37; // 1 %
      if (bad) invalid++;
      docs.push(kinds[i % kinds.length](i, bad));
    }
    writeFileSync(join(dir, `corpus-${String(f).padStart(5, '0')}.yaml`), `---\n${docs.join('---\n')}`);
  }
  return invalid;
}

function run(dir) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const args = [BIN, '-strict', '-summary', '-n', '2', '-output', 'text', '-schema-bundle', BUNDLE, dir];
    const child = spawn(process.execPath, args, { env: { ...process.env, HELMFORGE_CONFORM_STATS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledPeak = 0;
    const poll = setInterval(() => {
      try {
        // VmHWM of the child: a second opinion on the peak RSS
        const status = peakRssKiB(child.pid);
        if (status > polledPeak) polledPeak = status;
      } catch {
        /* gone */
      }
    }, 50);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const statsLine = stderr.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
      const stats = statsLine ? JSON.parse(statsLine) : {};
      resolve({ code, wallMs, stats, polledPeakKiB: polledPeak, summary: stdout.trim().split('\n').at(-1), stderr });
    });
  });
}

/** The peak RSS (VmHWM) of a running process, in KiB. */
function peakRssKiB(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmHWM:\s+(\d+) kB/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** Cold runs per corpus (HELMFORGE_BENCH_RUNS): this VM's timings vary by ±15 % from run to run. */
const RUNS = Math.max(1, Number(process.env.HELMFORGE_BENCH_RUNS ?? 5));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One cold `helmforge validate --manifests` run: wall time, the closing lines, and the peak RSS polled from /proc. */
function validateRun(dir, lint) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const args = [CLI, 'validate', '--manifests', dir, '--schema-bundle', BUNDLE, '-n', '2', '--summary', ...(lint ? [] : ['--no-lint'])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    let peak = 0;
    const poll = setInterval(() => {
      try {
        peak = Math.max(peak, peakRssKiB(child.pid));
      } catch {
        /* gone */
      }
    }, 50);
    child.stdout.on('data', (c) => (tail = (tail + c).slice(-4096)));
    child.stderr.on('data', () => {});
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakMB: peak / 1024, lines: tail.trim().split('\n').slice(lint ? -2 : -1) });
    });
  });
}

/** The rules' added time: pairs of runs without and with them, the order alternating from pair to pair. */
async function lintCost(dir, total) {
  const without = [];
  const withRules = [];
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? [false, true] : [true, false];
    for (const lint of order) (lint ? withRules : without).push(await validateRun(dir, lint));
  }
  const ratios = without.map((r, i) => withRules[i].wallMs / r.wallMs);
  const w = median(without.map((r) => r.wallMs / 1000));
  const l = median(withRules.map((r) => r.wallMs / 1000));
  console.log(`lint rules on the ${total.toLocaleString('en-US')} resources: helmforge validate --manifests -n 2, ${RUNS} alternating pairs of cold runs`);
  console.log(`  ${withRules[0].lines.join('\n  ')}`);
  console.log(`  schemas only (--no-lint): median ${w.toFixed(2)} s (min ${Math.min(...without.map((r) => r.wallMs / 1000)).toFixed(2)}), peak RSS median ${median(without.map((r) => r.peakMB)).toFixed(0)} MB`);
  console.log(`  schemas + rules:          median ${l.toFixed(2)} s (min ${Math.min(...withRules.map((r) => r.wallMs / 1000)).toFixed(2)}), peak RSS median ${median(withRules.map((r) => r.peakMB)).toFixed(0)} MB`);
  console.log(`  added by the rules: ${((median(ratios) - 1) * 100).toFixed(0)} % (median of the pairs' ratios; ${((l / w - 1) * 100).toFixed(0)} % median against median; target ≤ 25 %)`);
}

const tmp = mkdtempSync(join(tmpdir(), 'helmforge-bench-'));
const medianRssMB = [];
try {
  for (const total of [21_000, 210_000]) {
    const dir = join(tmp, String(total));
    const invalid = generate(dir, total);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run(dir));
    const walls = runs.map((r) => r.wallMs / 1000);
    const rss = runs.map((r) => Math.max(r.stats.maxRSSKiB ?? 0, r.polledPeakKiB) / 1024);
    const rate = (s) => Math.round(total / s).toLocaleString('en-US');
    console.log(`${total.toLocaleString('en-US')} resources (${invalid} invalid) in ${Math.ceil(total / DOCS_PER_FILE)} files, ${RUNS} cold runs`);
    console.log(`  ${runs[0].summary}`);
    console.log(`  wall time median ${median(walls).toFixed(2)} s (min ${Math.min(...walls).toFixed(2)}, max ${Math.max(...walls).toFixed(2)}; cold process, schema compilation included)`);
    console.log(`  resources/s median ${rate(median(walls))} (from ${rate(Math.max(...walls))} to ${rate(Math.min(...walls))})`);
    console.log(`  peak RSS median ${median(rss).toFixed(0)} MB (max ${Math.max(...rss).toFixed(0)} MB; process incl. worker threads)`);
    medianRssMB.push(median(rss));
    for (const r of runs) if (r.code !== 1) console.log(`  unexpected exit code ${r.code} (the corpus has invalid resources): ${r.stderr}`);
    if (total === 21_000 && existsSync(CLI)) await lintCost(dir, total);
    if (!process.env.HELMFORGE_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
  const [short, long] = medianRssMB;
  const growth = long - short;
  // the target is "not above": see packages/validator/README.md#benchmark for what the growth is made of
  console.log(`peak RSS, 210,000 against 21,000 resources: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB (median against median)`);
} finally {
  // HELMFORGE_BENCH_KEEP=1 keeps the corpus, e.g. to profile the validator on it.
  if (process.env.HELMFORGE_BENCH_KEEP) console.log(`corpus kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
