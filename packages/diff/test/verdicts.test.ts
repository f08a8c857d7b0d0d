// Data loss, replacement, restarts and hooks, from pairs of small manifests through the public API.
import { describe, expect, it } from 'vitest';
import { diffReleases, generatedPaths, readRelease } from '../src/index.js';
import { claim, configMap, daemonSet, deployment, diff, job, manifest, only, secret, service, set, statefulSet, volume, type Obj } from './helpers.js';

const find = (d: ReturnType<typeof diff>, kind: string, name: string) => {
  const o = d.objects.find((x) => (x.new ?? x.old)?.kind === kind && (x.new ?? x.old)?.name === name);
  if (o === undefined) throw new Error(`no ${kind} ${name}`);
  return o;
};
const reasons = (o: { findings: { reason: string }[] }) => o.findings.map((f) => f.reason).join('\n');
const mounting = (name: string, claimName: string): Obj => set(deployment(name, 1), 'spec.template.spec.volumes', [{ name: 'data', persistentVolumeClaim: { claimName } }]);

describe('data loss', () => {
  it('a claim removed with its Retain volume: the data stays on the export, no claim reaches it', () => {
    const d = diff([claim(), volume(), mounting('web', 'data')], [mounting('web', 'data')]);
    const c = find(d, 'PersistentVolumeClaim', 'data');
    expect(c.verdict).toBe('data-loss');
    expect(reasons(c)).toMatch(/the data of app \(Deployment web\) stays on NFS 192\.168\.1\.10:\/nfsdata\/app \(reclaimPolicy Retain\)/);
    expect(reasons(c)).toMatch(/Deployment web still mounts data in the new release: its pods will not start/);
    expect(find(d, 'PersistentVolume', 'platform-data').verdict).toBe('data-loss');
  });

  it('a claim whose volume has reclaimPolicy Delete: the data is deleted with it', () => {
    const d = diff([claim(), volume('platform-data', '/nfsdata/app', 'Delete')], [volume('platform-data', '/nfsdata/app', 'Delete')]);
    expect(reasons(find(d, 'PersistentVolumeClaim', 'data'))).toMatch(/is deleted with PersistentVolume platform-data .*reclaimPolicy Delete/);
  });

  it('a renamed claim on another export starts empty; on the same export the data carries over', () => {
    const moved = diff([claim(), volume()], [claim('store', 'platform-store'), volume('platform-store', '/nfsdata/store', 'Retain', 'store')]);
    const c = find(moved, 'PersistentVolumeClaim', 'store');
    expect(c).toMatchObject({ change: 'replaced', verdict: 'data-loss' });
    expect(c.old?.name).toBe('data');
    expect(reasons(c)).toMatch(/the new claim store starts empty \(NFS 192\.168\.1\.10:\/nfsdata\/store\)/);

    const renamed = diff([claim(), volume()], [claim('store', 'platform-store'), volume('platform-store', '/nfsdata/app', 'Retain', 'store')]);
    expect(find(renamed, 'PersistentVolumeClaim', 'store')).toMatchObject({ change: 'replaced', verdict: 'replaced' });
    expect(reasons(find(renamed, 'PersistentVolumeClaim', 'store'))).toMatch(/binds platform-store on the same storage \(NFS 192\.168\.1\.10:\/nfsdata\/app\): the data carries over/);
    expect(find(renamed, 'PersistentVolume', 'platform-store').verdict).toBe('replaced');
  });

  it('helm.sh/resource-policy: keep leaves a removed claim in place', () => {
    const kept = set(claim(), 'metadata.annotations', { 'helm.sh/resource-policy': 'keep' });
    const o = only(diff([kept], []));
    expect(o.verdict).toBe('removed');
    expect(reasons(o)).toMatch(/Helm leaves PersistentVolumeClaim data in the cluster/);
  });

  it('a renamed StatefulSet leaves its claims behind and starts with empty ones', () => {
    const d = diff([statefulSet('db', 2)], [statefulSet('database', 2)]);
    const s = find(d, 'StatefulSet', 'database');
    expect(s).toMatchObject({ change: 'replaced', verdict: 'data-loss' });
    expect(reasons(s)).toMatch(/claims of StatefulSet db \(data-db-0, data-db-1\) stay behind, orphaned \(no workload of the release uses them\); StatefulSet database creates new, empty claims data-database-0, data-database-1/);
  });

  it('a removed CustomResourceDefinition takes every object of its kind with it', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'backups.example.com' }, spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Backup', plural: 'backups' }, versions: [] } };
    const o = only(diff([crd], []));
    expect(o.verdict).toBe('data-loss');
    expect(reasons(o)).toMatch(/every backups\.example\.com object in the cluster is deleted/);
  });

  it('a Secret of generated credentials under a new name is generated afresh', () => {
    const generated = (name: string, password: string) => set(set(secret(), 'metadata.name', name), 'data.password', password);
    const read = (objects: Obj[]) => readRelease('t.yaml', manifest(...objects), { namespace: 'default', fallbackComponent: 'grafana' });
    const old = read([generated('grafana', 'b2xk')]);
    // two renders of the new chart give two passwords: the value is generated at render time
    const first = read([generated('monitoring-grafana', 'Zmlyc3Q=')]);
    const second = read([generated('monitoring-grafana', 'c2Vjb25k')]);
    const d = diffReleases(old, first, { generated: generatedPaths(first, second) });
    const s = d.objects[0];
    expect(s).toMatchObject({ change: 'replaced', verdict: 'data-loss' });
    expect(reasons(s as never)).toMatch(/password of Secret monitoring-grafana is generated afresh: .*lookup/);
  });
});

