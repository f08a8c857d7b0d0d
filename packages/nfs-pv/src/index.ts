// The nfs-pv chart: schema, defaults, templates and CI scenarios, composed by buildChart.
import { defineSubchart } from '@helmforge/core';
import { defaults } from './defaults.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';

export { schema, defaults, scenarios };
export { NFS_SERVER, ABSOLUTE_PATH } from './schema.js';
export type { NfsPvValues } from './schema.js';


const README = `For every entry of \`volumes\` the chart makes a PersistentVolume on the NFS export \`server:path\` and a
PersistentVolumeClaim bound to it explicitly: the claim names the volume (\`volumeName\`), the volume names the claim
(\`claimRef\`), and both carry the same \`storageClassName\` (default \`""\`, so a default StorageClass never provisions a
different volume for the claim), capacity and access modes.

**Naming rule.** The claim is named exactly like the volume entry (\`registry-data\`), in the release namespace unless
\`namespace\` says otherwise, so other charts mount it with \`persistence.existingClaim: registry-data\`. The
PersistentVolume is cluster-scoped and named \`<release>-<name>\` (e.g. \`platform-registry-data\`), so two releases never
collide.

**The NFS server.** NOTES.txt prints what to run on each server: install \`nfs-utils rpcbind\`, \`mkdir -p\` every path
(and \`chown\` it to \`owner\`: fsGroup does not apply to NFS volumes), the \`/etc/exports\` lines
(\`<path> <exports.clients>(<exports.options>)\`, default \`*(rw,no_root_squash,sync)\`), \`exportfs -r\` and
\`systemctl enable --now rpcbind nfs-server\`. Every node needs the NFS client (\`nfs-utils\` or \`nfs-common\`).

**Data survives.** With \`reclaimPolicy: Retain\` (the default) deleting a claim or uninstalling the release never touches
the files on the server; a new install binds fresh objects to the same directories.`;

export const { CHART_NAME, CHART_VERSION, generate } = defineSubchart({
  metadata: {
    name: 'nfs-pv',
    description: 'Static NFS PersistentVolumes and the PersistentVolumeClaims bound to them, for charts that mount NFS exports by claim name.',
    version: '0.1.0',
    appVersion: '1.0.0',
    keywords: ['nfs', 'persistentvolume', 'storage'],
  },
  schema,
  defaults,
  scenarios,
  readme: README,
  packageUrl: import.meta.url,
});
export { persistentVolumeName, topology } from './topology.js';
