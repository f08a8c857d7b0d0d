// Test helpers: manifests written as objects (JSON is YAML), edited by path, and diffed through the public API.
import { diffReleases, readRelease, type ObjectDiff, type ReleaseDiff } from '../src/index.js';

export type Obj = Record<string, unknown>;

/** A deep copy of `o` with `path` (dotted; `[n]` for list items) set to `value`, or removed when it is undefined. */
export function set(o: Obj, path: string, value: unknown): Obj {
  const copy = structuredClone(o);
  const keys = path.split('.').flatMap((k) => k.split(/\[(\d+)\]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
  let at: Record<string | number, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    at[k] ??= {};
    at = at[k] as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1] as string | number;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** A release manifest as helm writes it: each object under the `# Source:` of a template named after its kind. */
export const manifest = (...objects: Obj[]) => objects.map((o) => `---\n# Source: app/templates/${String(o.kind).toLowerCase()}.yaml\n${JSON.stringify(o)}\n`).join('');

export function diff(before: Obj[], after: Obj[]): ReleaseDiff {
  const read = (objects: Obj[]) => readRelease('test.yaml', manifest(...objects), { namespace: 'default', fallbackComponent: 'app' });
  return diffReleases(read(before), read(after));
}

/** The diff of the one object that is not unchanged. */
export function only(d: ReleaseDiff): ObjectDiff {
  const changed = d.objects.filter((o) => o.verdict !== 'unchanged');
  if (changed.length !== 1) throw new Error(`expected one changed object, got ${changed.map((o) => `${o.verdict} ${(o.new ?? o.old)?.kind}/${(o.new ?? o.old)?.name}`).join(', ') || 'none'}`);
  return changed[0] as ObjectDiff;
}

const podTemplate = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: app, image: 'nginx:1.27.3' }] } });

export const deployment = (name = 'web', replicas = 2): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, template: podTemplate(name) },
});
export const replicaSet = (): Obj => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: podTemplate('web') } });
export const daemonSet = (): Obj => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate('agent') } });
export const statefulSet = (name = 'db', replicas = 3): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name },
  spec: {
    replicas,
    serviceName: `${name}-headless`,
    selector: { matchLabels: { app: name } },
    template: podTemplate(name),
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
  },
});
export const job = (): Obj => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo v1'] }] } } } });
export const service = (): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
export const claim = (name = 'data', volumeName: string | undefined = 'platform-data', storageClassName: string | undefined = ''): Obj => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } }, ...(storageClassName !== undefined ? { storageClassName } : {}), ...(volumeName !== undefined ? { volumeName } : {}) },
});
export const volume = (name = 'platform-data', path = '/nfsdata/app', reclaim = 'Retain', claimName = 'data'): Obj => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: {
    capacity: { storage: '10Gi' },
    accessModes: ['ReadWriteMany'],
    persistentVolumeReclaimPolicy: reclaim,
    storageClassName: '',
    mountOptions: ['nfsvers=4.1'],
    claimRef: { name: claimName, namespace: 'default' },
    nfs: { server: '192.168.1.10', path },
  },
});
export const configMap = (): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { LOG_LEVEL: 'info' } });
export const secret = (): Obj => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'credentials' }, type: 'Opaque', data: { password: 'c2VjcmV0' } });
export const roleBinding = (kind: 'RoleBinding' | 'ClusterRoleBinding'): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'reader' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: 'reader' },
  subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }],
});
export const storageClass = (): Obj => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'nfs.csi.k8s.io', parameters: { server: '192.168.1.10' }, reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' });
