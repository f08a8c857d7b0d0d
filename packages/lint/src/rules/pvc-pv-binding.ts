import { parseQuantity } from '../k8s/quantity.js';
import { list, rec, str } from '../k8s/values.js';
import type { Rule } from '../types.js';

export const pvcPvBinding: Rule = {
  id: 'pvc-pv-binding',
  category: 'cross-resource',
  severity: 'error',
  kinds: ['PersistentVolumeClaim', 'PersistentVolume'],
  description:
    'A claim bound explicitly to a volume (`volumeName`) stays Pending unless that PersistentVolume exists and agrees with it: the same `storageClassName` (an unset class on the claim is filled in with the cluster\'s default class, which then does not match a volume of class ""), every requested access mode, enough capacity, the same volumeMode, and a `claimRef` (if the volume has one) naming this claim. A volume whose `claimRef` names a claim the release does not have is reserved for nothing.',
  remediation: 'Give claim and volume the same storageClassName (`""` on both for static volumes), access modes the volume offers, a request within its capacity, and matching volumeName/claimRef.',
  check(release, report) {
    for (const pvc of release.ofKind('PersistentVolumeClaim')) {
      const spec = rec(pvc.value.spec);
      const volumeName = str(spec?.volumeName);
      if (spec === undefined || volumeName === undefined || volumeName === '') continue;
      if (release.isExternal('PersistentVolume', '', volumeName)) continue;
      const pv = release.find('PersistentVolume', '', volumeName);
      if (pv === undefined) {
        report(pvc, '/spec/volumeName', `PersistentVolume "${volumeName}" is not in the release`, { evidence: volumeName });
        continue;
      }
      const pvSpec = rec(pv.value.spec) ?? {};
      const pvClass = str(pvSpec.storageClassName) ?? '';
      const pvcClass = str(spec.storageClassName);
      if (pvcClass === undefined) {
        report(pvc, '/spec', `storageClassName is not set: the cluster's default StorageClass (if any) is filled in, and the claim then cannot bind PersistentVolume "${volumeName}" (class "${pvClass}")`, { severity: 'warning' });
      } else if (pvcClass !== pvClass) {
        report(pvc, '/spec/storageClassName', `storageClassName "${pvcClass}" differs from PersistentVolume "${volumeName}"'s "${pvClass}": the claim cannot bind`, { evidence: pvcClass });
      }
      const offered = list(pvSpec.accessModes).map(String);
      for (const [i, mode] of list(spec.accessModes).entries()) {
        if (!offered.includes(String(mode))) report(pvc, `/spec/accessModes/${i}`, `PersistentVolume "${volumeName}" does not offer access mode ${String(mode)} (it offers ${offered.join(', ') || 'none'})`, { evidence: String(mode) });
      }
      const want = rec(rec(spec.resources)?.requests)?.storage;
      const have = rec(pvSpec.capacity)?.storage;
      const w = parseQuantity(want);
      const h = parseQuantity(have);
      if (w !== undefined && h !== undefined && w > h) report(pvc, '/spec/resources/requests/storage', `requests ${String(want)} but PersistentVolume "${volumeName}" has ${String(have)}`, { evidence: want as string });
      if ((str(spec.volumeMode) ?? 'Filesystem') !== (str(pvSpec.volumeMode) ?? 'Filesystem')) report(pvc, '/spec/volumeMode', `volumeMode differs from PersistentVolume "${volumeName}"'s`);
      const claimRef = rec(pvSpec.claimRef);
      if (claimRef !== undefined && (str(claimRef.name) !== pvc.name || (claimRef.namespace !== undefined && claimRef.namespace !== pvc.namespace))) {
        report(pvc, '/spec/volumeName', `PersistentVolume "${volumeName}" is reserved for claim ${String(claimRef.namespace ?? '')}/${String(claimRef.name)} (claimRef), not this one`);
      }
    }
    for (const pv of release.ofKind('PersistentVolume')) {
      const claimRef = rec(rec(pv.value.spec)?.claimRef);
      const name = str(claimRef?.name);
      if (claimRef === undefined || name === undefined) continue;
      const ns = str(claimRef.namespace) ?? release.namespace;
      if (release.isExternal('PersistentVolumeClaim', ns, name) || release.find('PersistentVolumeClaim', ns, name) !== undefined) continue;
      report(pv, '/spec/claimRef', `claimRef names claim ${ns}/${name}, which is not in the release`, { evidence: name });
    }
  },
};
