// The app-with-probes chart rendered by real Helm (4.1.4 and 3.17.0): lint, probes, rollout, checksums.
import { describe, expect, it } from 'vitest';
import { describeGeneratedChart, findObject, parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { generate, scenarios } from '../src/index.js';

const chart = generate();
const dir = writeTreeToTemp(chart.files, 'app-with-probes');

type Container = { name: string; livenessProbe?: unknown; readinessProbe?: unknown; startupProbe?: unknown; envFrom?: unknown[]; volumeMounts?: { name: string; mountPath: string }[] };
type PodSpec = { containers: Container[]; volumes?: { name: string }[]; imagePullSecrets?: { name: string }[] };
const podSpec = (d: K8sObject) => (d.spec as { template: { spec: PodSpec } }).template.spec;
const podAnnotations = (d: K8sObject) => (d.spec as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations;

describeGeneratedChart(generate);

describe('app-with-probes chart', () => {
  describe.each(HELM_BINARIES)('$label', (helm) => {
    const template = (...args: string[]) => {
      const r = runHelm(helm, ['template', 'rel', dir, ...args]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return parseManifests(r.stdout);
    };

    it.each(['', ...Object.keys(scenarios)])('passes helm lint --strict with scenario "%s"', (scenario) => {
      const r = runHelm(helm, ['lint', '--strict', dir, ...(scenario ? ['-f', `${dir}/ci/${scenario}-values.yaml`] : [])]);
      expect(r.stdout + r.stderr).toContain('0 chart(s) failed');
      expect(r.status).toBe(0);
    });

    it.each([
      ['0', '0', false],
      ['0%', '0%', false],
      ['0', '0%', false],
      ['0', '1', true],
      ['1', '0', true],
      ['0%', '25%', true],
    ])('refuses a rollout that cannot progress: maxSurge=%s, maxUnavailable=%s accepted: %s', (surge, unavailable, accepted) => {
      const set = (key: string, value: string) => (value.endsWith('%') ? ['--set-string', `${key}=${value}`] : ['--set', `${key}=${value}`]);
      const r = runHelm(helm, ['template', 'rel', dir, ...set('strategy.rollingUpdate.maxSurge', surge), ...set('strategy.rollingUpdate.maxUnavailable', unavailable)]);
      expect({ status: r.status, schemaError: /values don't meet the specifications of the schema/.test(r.stderr) && /strategy/.test(r.stderr) }).toEqual({ status: accepted ? 0 : 1, schemaError: !accepted });
    });

    it('renders the configured probes and a rollout that keeps old replicas until new ones are ready', () => {
      const objects = template('--set', 'readinessProbe.periodSeconds=7', '--set', 'minReadySeconds=12');
      const deployment = findObject(objects, 'Deployment', 'rel-app-with-probes');
      const spec = deployment.spec as Record<string, unknown>;
      expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(spec.minReadySeconds).toBe(12);
      expect(spec.progressDeadlineSeconds).toBe(600);
      expect(spec.revisionHistoryLimit).toBe(5);
      const [container] = podSpec(deployment).containers;
      expect(container?.readinessProbe).toEqual({ httpGet: { path: '/', port: 'http' }, initialDelaySeconds: 0, periodSeconds: 7, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 3 });
      expect(container?.livenessProbe).toMatchObject({ httpGet: { path: '/', port: 'http' }, periodSeconds: 10 });
      expect(container?.startupProbe).toMatchObject({ httpGet: { path: '/', port: 'http' }, failureThreshold: 30 });
      const service = findObject(objects, 'Service', 'rel-app-with-probes');
      expect((service.spec as { ports: unknown[] }).ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    });

    it('adds a port beside the default http one (ports is a map), and the test pod and Ingress use mainPort', () => {
      const objects = template('-f', `${dir}/ci/tcp-exec-grpc-probes-values.yaml`, '--set', 'ports.metrics.containerPort=9100,ports.metrics.servicePort=9100,ports.metrics.protocol=TCP', '--set', 'ingress.enabled=true,ingress.hosts[0].host=app.lan,ingress.hosts[0].paths[0].path=/,ingress.hosts[0].paths[0].pathType=Prefix');
      const service = findObject(objects, 'Service', 'rel-app-with-probes');
      expect((service.spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toEqual(['grpc', 'http', 'metrics']);
      expect(JSON.stringify(findObject(objects, 'Ingress').spec)).toContain('"port":{"name":"http"}');
      const off = template('--set', 'ports.http.enabled=false,ports.web.containerPort=8080,ports.web.servicePort=80,ports.web.protocol=TCP,mainPort=web');
      expect((findObject(off, 'Service').spec as { ports: { name: string }[] }).ports.map((p) => p.name)).toEqual(['web']);
      const test = off.find((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test');
      expect(JSON.stringify(test?.spec)).toContain('http://rel-app-with-probes:80/');
    });

    it('fails naming mainPort when it names no enabled port', () => {
      const r = runHelm(helm, ['template', 'rel', dir, '--set', 'mainPort=nope']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/mainPort: "nope" is not an enabled entry of ports/);
    });

    it('renders tcpSocket, grpc and exec probes and percentages in the rollout', () => {
      const objects = template('-f', `${dir}/ci/tcp-exec-grpc-probes-values.yaml`, '--set', 'strategy.rollingUpdate.maxSurge=25%');
      const deployment = findObject(objects, 'Deployment');
      const [container] = podSpec(deployment).containers;
      expect(container?.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
      expect(container?.readinessProbe).toMatchObject({ grpc: { port: 9090 } });
      expect(container?.startupProbe).toMatchObject({ exec: { command: ['cat', '/tmp/started'] } });
      expect((deployment.spec as { strategy: { rollingUpdate: unknown } }).strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: 0 });
    });

    it('rolls the pods when a ConfigMap or Secret value changes (checksum annotations)', () => {
      const checksum = (...args: string[]) => podAnnotations(findObject(template(...args), 'Deployment'));
      const a = checksum('--set', 'config.env.LOG_LEVEL=info');
      const b = checksum('--set', 'config.env.LOG_LEVEL=debug');
      const c = checksum('--set', 'config.env.LOG_LEVEL=info');
      expect(a['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
      expect(a['checksum/config']).not.toBe(b['checksum/config']);
      expect(a['checksum/config']).toBe(c['checksum/config']);
      const s1 = checksum('--set', 'secret.env.TOKEN=one');
      const s2 = checksum('--set', 'secret.env.TOKEN=two');
      expect(s1['checksum/secret']).not.toBe(s2['checksum/secret']);
    });

    it('renders every optional object with all features on, honouring global values', () => {
      const objects = template('-f', `${dir}/ci/all-features-values.yaml`);
      expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Pod', 'PodDisruptionBudget', 'Secret', 'Secret', 'Service', 'ServiceAccount']);
      const deployment = findObject(objects, 'Deployment');
      const pod = podSpec(deployment);
      expect(JSON.stringify(pod.containers[0])).toContain('registry.example.lan:30500/nginxinc/nginx-unprivileged:1.27.3-alpine');
      expect(pod.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
      expect(pod.containers[0]?.envFrom).toEqual([{ configMapRef: { name: 'rel-app-with-probes' } }, { secretRef: { name: 'rel-app-with-probes' } }]);
      expect(pod.containers[0]?.volumeMounts?.map((m) => m.mountPath)).toEqual(['/tmp', '/etc/app', '/etc/app-secrets', '/data', '/var/cache/app']);
      expect(deployment.metadata.labels?.team).toBe('platform');
      expect((deployment.spec as { replicas?: number }).replicas).toBeUndefined(); // the HPA owns the count
      const ingress = findObject(objects, 'Ingress');
      expect(ingress.spec).toMatchObject({ ingressClassName: 'nginx', tls: [{ secretName: 'app-tls', hosts: ['app.example.lan'] }] });
    });

    it('has secure defaults: non-root, no privilege escalation, read-only root, all capabilities dropped', () => {
      const pod = podSpec(findObject(template(), 'Deployment')) as PodSpec & { securityContext: Record<string, unknown>; containers: (Container & { securityContext: Record<string, unknown>; resources: Record<string, unknown> })[] };
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.containers[0]?.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(pod.containers[0]?.resources).toMatchObject({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    });

    it('renders typed Kubernetes fields as given, and a null drops the chart default', () => {
      const values = scenarios['kubernetes-fields'] as Record<string, unknown>;
      const pod = podSpec(findObject(template('-f', `${dir}/ci/kubernetes-fields-values.yaml`), 'Deployment')) as PodSpec & Record<string, unknown>;
      expect(pod.affinity).toEqual(values.affinity);
      expect(pod.initContainers).toEqual(values.initContainers);
      expect(pod.containers.map((c) => c.name)).toEqual(['app-with-probes', 'metrics']);
      expect(pod.volumes).toEqual(expect.arrayContaining(values.extraVolumes as object[]));
      const main = pod.containers[0] as Container & { env: unknown[]; resources: { limits: object }; securityContext: object };
      expect(main.env).toEqual(expect.arrayContaining(values.extraEnv as object[]));
      expect(main.resources.limits).toEqual({ memory: '256Mi' });
      expect(main.securityContext).not.toHaveProperty('readOnlyRootFilesystem');
    });

    it.each([
      ['readinessProbe.periodSeconds=ten', /readinessProbe/],
      ['livenessProbe.timeoutSeconds=0', /livenessProbe/],
      ['image.tag=latest', /image/],
      ['strategy.rollingUpdate.maxUnavailable=half', /maxUnavailable/],
      ['replicaCount=-1', /replicaCount/],
      ['affinity.nodeAfinity.x=1', /nodeAfinity/],
      ['tolerations[0].operater=Exists', /operater/],
      ['sidecars[0].name=proxy,sidecars[0].imagePullPolicy=Sometimes,sidecars[0].ports[0].containerPort=http', /containerPort/],
      ['resources.limits.memory=lots', /memory/],
    ])('rejects --set %s through the values schema', (set, field) => {
      const r = runHelm(helm, ['template', 'rel', dir, '--set', set]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/schema/);
      expect(r.stderr).toMatch(field);
    });
  });
});
