// The generated chart with real helm (both binaries): lint, template, the PV/PVC binding invariants, schema
// errors on helm's stderr, and NOTES.txt.
import { describe, expect, it } from 'vitest';
import { HELM_BINARIES, SCENARIOS, chartOnDisk, renderNotes, runHelm, template, type K8sObject } from './support.js';
import { defaults } from '../src/index.js';

interface PvSpec {
  capacity: { storage: string };
  accessModes: string[];
  persistentVolumeReclaimPolicy: string;
  storageClassName: string;
  mountOptions?: string[];
  claimRef: { apiVersion: string; kind: string; namespace: string; name: string };
  nfs: { server: string; path: string; readOnly: boolean };
}
interface PvcSpec {
  volumeName: string;
  storageClassName: string;
  accessModes: string[];
  resources: { requests: { storage: string } };
}

/** Every claim with its volume, after checking that the two agree on everything binding depends on. */
function boundPairs(objects: K8sObject[], release = 'platform') {
  const pvs = objects.filter((o) => o.kind === 'PersistentVolume');
  const pvcs = objects.filter((o) => o.kind === 'PersistentVolumeClaim');
  expect(pvs.length).toBe(pvcs.length);
  return pvcs.map((pvc) => {
    const claim = pvc.spec as PvcSpec;
    const pv = pvs.find((o) => o.metadata.name === claim.volumeName);
    expect(pv, `volume ${claim.volumeName} of claim ${pvc.metadata.name}`).toBeDefined();
    const volume = pv!.spec as PvSpec;
    expect(pv!.metadata.name).toBe(`${release}-${pvc.metadata.name}`);
    expect(volume.storageClassName).toBe(claim.storageClassName);
    expect(typeof claim.storageClassName).toBe('string');
    expect(volume.capacity.storage).toBe(claim.resources.requests.storage);
    expect(volume.accessModes).toEqual(claim.accessModes);
    expect(volume.claimRef).toEqual({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name });
    expect(pv!.metadata.namespace).toBeUndefined();
    return { pvc, pv: pv!, volume, claim };
  });
}

const ci = (s: string) => ['-f', `${chartOnDisk()}/ci/${s}-values.yaml`];

