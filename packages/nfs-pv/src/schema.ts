// Values schema of the nfs-pv chart: static NFS PersistentVolumes and the claims bound to them, so that
// other charts mount NFS exports by claim name (persistence.existingClaim).
import { AccessMode, DNS_LABEL, emptyOr, EntryEnabled, NamedMap, pattern, Quantity, StringMap, T, valuesSchema, type Static } from '@helmforge/core';

const IPV4_OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `(${IPV4_OCTET}\\.){3}${IPV4_OCTET}`;
const H = '[0-9a-fA-F]{1,4}';
/** IPv6 in any of its compressed forms (RE2 has no lookaround, so every :: position is spelled out). */
const IPV6 = [
  `(${H}:){7}${H}`,
  `(${H}:){1,7}:`,
  `(${H}:){1,6}:${H}`,
  `(${H}:){1,5}(:${H}){1,2}`,
  `(${H}:){1,4}(:${H}){1,3}`,
  `(${H}:){1,3}(:${H}){1,4}`,
  `(${H}:){1,2}(:${H}){1,5}`,
  `${H}:(:${H}){1,6}`,
  `:((:${H}){1,7}|:)`,
].join('|');
/** A host name: DNS labels whose last one starts with a letter (so 300.1.2.3 is not taken for a name). */
const HOSTNAME = '([A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?\\.)*[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?';
export const NFS_SERVER = `^(${IPV4}|${IPV6}|${HOSTNAME})$`;
/** An absolute path of plain segments (no whitespace, quotes or other characters /etc/exports treats specially). */
export const ABSOLUTE_PATH = '^/([A-Za-z0-9._+@-]+(/[A-Za-z0-9._+@-]+)*/?)?$';
/** A path with a `..` segment (rejected with `not`). */
const DOT_DOT_SEGMENT = '(^|/)\\.\\.(/|$)';

const Server = (description: string) => T.String({ description, ...pattern(NFS_SERVER, 'must be an IPv4 or IPv6 address or a host name, e.g. `192.168.1.10` or `nfs.example.lan`'), maxLength: 253 });
const AccessModes = (description: string) => T.Array(AccessMode, { description, minItems: 1, uniqueItems: true });
const ReclaimPolicy = (description: string) => T.Union([T.Literal('Retain'), T.Literal('Delete')], { description });
const MountOptions = (description: string) => T.Array(T.String({ description: 'A mount option, e.g. nfsvers=4.1, hard, noatime.', ...pattern('^[^\\s,]+$', 'must be one mount option without spaces or commas, e.g. `nfsvers=4.1`') }), { description });
const StorageClassName = (description: string) => T.String({ description, ...pattern('^$|^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', 'must be empty or a storage class name: lowercase letters, digits, "-" and "."') });
const Namespace = (description: string) => T.String({ description, ...emptyOr(DNS_LABEL), maxLength: 63 });

const Volume = T.Object(
  {
    enabled: EntryEnabled(),
    server: T.Optional(Server('NFS server (host name, IPv4 or IPv6 address); default volumeDefaults.server.')),
    path: T.String({ description: 'Exported directory on the server (absolute, no .. segments).', ...pattern(ABSOLUTE_PATH, 'must be an absolute path of plain segments (letters, digits and `._+@-`), e.g. `/nfsdata/registry`'), maxLength: 1024, not: { pattern: DOT_DOT_SEGMENT } }),
    capacity: Quantity('Capacity of the volume and request of the claim, e.g. 20Gi (NFS does not enforce it).'),
    accessModes: T.Optional(AccessModes('Access modes of the volume and the claim; default volumeDefaults.accessModes.')),
    reclaimPolicy: T.Optional(ReclaimPolicy('persistentVolumeReclaimPolicy; default volumeDefaults.reclaimPolicy.')),
    mountOptions: T.Optional(MountOptions('NFS mount options; default volumeDefaults.mountOptions.')),
    storageClassName: T.Optional(StorageClassName('storageClassName of the volume and the claim; default volumeDefaults.storageClassName.')),
    namespace: T.Optional(Namespace('Namespace of the claim; default volumeDefaults.namespace, else the release namespace.')),
    readOnly: T.Optional(T.Boolean({ description: 'Mount the export read-only.' })),
    owner: T.Optional(T.String({ description: 'uid:gid that must own the directory on the server (NOTES.txt prints the chown); fsGroup does not apply to NFS volumes.', ...pattern('^[0-9]+(:[0-9]+)?$', 'must be a numeric uid or uid:gid such as `1000:1000`') })),
    labels: T.Optional(StringMap('Extra labels on the volume and the claim.')),
    annotations: T.Optional(StringMap('Extra annotations on the claim.')),
  },
  { description: 'An NFS export, as a PersistentVolume and the claim bound to it.', additionalProperties: false },
);

export const schema = valuesSchema('nfs-pv', 'Static NFS PersistentVolumes and the PersistentVolumeClaims bound to them, one pair per export.', {
  volumeDefaults: T.Object(
    {
      server: Server('NFS server used by volumes that do not name one (host name, IPv4 or IPv6 address; write IPv6 without brackets, the kubelet adds them since Kubernetes 1.22).'),
      accessModes: AccessModes('Access modes of every volume that does not set its own.'),
      reclaimPolicy: ReclaimPolicy('Reclaim policy of every volume that does not set its own. Retain keeps the data after the claim (or the release) is deleted.'),
      mountOptions: MountOptions('NFS mount options of every volume that does not set its own.'),
      storageClassName: StorageClassName('storageClassName written on both the volume and its claim. The empty string keeps a default StorageClass from provisioning a different volume for the claim.'),
      namespace: Namespace('Namespace of every claim that does not set its own; empty for the release namespace.'),
    },
    { description: 'Settings shared by every entry of volumes (each entry may override them).', additionalProperties: false },
  ),
  exports: T.Object(
    {
      clients: T.String({ description: 'Client specification of the /etc/exports lines in NOTES.txt, e.g. * or 192.168.1.0/24.', ...pattern('^[^\\s()]+$', 'must be one client specification without spaces or parentheses, e.g. `192.168.1.0/24`') }),
      options: T.String({ description: 'Export options of the /etc/exports lines in NOTES.txt.', ...pattern('^[^\\s()]+$', 'must be export options without spaces or parentheses, e.g. `rw,sync,no_subtree_check`') }),
    },
    { description: 'How NOTES.txt tells you to export the paths on the NFS server.', additionalProperties: false },
  ),
  volumes: NamedMap(Volume, 'The NFS exports by claim name: each key is the name of the PersistentVolumeClaim, exactly (other charts set persistence.existingClaim to it); the PersistentVolume is named <release>-<name>. A values file that adds a volume keeps the others; `enabled: false` leaves one out.'),
});

export type NfsPvValues = Static<typeof schema>;
