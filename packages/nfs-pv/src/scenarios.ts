// CI scenarios (ci/*-values.yaml): several volumes with overrides, an IPv6 server, claims in another namespace, none.
// Volumes are added to the chart's defaults by name (a map), so each scenario also renders the default ones.
import { defaults } from './defaults.js';

export const scenarios: Record<string, object> = {
  'several-volumes': {
    volumeDefaults: { server: 'nas.example.lan', mountOptions: ['nfsvers=4.2', 'hard', 'noatime'] },
    exports: { clients: '192.168.1.0/24', options: 'rw,no_root_squash,sync,no_subtree_check' },
    volumes: {
      'registry-data': { path: '/srv/nfs/registry', capacity: '100Gi', owner: '1000:1000', labels: { tier: 'storage' } },
      'db-data': { path: '/srv/nfs/db', capacity: '20Gi', accessModes: ['ReadWriteOnce'], reclaimPolicy: 'Delete', annotations: { 'backup.example.lan/enabled': 'true' } },
      'shared-ro': { server: '192.168.1.11', path: '/export/shared', capacity: '1Ti', accessModes: ['ReadOnlyMany'], readOnly: true, mountOptions: ['nfsvers=3', 'nolock'] },
      'fast-data': { path: '/srv/nfs/fast', capacity: '5Gi', storageClassName: 'nfs-static' },
    },
  },
  ipv6: {
    volumeDefaults: { server: 'fd00:10::20' },
    volumes: {
      'registry-data': { path: '/nfsdata/registry-data', capacity: '50Gi' },
      'other-data': { server: '2001:db8::1', path: '/nfsdata/other', capacity: '1Gi' },
    },
  },
  'namespace-override': {
    volumeDefaults: { namespace: 'platform' },
    volumes: {
      'registry-data': { path: '/nfsdata/registry-data', capacity: '50Gi' },
      'monitoring-data': { path: '/nfsdata/monitoring', capacity: '20Gi', namespace: 'monitoring' },
    },
  },
  // every default volume switched off
  empty: { volumes: Object.fromEntries(Object.keys(defaults.volumes).map((name) => [name, { enabled: false }])) },
};