describe('generated values', () => {
  it('are masked, and do not make an immutable field fail: a Job whose template carries a checksum of a generated password', () => {
    const read = (objects: Obj[]) => readRelease('t.yaml', manifest(...objects), { namespace: 'default', fallbackComponent: 'app' });
    const render = (password: string, backoffLimit: number) => [
      set(secret(), 'data.password', password),
      set(set(job(), 'spec.template.metadata.annotations', { 'checksum/secret': `sum-of-${password}` }), 'spec.backoffLimit', backoffLimit),
    ];
    const [first, second] = [read(render('Zmlyc3Q=', 3)), read(render('c2Vjb25k', 3))];
    const d = diffReleases(read(render('b2xk', 2)), first as never, { generated: generatedPaths(first as never, second as never) });
    expect(d.objects.map((o) => [o.verdict, o.new?.kind, o.masked, o.changes.map((c) => c.path)])).toEqual([
      ['changed', 'Job', ['spec.template.metadata.annotations["checksum/secret"]'], ['spec.backoffLimit']],
      ['unchanged', 'Secret', ['data.password'], []],
    ]);
  });
});

describe('replaced objects', () => {
  it('a kind change under the same name drops the pods at once', () => {
    const sts = set(set(statefulSet('web', 2), 'spec.volumeClaimTemplates', undefined), 'spec.selector.matchLabels', { app: 'web' });
    const o = only(diff([deployment('web', 2)], [sts]));
    expect(o).toMatchObject({ change: 'replaced', verdict: 'replaced' });
    expect(reasons(o)).toMatch(/Deployment web becomes StatefulSet web: Helm pairs objects by group, kind, namespace and name/);
    expect(reasons(o)).toMatch(/Deployment web and its 2 pods are deleted at once as soon as StatefulSet web is created/);
  });

  it('a renamed Service gets a new ClusterIP and DNS name; a fixed nodePort it still holds makes the create fail', () => {
    const nodePort = (name: string) => set(set(set(service(), 'metadata.name', name), 'spec.type', 'NodePort'), 'spec.ports[0].nodePort', 30500);
    const d = diff([nodePort('web')], [nodePort('frontend')]);
    const s = find(d, 'Service', 'frontend');
    expect(s.verdict).toBe('will-fail');
    expect(reasons(s)).toMatch(/new ClusterIP and DNS name \(frontend\.default\.svc instead of web\.default\.svc\)/);
    expect(reasons(s)).toMatch(/nodePort 30500, which Service web still holds/);
  });

  it('an object moved to another namespace is created there and deleted here', () => {
    const o = only(diff([configMap()], [set(configMap(), 'metadata.namespace', 'tools')]));
    expect(o).toMatchObject({ change: 'replaced', verdict: 'replaced' });
    expect(reasons(o)).toMatch(/ConfigMap settings moves from namespace default to tools/);
  });
});

