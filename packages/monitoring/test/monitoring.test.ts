// The monitoring chart through real Helm (both binaries) and real promtool.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGeneratedChart, findObject, parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { generate, scenarios } from '../src/index.js';
import { checkRender } from './promtool.js';

type Container = { name: string; image: string; securityContext?: Record<string, unknown>; resources?: { requests?: object; limits?: object }; livenessProbe?: object; readinessProbe?: object; volumeMounts?: Array<{ name: string; readOnly?: boolean; mountPath: string }>; ports?: Array<{ name: string; containerPort: number }>; env?: Array<{ name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> };
type PodSpec = { hostNetwork?: boolean; hostPID?: boolean; securityContext?: Record<string, unknown>; containers: Container[]; volumes: Array<Record<string, unknown> & { name: string }>; tolerations?: object[] };
type Rule = { apiGroups?: string[]; resources?: string[]; verbs: string[]; nonResourceURLs?: string[] };

const NAMESPACE = 'monitoring';
const SCENARIOS = ['defaults', ...Object.keys(scenarios)];
const DISCOVERY = new Set(['pods', 'services', 'endpoints', 'endpointslices', 'nodes', 'nodes/metrics']);

let chartDir: string;
beforeAll(() => {
  chartDir = writeTreeToTemp(generate().files, 'monitoring');
});

function valuesFile(values: object): string {
  const file = join(chartDir, '..', `values-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(values));
  return file;
}

function scenarioArgs(scenario: string): string[] {
  return scenario === 'defaults' ? [] : ['-f', join(chartDir, 'ci', `${scenario}-values.yaml`)];
}

function render(helm: HelmBinary, args: string[] = []): K8sObject[] {
  const r = runHelm(helm, ['template', 'rel', chartDir, '--namespace', NAMESPACE, ...args]);
  expect(r.status, r.stderr).toBe(0);
  return parseManifests(r.stdout);
}

function podSpec(o: K8sObject): PodSpec {
  return (o.spec as { template: { spec: PodSpec } }).template.spec;
}

const workloads = (objects: K8sObject[]) => objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind));

describeGeneratedChart(generate);

describe('generate()', () => {
  it('ships the rule and dashboard files verbatim', () => {
    const chart = generate();
    expect(chart.files.get('files/alerting-rules.yaml')).toContain('{{ $labels.pod }}');
    expect(JSON.parse(chart.files.get('files/dashboards/kubernetes-resources.json')!)).toMatchObject({ title: 'Kubernetes / Resources' });
  });
});

describe.each(HELM_BINARIES)('$label', (helm) => {
  it('lints --strict with the defaults and every ci scenario', () => {
    for (const scenario of SCENARIOS) {
      const r = runHelm(helm, ['lint', '--strict', chartDir, ...scenarioArgs(scenario)]);
      expect(r.status, `${scenario}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  describe.each(SCENARIOS)('%s', (scenario) => {
    let objects: K8sObject[];
    beforeAll(() => {
      objects = render(helm, scenarioArgs(scenario));
    });

    it('renders a prometheus.yml and rules that promtool accepts', () => {
      const result = checkRender(objects);
      expect(result.ok, result.output).toBe(true);
      const jobs = (result.config.scrape_configs ?? []).map((j) => j.job_name);
      expect(new Set(jobs).size).toBe(jobs.length);
      // Alert annotations reach Prometheus as written, not eaten by Helm (in every scenario that keeps the built-in rules).
      const defaultRules = (scenarios as Record<string, { prometheus?: { alertRules?: { defaults?: boolean } } }>)[scenario]?.prometheus?.alertRules?.defaults !== false;
      expect(result.rules['default-rules.yaml']).toEqual(defaultRules ? expect.stringContaining("summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping'") : undefined);
    });

    it('gives Prometheus read-only discovery RBAC and nothing more', () => {
      const roles = objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role');
      expect(roles).toHaveLength(1);
      const viaApiserver = scenario === 'statefulset';
      const rules = (roles[0] as unknown as { rules: Rule[] }).rules;
      for (const rule of rules) for (const verb of rule.verbs) expect(['get', 'list', 'watch']).toContain(verb);
      // the only non-resource URL is /metrics, read-only
      const urls = rules.filter((r) => r.nonResourceURLs !== undefined);
      expect(urls.filter((r) => JSON.stringify(r.nonResourceURLs) !== '["/metrics"]' || r.verbs.join() !== 'get')).toEqual([]);
      const resourceRules = rules.filter((r) => r.nonResourceURLs === undefined);
      expect(resourceRules.flatMap((r) => r.apiGroups ?? []).filter((g) => g !== '' && g !== 'discovery.k8s.io')).toEqual([]);
      const granted = resourceRules.flatMap((r) => (r.resources ?? []).map((resource) => ({ resource, verbs: r.verbs.join() })));
      // discovery only; nodes/proxy exactly when kubelets are scraped through the API server; subresources get-only
      expect(granted.filter((g) => !DISCOVERY.has(g.resource) && g.resource !== 'nodes/proxy')).toEqual([]);
      expect(granted.some((g) => g.resource === 'nodes/proxy'), 'nodes/proxy only with kubeletVia: apiserver').toBe(viaApiserver);
      expect(granted.filter((g) => g.resource.includes('/') && g.verbs !== 'get')).toEqual([]);
    });

    it('runs every container non-root, read-only, without capabilities, with probes and resources', () => {
      for (const w of workloads(objects)) {
        const pod = podSpec(w);
        expect(pod.securityContext, w.metadata.name).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        for (const c of pod.containers) {
          expect(c.image, c.name).toMatch(/:[^:]+$/);
          expect(c.image).not.toMatch(/:latest$/);
          expect(c.securityContext, c.name).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
          expect(c.resources?.requests && c.resources.limits, c.name).toBeTruthy();
          expect(c.livenessProbe, c.name).toBeDefined();
          expect(c.readinessProbe, c.name).toBeDefined();
        }
      }
    });

    // (which test a scenario gets is decided here; each asserts unconditionally)
    if (scenario === 'grafana-off') {
      it('renders no Grafana configuration', () => {
        expect(objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rel-monitoring-grafana')).toEqual([]);
      });
    } else it('points the Grafana datasource at the rendered Prometheus Service', () => {
      const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'rel-monitoring-grafana') as { data: Record<string, string> } | undefined;
      expect(cm).toBeDefined();
      const url = new URL((parse(cm!.data['datasources.yaml']!) as { datasources: Array<{ url: string; type: string }> }).datasources[0]!.url);
      const service = objects.find((o) => o.kind === 'Service' && o.metadata.labels?.['app.kubernetes.io/component'] === 'prometheus' && (o.spec as { clusterIP?: string }).clusterIP !== 'None')!;
      const port = (service.spec as { ports: Array<{ port: number }> }).ports[0]!.port;
      expect(url.hostname).toBe(`${service.metadata.name}.${NAMESPACE}.svc`);
      expect(Number(url.port)).toBe(port);
      // …and that Service selects the Prometheus pods on the port they listen on.
      const server = workloads(objects).find((o) => o.metadata.labels?.['app.kubernetes.io/component'] === 'prometheus')!;
      const podLabels = (server.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
      expect(podLabels).toMatchObject((service.spec as { selector: Record<string, string> }).selector);
      expect(podSpec(server).containers[0]!.ports).toContainEqual({ name: 'http', containerPort: 9090, protocol: 'TCP' });
    });

    it('rolls the pods when their configuration changes (checksum annotations)', () => {
      for (const w of workloads(objects).filter((o) => o.kind !== 'DaemonSet')) {
        const annotations = (w.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations ?? {};
        expect(Object.keys(annotations).filter((k) => k.startsWith('checksum/')).length, w.metadata.name).toBeGreaterThan(0);
      }
    });
  });

  it('limits discovery to the release namespace and drops node jobs in namespaced-only mode', () => {
    const objects = render(helm, scenarioArgs('namespaced-only'));
    expect(objects.some((o) => o.kind.startsWith('Cluster'))).toBe(false);
    findObject(objects, 'RoleBinding', 'rel-monitoring-prometheus');
    const { config } = checkRender(objects);
    const jobs = config.scrape_configs ?? [];
    expect(jobs.map((j) => j.job_name)).not.toContain('kubernetes-nodes');
    expect(jobs.map((j) => j.job_name)).not.toContain('kubernetes-cadvisor');
    for (const job of jobs) {
      for (const sd of (job.kubernetes_sd_configs as Array<{ namespaces?: { names: string[] } }> | undefined) ?? []) expect(sd.namespaces?.names).toEqual([NAMESPACE]);
    }
  });

  it('relabels annotated pods and Service endpoints to namespace/pod/service labels', () => {
    const { config } = checkRender(render(helm));
    const job = (name: string) => (config.scrape_configs ?? []).find((j) => j.job_name === name) as { relabel_configs: Array<{ source_labels?: string[]; target_label?: string }> };
    const targets = (name: string) => Object.fromEntries(job(name).relabel_configs.filter((r) => r.target_label && r.source_labels).map((r) => [r.target_label, r.source_labels![0]]));
    expect(targets('kubernetes-pods')).toMatchObject({ namespace: '__meta_kubernetes_namespace', pod: '__meta_kubernetes_pod_name', __scheme__: '__meta_kubernetes_pod_annotation_prometheus_io_scheme', __metrics_path__: '__meta_kubernetes_pod_annotation_prometheus_io_path' });
    expect(targets('kubernetes-service-endpoints')).toMatchObject({ namespace: '__meta_kubernetes_namespace', service: '__meta_kubernetes_service_name', pod: '__meta_kubernetes_pod_name' });
  });

  it.each([
    ['an invalid relabel regex', 'broken', { static_configs: [{ targets: ['a:1'] }], relabel_configs: [{ source_labels: ['__address__'], regex: '([a-z', target_label: 'x' }] }, /regex|parse|missing closing/i],
    ['an unknown field', 'broken', { scrape_intervall: '10s', static_configs: [{ targets: ['a:1'] }] }, /scrape_intervall/],
    ['a duplicate job name', 'prometheus', { static_configs: [{ targets: ['a:1'] }] }, /prometheus/],
  ])('lets promtool catch a broken scrapeConfigs entry: %s', (_what, job, entry, message) => {
    const result = checkRender(render(helm, ['-f', valuesFile({ prometheus: { scrapeConfigs: { [job]: entry } } })]));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(message);
  });

  it('adds scrape jobs and rule groups by name: two values files keep both, enabled: false leaves one out', () => {
    const first = valuesFile({ prometheus: { scrapeConfigs: { app: { static_configs: [{ targets: ['app:8080'] }] } }, alertRules: { groups: { app: { rules: [{ alert: 'AppDown', expr: 'up{job="app"} == 0' }] } } } } });
    const second = valuesFile({ prometheus: { scrapeConfigs: { db: { static_configs: [{ targets: ['db:9187'] }] }, off: { enabled: false, static_configs: [{ targets: ['x:1'] }] } } } });
    const objects = render(helm, ['-f', first, '-f', second]);
    const result = checkRender(objects);
    expect(result.ok, result.output).toBe(true);
    const jobs = (result.config.scrape_configs ?? []).map((j) => j.job_name);
    expect(jobs).toEqual(expect.arrayContaining(['prometheus', 'kubernetes-pods', 'app', 'db']));
    expect(jobs).not.toContain('off');
    const rules = findObject(objects, 'ConfigMap', 'rel-monitoring-prometheus-rules') as unknown as { data: Record<string, string> };
    expect(rules.data['extra-rules.yaml']).toMatch(/name: app\n/);
    expect(Object.keys(rules.data)).toContain('default-rules.yaml');
  });

  it('keeps the control-plane tolerations when a values file adds one for node-exporter', () => {
    const objects = render(helm, ['--set', 'nodeExporter.enabled=true', '-f', valuesFile({ nodeExporter: { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] } })]);
    const keys = (podSpec(findObject(objects, 'DaemonSet', 'rel-monitoring-node-exporter')).tolerations as Array<{ key: string }>).map((t) => t.key);
    expect(keys).toEqual(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master', 'gpu']);
  });

  it('lets promtool catch a broken extra rule', () => {
    const result = checkRender(render(helm, ['-f', valuesFile({ prometheus: { alertRules: { defaults: true, groups: { x: { rules: [{ alert: 'Bad', expr: 'sum(up' }] } } } } })]));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/extra-rules\.yaml|parse/);
  });

  it('uses existing claims and an existing admin Secret without creating their own', () => {
    const objects = render(helm, scenarioArgs('existing-secret-and-claims'));
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const claim = (component: string) => podSpec(workloads(objects).find((o) => o.metadata.name === `rel-monitoring-${component}`)!).volumes.find((v) => v.name === 'data') as unknown as { persistentVolumeClaim: { claimName: string } };
    expect(claim('prometheus').persistentVolumeClaim.claimName).toBe('prometheus-data');
    expect(claim('grafana').persistentVolumeClaim.claimName).toBe('grafana-data');
    const env = podSpec(findObject(objects, 'Deployment', 'rel-monitoring-grafana')).containers[0]!.env!;
    expect(env.find((e) => e.name === 'GF_SECURITY_ADMIN_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: 'grafana-admin', key: 'password' });
    expect(podSpec(findObject(objects, 'Deployment', 'rel-monitoring-grafana')).containers[0]!.image).toBe('registry.example.lan:30500/grafana/grafana:11.4.0');
  });

  it('generates the Grafana admin password (with a lookup fallback) when no Secret is given', () => {
    const objects = render(helm);
    const secret = findObject(objects, 'Secret', 'rel-monitoring-grafana') as unknown as { data: Record<string, string> };
    expect(Buffer.from(secret.data['admin-user']!, 'base64').toString()).toBe('admin');
    expect(Buffer.from(secret.data['admin-password']!, 'base64').toString()).toMatch(/^[A-Za-z0-9]{32}$/);
    const dashboards = findObject(objects, 'ConfigMap', 'rel-monitoring-grafana-dashboards') as unknown as { data: Record<string, string> };
    expect(dashboards.data['kubernetes-resources.json']).toContain('"legendFormat": "{{pod}}"');
  });

  it('runs Prometheus as a StatefulSet with a claim template and a headless Service', () => {
    const objects = render(helm, scenarioArgs('statefulset'));
    const sts = findObject(objects, 'StatefulSet', 'rel-monitoring-prometheus') as unknown as { spec: { serviceName: string; volumeClaimTemplates: Array<{ spec: { storageClassName: string; resources: { requests: { storage: string } } } }>; template: { spec: { containers: Array<{ args: string[] }> } } } };
    expect(sts.spec.serviceName).toBe('rel-monitoring-prometheus-headless');
    findObject(objects, 'Service', 'rel-monitoring-prometheus-headless');
    expect(sts.spec.volumeClaimTemplates[0]!.spec).toMatchObject({ storageClassName: 'local-path', resources: { requests: { storage: '50Gi' } } });
    expect(sts.spec.template.spec.containers[0]!.args).toEqual(expect.arrayContaining(['--storage.tsdb.retention.time=30d', '--storage.tsdb.retention.size=45GB', '--query.timeout=1m']));
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name)).toEqual(['rel-monitoring-grafana']);
  });

  it('runs node-exporter on every node with host namespaces and read-only host mounts only', () => {
    const objects = render(helm, scenarioArgs('node-exporter'));
    const pod = podSpec(findObject(objects, 'DaemonSet', 'rel-monitoring-node-exporter'));
    expect(pod).toMatchObject({ hostNetwork: true, hostPID: true });
    expect(pod.tolerations).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' });
    expect(pod.volumes.map((v) => (v.hostPath as { path: string }).path)).toEqual(['/proc', '/sys', '/']);
    for (const m of pod.containers[0]!.volumeMounts!) expect(m.readOnly, m.mountPath).toBe(true);
    const { config } = checkRender(objects);
    expect((config.scrape_configs ?? []).map((j) => j.job_name)).toContain('node-exporter');
  });

  it('ships helm test pods for Prometheus and Grafana', () => {
    const tests = render(helm).filter((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test');
    const urls = tests.map((t) => ((t.spec as { containers: Array<{ args: string[] }> }).containers[0]!.args.at(-1)));
    expect(urls.sort()).toEqual(['http://rel-monitoring-grafana:80/api/health', 'http://rel-monitoring-prometheus:9090/-/ready']);
  });

  it('changes the Prometheus pod checksum when the scrape configuration changes', () => {
    const checksum = (args: string[]) => ((findObject(render(helm, args), 'Deployment', 'rel-monitoring-prometheus').spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations['checksum/config']);
    expect(checksum(['-f', valuesFile({ prometheus: { scrapeInterval: '15s' } })])).not.toBe(checksum([]));
  });

  it.each([
    ['a malformed retention time', { prometheus: { retention: { time: '15 days', size: '' } } }, /retention/],
    ['an unpinned image', { grafana: { image: { tag: 'latest' } } }, /grafana[./]image[./]tag/],
    ['an unknown key', { prometheus: { retentionTime: '15d' } }, /retentionTime/],
  ])('rejects %s through the schema', (_what, values, message) => {
    const r = runHelm(helm, ['template', 'rel', chartDir, '-f', valuesFile(values)]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
