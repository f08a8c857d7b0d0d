import { parseQuantity } from '../k8s/quantity.js';
import { list, rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { forbidden, invalid, required, unsupported } from './shared/api.js';

const MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs',
  'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
];

function accessModes(v: unknown, path: string, fail: (at: string, msg: string) => void, at: string): void {
  const modes = list(v);
  if (modes.length === 0) return fail(at, required(path, 'at least 1 access mode is required'));
  for (const [i, m] of modes.entries()) if (!MODES.includes(String(m))) fail(`${at}/${i}`, unsupported(path, m, MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) fail(at, forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
}

export const apiStorage: Rule = {
  id: 'api-storage',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['PersistentVolumeClaim', 'PersistentVolume'],
  description:
    'Claims and volumes the API server refuses: no access modes (or an unknown one, or ReadWriteOncePod with others), a claim without a positive storage request, a volume without capacity, with no volume source or several, an unknown reclaim policy, and an NFS or hostPath volume whose path is not absolute (or NFS without a server).',
  remediation: 'Fix the field as the message says.',
  check(release, report) {
    for (const pvc of release.ofKind('PersistentVolumeClaim')) {
      const spec = rec(pvc.value.spec) ?? {};
      accessModes(spec.accessModes, 'spec.accessModes', (at, m) => report(pvc, at, m), '/spec/accessModes');
      const storage = rec(rec(spec.resources)?.requests)?.storage;
      if (storage === undefined || storage === null) report(pvc, '/spec/resources', required('spec.resources[storage]'));
      else if ((parseQuantity(storage) ?? 1) <= 0) report(pvc, '/spec/resources/requests/storage', invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
    }
    for (const pv of release.ofKind('PersistentVolume')) {
      const spec = rec(pv.value.spec) ?? {};
      accessModes(spec.accessModes, 'spec.accessModes', (at, m) => report(pv, at, m), '/spec/accessModes');
      if (rec(spec.capacity)?.storage === undefined) report(pv, '/spec', required('spec.capacity'));
      const sources = SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
      if (sources.length === 0) report(pv, '/spec', required('spec', 'must specify a volume type'));
      else if (sources.length > 1) report(pv, `/spec/${sources[1]}`, forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
      const policy = str(spec.persistentVolumeReclaimPolicy);
      if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(policy)) report(pv, '/spec/persistentVolumeReclaimPolicy', unsupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
      const nfs = rec(spec.nfs);
      if (nfs !== undefined) {
        if (str(nfs.server) === undefined || nfs.server === '') report(pv, '/spec/nfs', required('spec.nfs.server'));
        const path = str(nfs.path) ?? '';
        if (!path.startsWith('/')) report(pv, '/spec/nfs/path', path === '' ? required('spec.nfs.path') : invalid('spec.nfs.path', path, 'must be an absolute path'));
      }
      const host = rec(spec.hostPath);
      if (host !== undefined && !(str(host.path) ?? '').startsWith('/')) report(pv, '/spec/hostPath/path', invalid('spec.hostPath.path', host.path ?? '', 'must be an absolute path'));
    }
  },
};