describe('restarts: how many pods, in what steps', () => {
  const image = (o: Obj) => set(o, 'spec.template.spec.containers[0].image', 'nginx:1.27.4');
  it.each([
    ['maxSurge 1, maxUnavailable 0, 2 replicas', deployment('web', 2), /app: 2 pods replaced one at a time, never below 2 ready — image of web: nginx:1\.27\.3 → nginx:1\.27\.4/],
    ['the default 25 %/25 % with 8 replicas', set(deployment('web', 8), 'spec.strategy', undefined), /8 pods replaced up to 4 at a time, never below 6 ready/],
    ['maxUnavailable 100 %', set(deployment('web', 3), 'spec.strategy.rollingUpdate', { maxSurge: 0, maxUnavailable: '100%' }), /3 pods replaced up to 3 at a time, with no pod kept ready .*an outage/],
    ['Recreate', set(deployment('web', 3), 'spec.strategy', { type: 'Recreate' }), /3 pods stopped before the new ones start \(strategy Recreate\)/],
    ['a StatefulSet', statefulSet('db', 3), /3 pods replaced one at a time, highest ordinal first, never below 2 ready/],
    ['a DaemonSet', daemonSet(), /one pod on every node replaced, 1 node\(s\) at a time/],
  ])('%s', (_name, before, wording) => {
    const o = only(diff([before], [image(before)]));
    expect(o.verdict).toBe('restart');
    expect(reasons(o)).toMatch(wording);
  });

  it.each([
    ['a StatefulSet with OnDelete', set(statefulSet('db', 3), 'spec.updateStrategy', { type: 'OnDelete' }), /3 pods keep the old template until each is deleted by hand \(updateStrategy OnDelete\)/],
    ['a ReplicaSet', set(deployment('web', 2), 'kind', 'ReplicaSet'), /2 pods keep the old template: a ReplicaSet uses a new template only for pods it creates from now on/],
  ])('no restart: %s', (_name, before, wording) => {
    const o = only(diff([before], [image(before)]));
    expect(o.verdict).toBe('changed');
    expect(reasons(o)).toMatch(wording);
  });

  it('a checksum annotation names the ConfigMap that changed', () => {
    const withSum = (sum: string) => set(deployment('web', 2), 'spec.template.metadata.annotations', { 'checksum/config': sum });
    const d = diff([configMap(), withSum('aaa')], [set(configMap(), 'data.LOG_LEVEL', 'debug'), withSum('bbb')]);
    expect(reasons(find(d, 'Deployment', 'web'))).toMatch(/checksum\/config annotation changed \(ConfigMap settings changed\)/);
  });

  it('a ConfigMap used as environment without a checksum: the pods keep the old values', () => {
    const user = set(deployment('web', 2), 'spec.template.spec.containers[0].envFrom', [{ configMapRef: { name: 'settings' } }]);
    const d = diff([configMap(), user], [set(configMap(), 'data.LOG_LEVEL', 'debug'), user]);
    const c = find(d, 'ConfigMap', 'settings');
    expect(c.verdict).toBe('changed');
    expect(reasons(c)).toMatch(/used as environment by Deployment web, whose pods do not restart/);
  });

  it('Secret values are never in the changes', () => {
    const o = only(diff([secret()], [set(secret(), 'data.password', 'bmV3')]));
    expect(o.changes).toEqual([{ path: 'data.password', segments: ['data', 'password'], op: 'changed' }]);
  });
});

describe('hooks', () => {
  const hook = (name: string, events: string, extra: Record<string, string> = {}) =>
    set(set(deployment(name), 'kind', 'Job'), 'metadata.annotations', { 'helm.sh/hook': events, ...extra });
  it('lists the hooks an upgrade runs, in weight order, and leaves install-only and test hooks out', () => {
    const d = diff([], [hook('migrate', 'pre-install,pre-upgrade', { 'helm.sh/hook-weight': '5', 'helm.sh/hook-delete-policy': 'before-hook-creation' }), hook('seed', 'pre-upgrade', { 'helm.sh/hook-weight': '-1' }), hook('notify', 'post-upgrade'), hook('init', 'pre-install'), hook('smoke', 'test')]);
    expect(d.hooks.map((h) => `${h.events.join('+')} ${h.hook.name}`)).toEqual(['pre-upgrade seed', 'post-upgrade notify', 'pre-upgrade migrate']);
    expect(d.hooks[2]?.reason).toMatch(/weight 5; delete policy before-hook-creation/);
    expect(d.objects).toEqual([]);
  });
});
