// The umbrella chart composed from the committed stack file, checked with both real Helm binaries.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findObject, parseManifests, writeTreeToTemp } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { readFileSync } from 'node:fs';
import { APP_CHART, COMPONENTS, RESERVED_APP_NAMES, composePlatform, loadStack } from '../src/index.js';

const stack = loadStack(join(REPO_ROOT, 'helmforge.yaml'));
const platform = composePlatform(stack);
const dir = writeTreeToTemp(platform.chart, platform.metadata.name);
const scenarios = [...platform.chart.keys()].filter((p) => p.startsWith('ci/'));
const parts = [...COMPONENTS.map((c) => c.key), ...Object.keys(stack.apps)];

describe('umbrella chart', () => {
  it('declares one dependency per part, with conditions and an alias per application, and vendors each chart once', () => {
    const chart = parse(platform.chart.get('Chart.yaml') ?? '') as { apiVersion: string; version: string; dependencies: { name: string; alias?: string; condition: string }[] };
    expect(chart.apiVersion).toBe('v2');
    expect(chart.dependencies.map((d) => d.alias ?? d.name)).toEqual(parts);
    for (const d of chart.dependencies) expect(d.condition).toBe(`${d.alias ?? d.name}.enabled`);
    expect(chart.dependencies.filter((d) => d.name === APP_CHART.CHART_NAME).map((d) => d.alias)).toEqual(Object.keys(stack.apps));
    const vendored = new Set([...platform.chart.keys()].filter((p) => p.startsWith('charts/')).map((p) => p.split('/')[1]));
    expect([...vendored].sort()).toEqual([...new Set(chart.dependencies.map((d) => d.name))].sort());
  });

  describe.each(HELM_BINARIES)('$label', (helm) => {
    it.each(['', ...scenarios])('helm lint --strict passes (values %s)', (scenario) => {
      const r = runHelm(helm, ['lint', '--strict', dir, ...(scenario ? ['-f', join(dir, scenario)] : [])]);
      expect(r.stdout + r.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(r.status).toBe(0);
    });

    it('reports every dependency present (no missing or out-of-date subchart)', () => {
      const r = runHelm(helm, ['dependency', 'list', dir]);
      expect(r.status).toBe(0);
      const rows = r.stdout.trim().split('\n').slice(1);
      expect(rows).toHaveLength(parts.length);
      for (const row of rows) expect(row).toMatch(/\sunpacked\s*$/);
    });

    it('renders every part, with global values honoured by the subcharts', () => {
      const r = runHelm(helm, ['template', 'demo', dir, '--set', 'global.imageRegistry=registry.lan:30500', '--set', 'global.commonLabels.owner=ops', '--set', 'global.imagePullSecrets[0]=registry-pull']);
      expect(r.stderr).toBe('');
      const objects = parseManifests(r.stdout);
      for (const app of Object.keys(stack.apps)) {
        const deployment = findObject(objects, 'Deployment', `demo-${app}`);
        expect(deployment.metadata.labels?.owner).toBe('ops');
        const pod = (deployment.spec as { template: { spec: { containers: { image: string }[]; imagePullSecrets: unknown } } }).template.spec;
        expect(pod.containers[0]?.image).toMatch(/^registry\.lan:30500\//);
        expect(pod.imagePullSecrets).toEqual([{ name: 'registry-pull' }]);
      }
    });

    it('has one `helm test` pod per service, each fetching a Service and port that the release renders', () => {
      const objects = parseManifests(runHelm(helm, ['template', 'demo', dir]).stdout);
      const ports = new Map(objects.filter((o) => o.kind === 'Service').map((o) => [o.metadata.name, (o.spec as { ports: { port: number }[] }).ports.map((p) => p.port)]));
      const tests = objects.filter((o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test');
      const targets = tests.map((pod) => {
        const args = (pod.spec as { containers: { args: string[] }[] }).containers[0]?.args ?? [];
        const url = new URL(args.find((a) => a.startsWith('http')) ?? '');
        expect(ports.get(url.hostname), `${pod.metadata.name} → ${url.href}`).toContain(Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
        return url.hostname;
      });
      expect(targets.sort()).toEqual([...ports.keys()].sort());
      expect(targets).toEqual(expect.arrayContaining(['demo-registry', 'demo-monitoring-prometheus', 'demo-monitoring-grafana', ...Object.keys(stack.apps).map((a) => `demo-${a}`)]));
    });

    it('accepts <part>.enabled=false and leaves that part out', () => {
      const [first] = Object.keys(stack.apps);
      const r = runHelm(helm, ['template', 'demo', dir, '--set', `${first}.enabled=false`]);
      expect(r.status).toBe(0);
      expect(parseManifests(r.stdout).some((o) => o.metadata.name === `demo-${first}`)).toBe(false);
    });

    it("Helm's schema check rejects web.readinessProbe.periodSeconds=ten", () => {
      const r = runHelm(helm, ['template', 'demo', dir, '--set', 'web.readinessProbe.periodSeconds=ten']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/values don't meet the specifications of the schema/);
      expect(r.stderr).toMatch(/readinessProbe/);
    });

    it('renders every label value as a string, also for a release named 123', () => {
      const objects = parseManifests(runHelm(helm, ['template', '123', dir]).stdout);
      expect(objects.length).toBeGreaterThan(40);
      const labels = objects.flatMap((o) => Object.entries(o.metadata.labels ?? {}));
      expect(labels).toContainEqual(['app.kubernetes.io/instance', '123']);
      expect(labels.filter(([, v]) => typeof v !== 'string')).toEqual([]);
    });

    it('rejects an unknown key under a part', () => {
      const r = runHelm(helm, ['template', 'demo', dir, '--set', 'web.replicas=3']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/replicas/);
    });
  });

  // Helm 3.17's --dry-run=client still contacts a cluster, so only Helm 4 renders an install here.
  it('helm 4 install --dry-run=client renders the release and its NOTES', () => {
    const helm4 = HELM_BINARIES.find((h) => h.major === 4);
    if (!helm4) throw new Error('Helm 4 is not installed');
    const r = runHelm(helm4, ['install', 'demo', dir, '--dry-run=client', '--namespace', 'platform']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/STATUS: pending-install/);
    expect(r.stdout).toMatch(/NOTES:\n.*installed as release demo in namespace platform/);
    expect(r.stdout).toContain('helm upgrade --install demo ./charts/platform -n platform --render-subchart-notes');
    // the command the notes give shows the parts' own notes, the NFS exports among them
    const withSubchartNotes = runHelm(helm4, ['install', 'demo', dir, '--dry-run=client', '--namespace', 'platform', '--render-subchart-notes']);
    expect(withSubchartNotes.status, withSubchartNotes.stderr).toBe(0);
    expect(withSubchartNotes.stdout).toMatch(/add these lines to \/etc\/exports/);
    expect(r.stdout).not.toMatch(/add these lines to \/etc\/exports/);
  });
});

describe('application names in the stack file', () => {
  const committed = readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8');
  const withApp = (name: string) => `${committed.trimEnd()}\n  "${name}":\n    replicaCount: 1\n`;

  it.each(RESERVED_APP_NAMES)('rejects %s, a name the umbrella uses itself', (name) => {
    expect(() => loadStack('helmforge.yaml', withApp(name))).toThrow(
      new RegExp(`helmforge\\.yaml:\\d+:3: the name "${name}" is not allowed \\(at /apps/${name}\\)\\n {4}expected: An application name: a DNS-1123 label that is not all digits and not nfs-pv, registry, monitoring, jobs, global, apps\\.`),
    );
  });

  it.each(['123', '007'])('rejects %s, all digits', (name) => {
    expect(() => loadStack('helmforge.yaml', withApp(name))).toThrow(new RegExp(`helmforge\\.yaml:\\d+:3: the name "${name}" must not be all digits: the name becomes label values and container names, which the API server would read as a number \\(at /apps/${name}\\)`));
  });

  it.each(['web2', '1st', 'a-1', 'registry-ui'])('accepts %s', (name) => {
    expect(Object.keys(loadStack('helmforge.yaml', withApp(name)).apps)).toContain(name);
  });
});