describe.each(HELM_BINARIES)('nfs-pv chart with $label', (helm) => {
  it('passes helm lint --strict with defaults and every ci scenario', () => {
    for (const args of [[], ...SCENARIOS.map((f) => ['-f', `${chartOnDisk()}/${f}`])]) {
      const r = runHelm(helm, ['lint', '--strict', chartOnDisk(), ...args]);
      expect(r.status, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('binds every default volume to its claim: same class "", capacity, access modes, volumeName and claimRef', () => {
    const pairs = boundPairs(template(helm));
    expect(pairs.map((p) => p.pvc.metadata.name)).toEqual(Object.keys(defaults.volumes).sort());
    for (const { pvc, volume, claim } of pairs) {
      expect(pvc.metadata.namespace).toBe('storage');
      expect(claim.storageClassName).toBe('');
      expect(volume).toMatchObject({ accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', mountOptions: ['nfsvers=4.1'] });
      expect(volume.nfs).toEqual({ server: '192.168.1.10', path: `/nfsdata/${pvc.metadata.name}`, readOnly: false });
    }
  });

  it('binds every volume of every ci scenario consistently', () => {
    for (const f of SCENARIOS) boundPairs(template(helm, ['-f', `${chartOnDisk()}/${f}`]));
  });

  it('applies per-volume overrides (server, access modes, policy, options, class, labels, read-only)', () => {
    const pairs = boundPairs(template(helm, ci('several-volumes')));
    const byName = new Map(pairs.map((p) => [p.pvc.metadata.name, p]));
    expect(byName.get('registry-data')?.volume).toMatchObject({ nfs: { server: 'nas.example.lan', path: '/srv/nfs/registry' }, mountOptions: ['nfsvers=4.2', 'hard', 'noatime'] });
    expect(byName.get('registry-data')?.pv.metadata.labels?.tier).toBe('storage');
    expect(byName.get('registry-data')?.pvc.metadata.labels?.tier).toBe('storage');
    expect(byName.get('db-data')?.volume).toMatchObject({ accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete' });
    expect(byName.get('db-data')?.pvc.metadata.annotations).toEqual({ 'backup.example.lan/enabled': 'true' });
    expect(byName.get('shared-ro')?.volume).toMatchObject({ nfs: { server: '192.168.1.11', readOnly: true }, mountOptions: ['nfsvers=3', 'nolock'], accessModes: ['ReadOnlyMany'] });
    expect(byName.get('fast-data')?.claim.storageClassName).toBe('nfs-static');
  });

  it('accepts IPv6 servers and overrides claim namespaces', () => {
    const v6 = new Map(boundPairs(template(helm, ci('ipv6'))).map((p) => [p.pvc.metadata.name, p.volume.nfs.server]));
    expect(v6.get('registry-data')).toBe('fd00:10::20');
    expect(v6.get('other-data')).toBe('2001:db8::1');
    const ns = new Map(boundPairs(template(helm, ci('namespace-override'))).map((p) => [p.pvc.metadata.name, [p.pvc.metadata.namespace, p.volume.claimRef.namespace]]));
    expect(ns.get('registry-data')).toEqual(['platform', 'platform']);
    expect(ns.get('monitoring-data')).toEqual(['monitoring', 'monitoring']);
  });

  it('adds a volume beside the defaults, and renders nothing when every entry is switched off', () => {
    const added = boundPairs(template(helm, ['--set', 'volumes.extra-data.path=/nfsdata/extra,volumes.extra-data.capacity=1Gi']));
    expect(added.map((p) => p.pvc.metadata.name)).toEqual([...Object.keys(defaults.volumes), 'extra-data'].sort());
    expect(template(helm, ci('empty'))).toEqual([]);
  });

  it.each([
    ['a relative path', ['volumes.registry-data.path=nfsdata/registry'], /volumes[./]registry-data[./]path/],
    ['a bad quantity', ['volumes.registry-data.capacity=10GB'], /volumes[./]registry-data[./]capacity/],
    ['a bad server', ['volumes.registry-data.server=nfs server'], /volumes[./]registry-data[./]server/],
    ['a bad default server', ['volumeDefaults.server=300.1.2.3'], /volumeDefaults[./]server/],
    ['a bad name', ['volumes.Registry_Data.path=/a', 'volumes.Registry_Data.capacity=1Gi'], /Registry_Data/],
  ])('fails helm template on %s with a message naming the field', (_what, sets, field) => {
    const r = runHelm(helm, ['template', 'platform', chartOnDisk(), ...sets.flatMap((s) => ['--set-string', s])]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/schema/i);
    expect(r.stderr).toMatch(field);
  });

  it('NOTES.txt tells what to run on the NFS server, with the exports line for every path', () => {
    const notes = renderNotes(helm);
    expect(notes).toContain('On 192.168.1.10:');
    expect(notes).toContain('dnf install -y nfs-utils rpcbind');
    for (const [name, v] of Object.entries(defaults.volumes)) {
      expect(notes).toContain(`mkdir -p ${v.path}`);
      expect(notes).toContain(`\n  ${v.path} *(rw,no_root_squash,sync)\n`);
      expect(notes).toContain(`storage/${name}  ->  PersistentVolume platform-${name}  ->  192.168.1.10:${v.path}`);
    }
    expect(notes).toContain('chown 1000:1000 /nfsdata/registry-data');
    expect(notes).toContain('exportfs -r');
    expect(notes).toContain('systemctl enable --now rpcbind nfs-server');
    expect(notes).toMatch(/WARNING: reclaim policy Retain \(app-data, backup-data, grafana-data, prometheus-data, registry-data\)/);
  });

  it('NOTES.txt groups paths by server and uses the configured client spec', () => {
    const notes = renderNotes(helm, ci('several-volumes'));
    expect(notes).toContain('On nas.example.lan:');
    expect(notes).toContain('On 192.168.1.11:');
    expect(notes).toContain('  /srv/nfs/registry 192.168.1.0/24(rw,no_root_squash,sync,no_subtree_check)');
    expect(notes).toContain('  /export/shared 192.168.1.0/24(rw,no_root_squash,sync,no_subtree_check)');
    expect(notes).toMatch(/Retain \(app-data, backup-data, fast-data, grafana-data, prometheus-data, registry-data, shared-ro\)/);
    expect(renderNotes(helm, ci('empty'))).toContain('No volumes are configured');
  });

});

// Helm 3.17's install --dry-run=client still contacts a cluster, so this cross-check runs with Helm 4 only.
const helm4 = HELM_BINARIES.find((h) => h.major === 4)!;
describe(`nfs-pv NOTES.txt with ${helm4.label} install --dry-run=client`, () => {
  it('prints the same NOTES.txt as the tpl rendering', () => {
    const r = runHelm(helm4, ['install', 'platform', chartOnDisk(), '--namespace', 'storage', '--dry-run=client'], { env: { KUBECONFIG: '/nonexistent' } });
    expect(r.status, r.stderr).toBe(0);
    const printed = r.stdout.slice(r.stdout.indexOf('NOTES:\n') + 'NOTES:\n'.length);
    expect(printed.trim()).toBe(renderNotes(helm4).trim());
  });
});
