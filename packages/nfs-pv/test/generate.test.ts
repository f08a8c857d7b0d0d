// Generation without helm: documented schema, deterministic output, the schema's server/path/quantity rules.
import { mergeValues, validateAgainst } from '@helmforge/core';
import { describe, expect, it } from 'vitest';
import { CHART_NAME, defaults, generate, persistentVolumeName, scenarios } from '../src/index.js';
import { describeGeneratedChart } from '../../../tools/testkit/chart.js';

const problems = (override: object) => validateAgainst(generate().valuesSchema, mergeValues(defaults, override));
const volume = (fields: object, name = 'v') => ({ volumes: { [name]: { path: '/data', capacity: '1Gi', ...fields } } });

describeGeneratedChart(generate);

describe('nfs-pv generate()', () => {
  it('writes the chart files and one ci file per scenario', () => {
    const chart = generate();
    expect(chart.metadata.name).toBe(CHART_NAME);
    const files = [...chart.files.keys()];
    for (const f of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'README.md', 'templates/NOTES.txt', 'templates/volumes.yaml', 'templates/_nfs-pv.tpl']) expect(files).toContain(f);
    for (const name of Object.keys(scenarios)) expect(files).toContain(`ci/${name}-values.yaml`);
    expect(chart.files.get('README.md')).toContain('<release>-<name>');
  });

  it('has the starter defaults: 192.168.1.10, /nfsdata, RWX, Retain, nfsvers=4.1, class ""', () => {
    expect(defaults.volumeDefaults).toMatchObject({ server: '192.168.1.10', accessModes: ['ReadWriteMany'], reclaimPolicy: 'Retain', mountOptions: ['nfsvers=4.1'], storageClassName: '' });
    expect(Object.keys(defaults.volumes)).toEqual(['registry-data', 'prometheus-data', 'grafana-data', 'app-data', 'backup-data']);
    for (const [name, v] of Object.entries(defaults.volumes)) expect(v.path).toBe(`/nfsdata/${name}`);
    expect(persistentVolumeName('platform', 'registry-data')).toBe('platform-registry-data');
  });

  it.each([
    ['nas', true], ['nas.example.lan', true], ['NAS-1.example.lan', true], ['192.168.1.10', true], ['10.0.0.255', true],
    ['fd00:10::20', true], ['2001:db8::1', true], ['::1', true], ['2001:0db8:0000:0000:0000:ff00:0042:8329', true],
    ['300.1.2.3', false], ['192.168.1', false], ['nfs server', false], ['http://nas', false], ['nas:/export', false], ['-nas', false], ['2001:db8:::1', false], ['', false],
  ])('server %j valid: %s', (server, valid) => {
    expect(problems(volume({ server })).length === 0).toBe(valid);
    expect(problems({ volumeDefaults: { server } }).length === 0).toBe(valid);
  });

  it.each([
    ['/nfsdata/registry-data', true], ['/', true], ['/srv/nfs/a_b.c/', true],
    ['nfsdata/x', false], ['./x', false], ['/srv/../etc', false], ['/srv/a b', false], ['/srv/x(rw)', false], ['', false],
  ])('path %j valid: %s', (path, valid) => {
    expect(problems(volume({ path })).length === 0).toBe(valid);
  });

  it.each([['10Gi', true], ['1.5Ti', true], ['500M', true], [1073741824, true], ['10GB', false], ['ten', false], ['-1Gi', false]])('capacity %j valid: %s', (capacity, valid) => {
    expect(problems(volume({ capacity })).length === 0).toBe(valid);
  });

  it('rejects bad names, access modes and reclaim policies', () => {
    expect(problems(volume({}, 'Registry_Data'))).not.toEqual([]);
    expect(problems(volume({ accessModes: ['ReadWriteAll'] }))).not.toEqual([]);
    expect(problems(volume({ accessModes: [] }))).not.toEqual([]);
    expect(problems(volume({ reclaimPolicy: 'Keep' }))).not.toEqual([]);
    expect(problems(volume({ owner: 'root' }))).not.toEqual([]);
    expect(problems(volume({ typo: 1 }))).not.toEqual([]);
  });
});
