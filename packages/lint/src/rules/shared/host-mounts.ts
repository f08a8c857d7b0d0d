// Shared by the rules about hostPath volumes: which hostPath volumes a container mounts.
import type { ContainerRef, PodTemplate } from '../../k8s/workload.js';
import { isRecord, ptr, rec, records, str } from '../../k8s/values.js';

export interface HostMount {
  path: string;
  volumeAt: string;
  mountAt: string;
  readOnly: boolean;
}

const NONE: readonly HostMount[] = Object.freeze([]);

export function hostMounts(pod: PodTemplate, c: ContainerRef): readonly HostMount[] {
  // most pods have no hostPath volume (looked for without allocating)
  const list = pod.spec.volumes;
  if (!Array.isArray(list) || !list.some((v) => isRecord(v) && v.hostPath !== undefined && v.hostPath !== null)) return NONE;
  const volumes = new Map<string, { path: string; at: string }>();
  for (const [v, i] of records(pod.spec.volumes)) {
    const path = str(rec(v.hostPath)?.path);
    const name = str(v.name);
    if (path !== undefined && name !== undefined) volumes.set(name, { path, at: ptr(pod.specAt, 'volumes', i, 'hostPath', 'path') });
  }
  if (volumes.size === 0) return NONE;
  const out: HostMount[] = [];
  for (const [m, i] of records(c.c.volumeMounts)) {
    const v = volumes.get(str(m.name) ?? '');
    if (v !== undefined) out.push({ path: v.path, volumeAt: v.at, mountAt: ptr(c.at, 'volumeMounts', i), readOnly: m.readOnly === true });
  }
  return out;
}
