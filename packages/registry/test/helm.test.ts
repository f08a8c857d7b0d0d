// The generated chart with real helm (both binaries): lint --strict and template for defaults and every ci
// scenario, and what each scenario must render.
import bcrypt from 'bcryptjs';
import { findObject } from '../../../tools/testkit/chart.js';
import { describe, expect, it } from 'vitest';
import { HELM_BINARIES, SCENARIOS, chartOnDisk, decode, podSpec, renderNotes, runHelm, template, type K8sObject, type Loose } from './support.js';

const ci = (scenario: string) => ['-f', `${chartOnDisk()}/ci/${scenario}-values.yaml`];
const volume = (o: K8sObject, name: string) => (podSpec(o).volumes as Array<Record<string, Loose>>).find((v) => v.name === name);
const container = (o: K8sObject) => podSpec(o).containers[0] as Record<string, Loose>;
const envNames = (o: K8sObject) => (container(o).env as Array<{ name: string }>).map((e) => e.name);

describe.each(HELM_BINARIES)('registry chart with $label', (helm) => {
  it('passes helm lint --strict with defaults and every ci scenario', () => {
    for (const args of [[], ...SCENARIOS.map((f) => ['-f', `${chartOnDisk()}/${f}`])]) {
      const r = runHelm(helm, ['lint', '--strict', chartOnDisk(), ...args]);
      expect(r.status, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('renders every ci scenario', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(10);
    for (const f of SCENARIOS) expect(template(helm, ['-f', `${chartOnDisk()}/${f}`]).length, f).toBeGreaterThan(3);
  });

  it('renders a secure Deployment with probes that avoid /v2/, config and secret checksums and scrape annotations', () => {
    const objects = template(helm);
    const deploy = findObject(objects, 'Deployment', 'reg-registry');
    const pod = podSpec(deploy);
    const c = container(deploy);
    expect(c.image).toBe('docker.io/library/registry:2.8.3');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
    expect(c.livenessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/debug/health', port: 'debug' });
    const annotations = (deploy.spec as Loose).template.metadata.annotations;
    expect(annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(annotations['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);
    expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '5001', 'prometheus.io/path': '/metrics' });
    expect(volume(deploy, 'data')?.persistentVolumeClaim).toEqual({ claimName: 'reg-registry' });
    expect(findObject(objects, 'PersistentVolumeClaim', 'reg-registry')).toBeDefined();
    expect(envNames(deploy)).toEqual(['REGISTRY_HTTP_SECRET']);
    const svc = findObject(objects, 'Service', 'reg-registry');
    expect((svc.spec as Loose).ports).toEqual([{ name: 'http', port: 5000, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('changes checksum/config when config.yml changes', () => {
    const checksum = (args: string[]) => (findObject(template(helm, args), 'Deployment').spec as Loose).template.metadata.annotations['checksum/config'];
    expect(checksum([])).toBe(checksum([]));
    expect(checksum(['--set', 'config.logLevel=debug'])).not.toBe(checksum([]));
  });

  it('keeps the password, the htpasswd entry and the pull secret consistent within one render', () => {
    const objects = template(helm, ci('nodeport'));
    const secret = findObject(objects, 'Secret', 'reg-registry');
    expect(decode(secret, 'username')).toBe('platform');
    expect(decode(secret, 'password')).toBe('change-me-please');
    const [user, hash] = decode(secret, 'htpasswd').split(':');
    expect(user).toBe('platform');
    expect(bcrypt.compareSync('change-me-please', hash ?? '')).toBe(true);
    expect(bcrypt.compareSync('wrong', hash ?? '')).toBe(false);
    const pull = findObject(objects, 'Secret', 'registry-pull');
    expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(decode(pull, '.dockerconfigjson'));
    expect(config.auths['192.168.1.20:30500']).toEqual({ username: 'platform', password: 'change-me-please', auth: Buffer.from('platform:change-me-please').toString('base64') });
    const svc = findObject(objects, 'Service', 'reg-registry');
    expect((svc.spec as Loose).type).toBe('NodePort');
    expect((svc.spec as Loose).ports[0].nodePort).toBe(30500);
  });

  it('generates a password when none is given and uses the same one everywhere', () => {
    const objects = template(helm, ['--set', 'pullSecret.enabled=true']);
    const secret = findObject(objects, 'Secret', 'reg-registry');
    const password = decode(secret, 'password');
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(bcrypt.compareSync(password, decode(secret, 'htpasswd').split(':')[1] ?? '')).toBe(true);
    const config = JSON.parse(decode(findObject(objects, 'Secret', 'registry-pull'), '.dockerconfigjson'));
    expect(config.auths['reg-registry.platform.svc.cluster.local:5000'].password).toBe(password);
    expect(decode(secret, 'haSharedSecret')).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('mounts auth.existingSecret and keeps a given http secret', () => {
    const objects = template(helm, ci('existing-secret'));
    const deploy = findObject(objects, 'Deployment');
    expect(volume(deploy, 'auth')?.secret).toEqual({ secretName: 'registry-htpasswd', items: [{ key: 'htpasswd', path: 'htpasswd' }] });
    const secret = findObject(objects, 'Secret', 'reg-registry');
    expect(Object.keys(secret.data as object)).toEqual(['haSharedSecret']);
    expect(decode(secret, 'haSharedSecret')).toBe('a-fixed-shared-secret-for-ci');
    const r = runHelm(helm, ['template', 'reg', chartOnDisk(), ...ci('existing-secret'), '--set', 'pullSecret.enabled=true']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('pullSecret.enabled needs auth.username and auth.password');
  });

  it('mounts persistence.existingClaim (an nfs-pv claim) and runs garbage collection on it', () => {
    const objects = template(helm, ci('existing-claim'));
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(volume(findObject(objects, 'Deployment'), 'data')?.persistentVolumeClaim).toEqual({ claimName: 'registry-data' });
    const cron = findObject(objects, 'CronJob', 'reg-registry-gc');
    expect((cron.spec as Loose).schedule).toBe('0 3 * * 0');
    expect(container(cron).args).toEqual(['garbage-collect', '/etc/docker/registry/config.yml']);
    expect(volume(cron, 'data')?.persistentVolumeClaim).toEqual({ claimName: 'registry-data' });
    expect(volume(cron, 'config')?.configMap).toEqual({ name: 'reg-registry' });
  });

  it('renders gc flags, time zone and refuses gc on an emptyDir', () => {
    const cron = findObject(template(helm, ci('gc-cronjob')), 'CronJob');
    expect(cron.spec).toMatchObject({ schedule: '@daily', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
    expect(container(cron).args).toEqual(['garbage-collect', '--delete-untagged', '--dry-run', '/etc/docker/registry/config.yml']);
    const r = runHelm(helm, ['template', 'reg', chartOnDisk(), '--set', 'garbageCollect.enabled=true', '--set', 'persistence.enabled=false']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('garbageCollect.enabled needs persistent storage');
  });

  it('configures S3 with credentials from the chart Secret or an existing one, and no data volume', () => {
    const objects = template(helm, ci('s3'));
    const deploy = findObject(objects, 'Deployment');
    expect(volume(deploy, 'data')).toBeUndefined();
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(envNames(deploy)).toEqual(['REGISTRY_HTTP_SECRET', 'REGISTRY_STORAGE_S3_ACCESSKEY', 'REGISTRY_STORAGE_S3_SECRETKEY']);
    const secret = findObject(objects, 'Secret', 'reg-registry');
    expect(decode(secret, 's3AccessKey')).toBe('minio');
    expect(decode(secret, 's3SecretKey')).toBe('minio-secret');
    const config = (findObject(objects, 'ConfigMap').data as Record<string, string>)['config.yml'];
    expect(config).toContain('regionendpoint: "http://minio.storage.svc:9000"');
    expect(config).toContain('bucket: "registry"');
    expect(config).not.toContain('filesystem');
    expect(config).not.toContain('minio-secret');
    const other = template(helm, ci('s3-existing-secret'));
    const env = container(findObject(other, 'Deployment')).env as Array<Record<string, Loose>>;
    expect(env.find((e) => e.name === 'REGISTRY_STORAGE_S3_ACCESSKEY')?.valueFrom.secretKeyRef).toEqual({ name: 'registry-s3', key: 's3AccessKey' });
    const r = runHelm(helm, ['template', 'reg', chartOnDisk(), '--set', 'storage.type=s3']);
    expect(r.stderr).toContain('storage.s3.bucket is required');
  });

  it('configures a pull-through proxy with upstream credentials from the Secret', () => {
    const objects = template(helm, ci('proxy'));
    const config = (findObject(objects, 'ConfigMap').data as Record<string, string>)['config.yml'];
    expect(config).toContain('remoteurl: "https://registry-1.docker.io"');
    expect(config).not.toContain('htpasswd');
    const deploy = findObject(objects, 'Deployment');
    expect(envNames(deploy)).toEqual(['REGISTRY_HTTP_SECRET', 'REGISTRY_PROXY_USERNAME', 'REGISTRY_PROXY_PASSWORD']);
    expect(volume(deploy, 'auth')).toBeUndefined();
    expect(decode(findObject(objects, 'Secret', 'reg-registry'), 'proxyPassword')).toBe('hub-token');
  });

  it('renders the Ingress with TLS and body-size annotations, and a pull secret for its host', () => {
    const objects = template(helm, ci('ingress-tls'));
    const ingress = findObject(objects, 'Ingress', 'reg-registry');
    expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('0');
    expect((ingress.spec as Loose).tls).toEqual([{ secretName: 'registry-tls', hosts: ['registry.example.lan'] }]);
    expect((ingress.spec as Loose).rules[0].http.paths[0].backend).toEqual({ service: { name: 'reg-registry', port: { name: 'http' } } });
    const config = JSON.parse(decode(findObject(objects, 'Secret', 'registry-pull'), '.dockerconfigjson'));
    expect(Object.keys(config.auths)).toEqual(['registry.example.lan']);
  });

  it('renders a StatefulSet with a volumeClaimTemplate and a headless Service', () => {
    const objects = template(helm, ci('statefulset'));
    const sts = findObject(objects, 'StatefulSet', 'reg-registry');
    expect((sts.spec as Loose).serviceName).toBe('reg-registry-headless');
    expect((sts.spec as Loose).volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '50Gi' } } });
    expect(volume(sts, 'data')).toBeUndefined();
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim' || o.kind === 'Deployment')).toBe(false);
    expect((findObject(objects, 'Service', 'reg-registry-headless').spec as Loose).clusterIP).toBe('None');
  });

  it('uses an emptyDir, global.imageRegistry and global.imagePullSecrets', () => {
    const objects = template(helm, ci('emptydir'));
    const deploy = findObject(objects, 'Deployment');
    expect(volume(deploy, 'data')?.emptyDir).toEqual({});
    expect(container(deploy).image).toBe('registry.example.lan:30500/library/registry:2.8.3');
    expect(podSpec(deploy).imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
    expect((deploy.spec as Loose).template.metadata.annotations['prometheus.io/scrape']).toBeUndefined();
    expect(objects.some((o) => o.kind === 'Pod')).toBe(false);
  });

  it('adds a helm test pod that fetches / through the Service (200 even with auth)', () => {
    const pod = findObject(template(helm), 'Pod', 'reg-registry-test-http');
    expect(pod.metadata.annotations?.['helm.sh/hook']).toBe('test');
    expect((pod.spec as Loose).containers[0].args).toContain('http://reg-registry:5000/');
  });

  it('rejects invalid values with a message naming the field', () => {
    const r = runHelm(helm, ['template', 'reg', chartOnDisk(), '--set', 'image.tag=latest']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/image[./]tag/);
    const r2 = runHelm(helm, ['template', 'reg', chartOnDisk(), '--set', 'service.nodePort=80']);
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/service[./]nodePort/);
    // the strict cron pattern every chart shares: out-of-range fields are refused
    const r3 = runHelm(helm, ['template', 'reg', chartOnDisk(), '--set', 'garbageCollect.enabled=true', '--set-string', 'garbageCollect.schedule=99 99 * * *']);
    expect(r3.status).not.toBe(0);
    expect(r3.stderr).toMatch(/garbageCollect[./]schedule/);
  });

  it('NOTES.txt tells how to log in and, for a NodePort, how to trust the plain-HTTP registry', () => {
    const defaultsNotes = renderNotes(helm);
    expect(defaultsNotes).toContain('kubectl -n platform rollout status deployment/reg-registry');
    expect(defaultsNotes).toContain('kubectl -n platform get secret reg-registry -o jsonpath="{.data.password}" | base64 -d');
    expect(defaultsNotes).toContain('docker login 127.0.0.1:5000 --username admin --password-stdin');
    expect(defaultsNotes).toContain('helm registry login 127.0.0.1:5000 --username admin --password-stdin');
    const nodePort = renderNotes(helm, ci('nodeport'));
    expect(nodePort).toContain('Every node reaches it at <node-ip>:30500');
    expect(nodePort).toContain('/etc/containerd/certs.d/<node-ip>:30500/hosts.toml');
    expect(nodePort).toContain('"insecure-registries"');
    expect(nodePort).toContain('add --plain-http to helm push and helm pull');
    expect(nodePort).toContain('Pods pull with the Secret registry-pull (for 192.168.1.20:30500)');
    expect(renderNotes(helm, ci('existing-secret'))).toContain('Secret registry-htpasswd');
    expect(renderNotes(helm, ci('emptydir'))).toContain('WARNING: storage is an emptyDir');
    expect(renderNotes(helm, ci('proxy'))).toContain('pull-through cache of https://registry-1.docker.io');
    expect(renderNotes(helm, ci('ingress-tls'))).toContain('https://registry.example.lan/');
    expect(renderNotes(helm, ci('statefulset'))).toContain('rollout status statefulset/reg-registry');
  });
});

// Helm 3.17's install --dry-run=client still contacts a cluster, so this runs with Helm 4 only.
const helm4 = HELM_BINARIES.find((h) => h.major === 4)!;
describe(`registry chart with ${helm4.label} install --dry-run=client`, () => {
  it('installs client-side (lookup finds nothing, so credentials are generated) and prints the NOTES', () => {
    const r = runHelm(helm4, ['install', 'reg', chartOnDisk(), '--namespace', 'platform', '--dry-run=client', '-f', `${chartOnDisk()}/ci/nodeport-values.yaml`], { env: { KUBECONFIG: '/nonexistent' } });
    expect(r.status, r.stderr).toBe(0);
    const printed = r.stdout.slice(r.stdout.indexOf('NOTES:\n') + 'NOTES:\n'.length);
    expect(printed.trim()).toBe(renderNotes(helm4, ['-f', `${chartOnDisk()}/ci/nodeport-values.yaml`]).trim());
  });
});

