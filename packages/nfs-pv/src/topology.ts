// What this chart renders, for the picture of the platform (see core/topology.ts): each claim, the volume bound to it
// and the NFS export behind that.
import type { PartTopology, TopologyContext } from '@helmforge/core';
import type { NfsPvValues } from './schema.js';

/** Name of the PersistentVolume the chart makes for a volume: cluster-scoped, so prefixed with the release. */
export function persistentVolumeName(release: string, volume: string): string {
  return `${release}-${volume}`;
}

export function topology(values: NfsPvValues, ctx: TopologyContext): PartTopology {
  const nfs = Object.entries(values.volumes)
    .filter(([, v]) => v.enabled !== false)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([claim, v]) => ({ claim, volume: persistentVolumeName(ctx.release, claim), server: v.server ?? values.volumeDefaults.server, path: v.path }));
  return { workloads: [], services: [], nfs };
}
