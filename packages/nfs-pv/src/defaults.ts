// Defaults of the nfs-pv chart, typed by the schema (the compiler checks them against it). The server and
// volumes are an example (an NFS server at 192.168.1.10 exporting /nfsdata); the stack file chooses the real ones.
import { globalDefaults } from '@helmforge/core';
import type { NfsPvValues } from './schema.js';

export const defaults: NfsPvValues = {
  global: globalDefaults,
  volumeDefaults: {
    server: '192.168.1.10',
    accessModes: ['ReadWriteMany'],
    reclaimPolicy: 'Retain',
    mountOptions: ['nfsvers=4.1'],
    storageClassName: '',
    namespace: '',
  },
  exports: { clients: '*', options: 'rw,no_root_squash,sync' },
  // The claims the other parts use by default (registry, Prometheus, Grafana, the apps and the backup CronJob).
  volumes: {
    // owner: the UID/GID the consuming chart runs as (registry runs as 1000, app-with-probes' nginx as 101).
    'registry-data': { path: '/nfsdata/registry-data', capacity: '50Gi', owner: '1000:1000' },
    'prometheus-data': { path: '/nfsdata/prometheus-data', capacity: '20Gi' },
    'grafana-data': { path: '/nfsdata/grafana-data', capacity: '5Gi' },
    'app-data': { path: '/nfsdata/app-data', capacity: '10Gi', owner: '101:101' },
    'backup-data': { path: '/nfsdata/backup-data', capacity: '100Gi' },
  },
};
