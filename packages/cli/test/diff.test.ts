// `helmforge diff` end to end with both real Helms: the generated platform before and after stack-file edits, each
// verdict checked object by object through the JSON report of the built CLI; a saved release manifest against a
// chart; the other outputs; and `helmforge generate --diff`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { HELM_BINARIES, REPO_ROOT, runHelm, type HelmBinary } from '../../../tools/testkit/helm.js';
import { startLocalRegistry } from '../../../tools/testkit/registry.js';
import { sarifValidator } from '../../../tools/testkit/sarif.js';
import { helmforge as run } from './support.js';

function helmforge(args: string[], options: { cwd?: string; helm?: HelmBinary; input?: string; env?: Record<string, string> } = {}) {
  return run(args, options.cwd ?? REPO_ROOT, { NO_COLOR: '1', ...(options.helm !== undefined ? { HELM_BIN: options.helm.bin } : {}), ...options.env }, options.input ?? '');
}

interface Identity {
  kind: string;
  name: string;
}
interface ReportObject {
  verdict: string;
  change: string;
  old?: Identity;
  new?: Identity;
  findings: { verdict: string; reason: string; field?: string; remedy?: string }[];
  changes: { path: string; op: string; old?: unknown; new?: unknown }[];
  masked: string[];
}
interface Report {
  exitCode: number;
  summary: Record<string, number>;
  scenarios: { scenario: string; objects: ReportObject[]; hooks: { kind: string; name: string; events: string[] }[] }[];
}

/** The JSON report of `helmforge diff`, with its exit code checked against the report's. */
function diffJson(args: string[], helm: HelmBinary, cwd?: string): Report {
  const r = helmforge(['diff', ...args, '-o', 'json'], { helm, ...(cwd !== undefined ? { cwd } : {}) });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  expect(r.status).toBe(report.exitCode);
  return report;
}

const objectsOf = (report: Report, scenario = 0) => report.scenarios[scenario]?.objects ?? [];
/** The object of the report named `name` (new or old name) of `kind`. */
function object(report: Report, kind: string, name: string): ReportObject {
  const found = objectsOf(report).find((o) => (o.new?.kind === kind && o.new.name === name) || (o.old?.kind === kind && o.old.name === name));
  if (found === undefined) throw new Error(`no ${kind} ${name} in the report: ${objectsOf(report).map((o) => `${o.verdict} ${(o.new ?? o.old)?.kind}/${(o.new ?? o.old)?.name}`).join(', ')}`);
  return found;
}
const reasons = (o: ReportObject) => o.findings.map((f) => f.reason).join('\n');
/** Every object of the report that is not unchanged, as `verdict Kind name`. */
const notUnchanged = (report: Report) =>
  objectsOf(report)
    .filter((o) => o.verdict !== 'unchanged')
    .map((o) => `${o.verdict} ${(o.new ?? o.old)?.kind} ${o.change === 'replaced' ? `${o.old?.name}→${o.new?.name}` : (o.new ?? o.old)?.name}`)
    .sort();

let work: string;
const charts: Record<string, string> = {};

type StackEdit = (stack: ReturnType<typeof parseDocument>) => void;

/** Generates the platform from the committed stack file with `edit` applied, into its own directory. */
function generatePlatform(name: string, edit: StackEdit): string {
  const dir = join(work, name);
  const stack = parseDocument(readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8'));
  edit(stack);
  mkdirSync(dir);
  writeFileSync(join(dir, 'helmforge.yaml'), stack.toString());
  const r = helmforge(['generate'], { cwd: dir });
  if (r.status !== 0) throw new Error(`generate ${name} failed: ${r.stderr}`);
  return join(dir, 'charts', 'platform');
}

// A plain Job (not a hook) in the jobs chart, whose named entries are a map keyed by name.
const reportJob = (command: string[]): StackEdit => (stack) => stack.setIn(['jobs', 'jobs'], { report: { command } });

// The registry's NFS volume under a new name: the chart's registry-data switched off, registry-store added.
const renameRegistryVolume = (path: string): StackEdit => (s) => {
  s.setIn(['nfs-pv', 'volumes', 'registry-data'], { enabled: false });
  s.setIn(['nfs-pv', 'volumes', 'registry-store'], { path, capacity: '50Gi', owner: '1000:1000' });
  s.setIn(['registry', 'persistence', 'existingClaim'], 'registry-store');
};

const EDITS: Record<string, StackEdit> = {
  before: () => undefined,
  // (a) an NFS volume renamed: on the same export, and on a new one
  renameVolume: renameRegistryVolume('/nfsdata/registry'),
  moveVolume: renameRegistryVolume('/nfsdata/registry-store'),
  // (b) an app's nameOverride: a new name and selector; and the selector alone, the name kept
  nameOverride: (s) => s.setIn(['apps', 'web', 'nameOverride'], 'frontend'),
  selectorOnly: (s) => {
    s.setIn(['apps', 'web', 'nameOverride'], 'frontend');
    s.setIn(['apps', 'web', 'fullnameOverride'], 'platform-web');
  },
  // (c) a job's command
  jobBefore: reportJob(['sh', '-c', 'echo report v1']),
  jobAfter: reportJob(['sh', '-c', 'echo report v2']),
  // (d) a ConfigMap value
  logLevel: (s) => s.setIn(['apps', 'web', 'config', 'env', 'LOG_LEVEL'], 'debug'),
  // (e) an app added
  addApp: (s) => s.setIn(['apps', 'worker'], { replicaCount: 3 }),
  // (f) workloads switched to StatefulSets (data on the nfs-pv claims), and the registry on a claim of its own
  statefulSets: (s) => {
    s.setIn(['registry', 'kind'], 'StatefulSet');
    s.setIn(['monitoring', 'prometheus', 'workload'], 'StatefulSet');
  },
  ownClaim: (s) => s.deleteIn(['registry', 'persistence', 'existingClaim']),
  // monitoring renamed: Grafana's generated admin password lives in a Secret that lookup finds by name
  renameMonitoring: (s) => s.setIn(['monitoring', 'fullnameOverride'], 'mon'),
  ownClaimStatefulSet: (s) => {
    s.deleteIn(['registry', 'persistence', 'existingClaim']);
    s.setIn(['registry', 'kind'], 'StatefulSet');
  },
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'helmforge-difftest-'));
  for (const [name, edit] of Object.entries(EDITS)) charts[name] = generatePlatform(name, edit);
}, 300_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe.each(HELM_BINARIES)('helmforge diff with $label: the generated platform before and after a stack-file edit', (helm) => {
  it('the platform against itself, every ci scenario: nothing changes, generated credentials are masked', () => {
    const report = diffJson([charts.before as string, charts.before as string, '--scenarios'], helm);
    expect(report.exitCode).toBe(0);
    expect(report.scenarios.map((s) => s.scenario)).toEqual(['defaults', ...readdirCi(charts.before as string)]);
    for (const s of report.scenarios) expect(s.objects.filter((o) => o.verdict !== 'unchanged').map((o) => `${o.verdict} ${(o.new ?? o.old)?.name}`), s.scenario).toEqual([]);
    const defaults = objectsOf(report);
    expect(object(report, 'Secret', 'platform-registry').masked).toEqual(expect.arrayContaining(['data.password', 'data.htpasswd', 'data.haSharedSecret']));
    expect(object(report, 'Secret', 'platform-monitoring-grafana').masked).toEqual(['data.admin-password']);
    expect(object(report, 'Deployment', 'platform-registry').masked).toEqual(['spec.template.metadata.annotations["checksum/secret"]']);
    expect(defaults.filter((o) => o.masked.length > 0).map((o) => o.new?.name).sort()).toEqual(['platform-monitoring-grafana', 'platform-registry', 'platform-registry', 'registry-pull']);
    // the pre-upgrade migration hook runs; helm test pods are not upgrade hooks
    expect(report.scenarios[0]?.hooks.map((h) => `${h.events.join(',')} ${h.kind} ${h.name}`)).toEqual(['pre-upgrade Job platform-jobs-migrate']);
  });

  it('(a) an NFS volume renamed on the same export: claim and volume replaced, the data carries over, the registry restarts', () => {
    const report = diffJson([charts.before as string, charts.renameVolume as string], helm);
    expect(report.exitCode).toBe(0);
    expect(notUnchanged(report)).toEqual([
      'changed CronJob platform-registry-gc',
      'replaced PersistentVolume platform-registry-data→platform-registry-store',
      'replaced PersistentVolumeClaim registry-data→registry-store',
      'restart Deployment platform-registry',
    ]);
    expect(reasons(object(report, 'PersistentVolumeClaim', 'registry-store'))).toMatch(/the new claim registry-store binds platform-registry-store on the same storage \(NFS 192\.168\.1\.10:\/nfsdata\/registry\): the data carries over/);
    expect(reasons(object(report, 'Deployment', 'platform-registry'))).toMatch(/registry: 1 pod stopped before the new one starts \(strategy Recreate\)/);
  });

  it('(a) an NFS volume renamed onto a new export: data loss, the old data stays on the export (Retain), the new claim starts empty', () => {
    const report = diffJson([charts.before as string, charts.moveVolume as string], helm);
    expect(report.exitCode).toBe(1);
    const claim = object(report, 'PersistentVolumeClaim', 'registry-store');
    expect(claim).toMatchObject({ verdict: 'data-loss', change: 'replaced', old: { name: 'registry-data' } });
    expect(reasons(claim)).toMatch(/the data of registry \(Deployment platform-registry, CronJob platform-registry-gc\) stays on NFS 192\.168\.1\.10:\/nfsdata\/registry \(reclaimPolicy Retain\) but no claim of the release reaches it any more, and the new claim registry-store starts empty \(NFS 192\.168\.1\.10:\/nfsdata\/registry-store\)/);
    expect(object(report, 'PersistentVolume', 'platform-registry-store')).toMatchObject({ verdict: 'data-loss', old: { name: 'platform-registry-data' } });
    expect(object(report, 'Deployment', 'platform-registry').verdict).toBe('restart');
  });

  it('(b) an app\'s nameOverride: every object of the app replaced, its pods dropped at once, a new Service name', () => {
    const report = diffJson([charts.before as string, charts.nameOverride as string], helm);
    expect(report.exitCode).toBe(0);
    expect(notUnchanged(report)).toEqual([
      'replaced ConfigMap platform-web→platform-frontend',
      'replaced Deployment platform-web→platform-frontend',
      'replaced Service platform-web→platform-frontend',
      'replaced ServiceAccount platform-web→platform-frontend',
    ]);
    expect(reasons(object(report, 'Deployment', 'platform-frontend'))).toMatch(/Deployment platform-web and its 2 pods are deleted at once as soon as Deployment platform-frontend is created/);
    expect(reasons(object(report, 'Service', 'platform-frontend'))).toMatch(/new ClusterIP and DNS name \(platform-frontend\.default\.svc instead of platform-web\.default\.svc\)/);
    expect(reasons(object(report, 'ServiceAccount', 'platform-frontend'))).toMatch(/tokens of ServiceAccount platform-web stop working/);
    // replacements fail the run when asked to
    expect(helmforge(['diff', charts.before as string, charts.nameOverride as string, '--fail-on', 'replaced'], { helm }).status).toBe(1);
  });

  it('(b) selector labels changed under the same name: the Deployment update will fail on spec.selector', () => {
    const report = diffJson([charts.before as string, charts.selectorOnly as string], helm);
    expect(report.exitCode).toBe(1);
    const web = object(report, 'Deployment', 'platform-web');
    expect(web).toMatchObject({ verdict: 'will-fail', change: 'changed' });
    expect(web.findings.find((f) => f.verdict === 'will-fail')).toMatchObject({ field: 'spec.selector' });
    expect(web.changes.map((c) => c.path)).toContain('spec.selector.matchLabels["app.kubernetes.io/name"]');
    // the Service's selector may change: the API accepts it
    expect(object(report, 'Service', 'platform-web').verdict).toBe('changed');
    expect(notUnchanged(report).filter((v) => v.startsWith('will-fail'))).toEqual(['will-fail Deployment platform-web']);
  });

  it('(c) a job\'s command: the Job gets a new name (a hash of its spec) and runs again, instead of failing on its immutable template', () => {
    const report = diffJson([charts.jobBefore as string, charts.jobAfter as string], helm);
    expect(report.exitCode).toBe(0);
    const jobs = objectsOf(report).filter((o) => o.verdict !== 'unchanged');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ verdict: 'replaced', change: 'replaced', old: { kind: 'Job' }, new: { kind: 'Job' } });
    expect(jobs[0]?.old?.name).toMatch(/^platform-jobs-report-/);
    expect(jobs[0]?.new?.name).not.toBe(jobs[0]?.old?.name);
    expect(reasons(jobs[0] as ReportObject)).toMatch(/Job platform-jobs-report-\w+ runs again; Job platform-jobs-report-\w+ and its pods \(and their logs\) are deleted/);
    expect(jobs[0]?.changes.map((c) => c.path)).toContain('spec.template.spec.containers[report].command[2]');
  });

  it('(d) a ConfigMap value: the ConfigMap changes and the app rolls, 2 pods one at a time', () => {
    const report = diffJson([charts.before as string, charts.logLevel as string], helm);
    expect(report.exitCode).toBe(0);
    expect(notUnchanged(report)).toEqual(['changed ConfigMap platform-web', 'restart Deployment platform-web']);
    expect(object(report, 'ConfigMap', 'platform-web').changes).toEqual([{ path: 'data.LOG_LEVEL', op: 'changed', old: 'info', new: 'debug' }]);
    expect(reasons(object(report, 'Deployment', 'platform-web'))).toBe('web: 2 pods replaced one at a time, never below 2 ready — checksum/config annotation changed (ConfigMap platform-web changed)');
    expect(helmforge(['diff', charts.before as string, charts.logLevel as string, '--fail-on', 'restart'], { helm }).status).toBe(1);
  });

  it('(e) an app added: its objects are added, nothing else changes', () => {
    const report = diffJson([charts.before as string, charts.addApp as string], helm);
    expect(report.exitCode).toBe(0);
    expect(notUnchanged(report)).toEqual(['added Deployment platform-worker', 'added Service platform-worker', 'added ServiceAccount platform-worker']);
  });

  it('(f) registry and Prometheus switched to StatefulSets on the nfs-pv claims: replaced, pods dropped at once, no data lost', () => {
    const report = diffJson([charts.before as string, charts.statefulSets as string], helm);
    expect(report.exitCode).toBe(0);
    expect(notUnchanged(report)).toEqual([
      'added Service platform-monitoring-prometheus-headless',
      'added Service platform-registry-headless',
      'replaced StatefulSet platform-monitoring-prometheus→platform-monitoring-prometheus',
      'replaced StatefulSet platform-registry→platform-registry',
    ]);
    const registry = object(report, 'StatefulSet', 'platform-registry');
    expect(registry.old?.kind).toBe('Deployment');
    expect(reasons(registry)).toMatch(/Deployment platform-registry becomes StatefulSet platform-registry: Helm pairs objects by group, kind, namespace and name/);
    expect(reasons(registry)).toMatch(/Deployment platform-registry and its pod are deleted at once/);
  });

  it('(f) the registry on a claim of its own switched to a StatefulSet: its claim is deleted and the StatefulSet starts on a new one', () => {
    const report = diffJson([charts.ownClaim as string, charts.ownClaimStatefulSet as string], helm);
    expect(report.exitCode).toBe(1);
    const claim = object(report, 'PersistentVolumeClaim', 'platform-registry');
    expect(claim).toMatchObject({ verdict: 'data-loss', change: 'removed' });
    expect(reasons(claim)).toMatch(/the data of registry \(Deployment platform-registry, CronJob platform-registry-gc\) goes with its volume if that was provisioned dynamically/);
    const registry = object(report, 'StatefulSet', 'platform-registry');
    expect(registry.verdict).toBe('replaced');
    expect(reasons(registry)).toMatch(/StatefulSet platform-registry starts on new, empty claims \(data-platform-registry-0…\), not on the volumes of Deployment platform-registry/);
  });

  it('a Secret of generated credentials renamed: Grafana\'s admin password is generated afresh (data loss)', () => {
    const report = diffJson([charts.before as string, charts.renameMonitoring as string], helm);
    expect(report.exitCode).toBe(1);
    const secret = object(report, 'Secret', 'mon-grafana');
    expect(secret).toMatchObject({ verdict: 'data-loss', change: 'replaced', old: { name: 'platform-monitoring-grafana' }, masked: ['data.admin-password'] });
    expect(reasons(secret)).toMatch(/admin-password of Secret mon-grafana is generated afresh: charts keep generated credentials by reading the Secret back with lookup under its name/);
    // the claims are nfs-pv's: renaming monitoring loses no TSDB or dashboards
    expect(notUnchanged(report).filter((v) => v.startsWith('data-loss'))).toEqual(['data-loss Secret platform-monitoring-grafana→mon-grafana']);
  });

  it('a saved release manifest (helm get manifest) against a chart: the same verdicts, its real credentials masked', () => {
    // what `helm get manifest` prints: the release's objects without hooks, each under its # Source:
    const saved = runHelm(helm, ['template', 'platform', charts.before as string, '--namespace', 'default', '--kube-version', '1.33.0', '--no-hooks']);
    expect(saved.status).toBe(0);
    const file = join(work, `manifest-${helm.major}.yaml`);
    writeFileSync(file, saved.stdout);
    for (const args of [[file, charts.logLevel as string], ['--manifests', file, charts.logLevel as string]]) {
      const report = diffJson(args, helm);
      expect(notUnchanged(report)).toEqual(['changed ConfigMap platform-web', 'restart Deployment platform-web']);
      expect(object(report, 'Secret', 'platform-registry')).toMatchObject({ verdict: 'unchanged', masked: expect.arrayContaining(['data.password']) });
      // hooks are not in a saved manifest; those of the new chart are listed as hooks, not as added objects
      expect(report.scenarios[0]?.hooks.map((h) => h.name)).toEqual(['platform-jobs-migrate']);
    }
    const fromStdin = helmforge(['diff', '-', charts.logLevel as string, '-o', 'json'], { helm, input: saved.stdout });
    expect(notUnchanged(JSON.parse(fromStdin.stdout) as Report)).toEqual(['changed ConfigMap platform-web', 'restart Deployment platform-web']);
    // a saved manifest is one release: ci scenarios need charts on both sides
    const scenarios = helmforge(['diff', file, charts.logLevel as string, '--scenarios'], { helm });
    expect(scenarios).toMatchObject({ status: 1, stdout: '' });
    expect(scenarios.stderr).toBe('helmforge diff: --scenarios needs a chart on both sides: a saved manifest is one release, rendered from its own values\n');
  });

  it('a packaged chart (.tgz) as either side', () => {
    const dist = join(work, `dist-${helm.major}`);
    expect(runHelm(helm, ['package', charts.logLevel as string, '-d', dist]).status).toBe(0);
    const report = diffJson([charts.before as string, join(dist, 'platform-0.1.0.tgz'), '--scenarios'], helm);
    expect(notUnchanged(report)).toEqual(['changed ConfigMap platform-web', 'restart Deployment platform-web']);
    expect(report.scenarios.map((s) => s.scenario)).toEqual(['defaults', ...readdirCi(charts.before as string)]);
  });

  it('oci:// references on both sides, pulled by helm from a real registry', async () => {
    const registry = await startLocalRegistry();
    try {
      // helm's registry and cache settings of this test's own
      const home = join(work, `helm-home-${helm.major}`);
      const env = { HELM_REGISTRY_CONFIG: join(home, 'registry.json'), HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
      for (const [side, chart] of [['old', charts.before], ['new', charts.logLevel]] as const) {
        const dist = join(work, `oci-${side}-${helm.major}`);
        expect(runHelm(helm, ['package', chart as string, '-d', dist]).status).toBe(0);
        const push = runHelm(helm, ['push', join(dist, 'platform-0.1.0.tgz'), `oci://${registry.host}/${side}`, '--plain-http'], { env });
        expect(push.stderr).toMatch(/Pushed|Digest/);
      }
      const r = helmforge(['diff', `oci://${registry.host}/old/platform`, `oci://${registry.host}/new/platform`, '--version', '0.1.0', '--plain-http', '-o', 'json'], { helm, env });
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as Report & { old: string; new: string };
      expect(report.old).toBe(`oci://${registry.host}/old/platform:0.1.0`);
      expect(notUnchanged(report)).toEqual(['changed ConfigMap platform-web', 'restart Deployment platform-web']);
      const missing = helmforge(['diff', `oci://${registry.host}/nothing/platform`, charts.before as string, '--plain-http'], { helm, env });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/^helmforge diff: helm pull oci:\/\/127\.0\.0\.1:\d+\/nothing\/platform failed: /);
    } finally {
      await registry.stop();
    }
  });
});

function readdirCi(chart: string): string[] {
  return ['all-on', 'without-api', 'without-jobs', 'without-monitoring', 'without-nfs-pv', 'without-registry', 'without-web'].map((n) => `ci/${n}-values.yaml`).filter((f) => existsSync(join(chart, f)));
}

describe('helmforge diff outputs and errors', () => {
  const helm = HELM_BINARIES[0] as HelmBinary;

  it('text: the worst first, with reasons and remedies; coloured only when asked or on a terminal', () => {
    const plain = helmforge(['diff', charts.before as string, charts.moveVolume as string], { helm });
    expect(plain.status).toBe(1);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    expect(plain.stdout).toMatch(/^✗ data loss nfs-pv: PersistentVolume platform-registry-data → PersistentVolume platform-registry-store$/m);
    expect(plain.stdout).toMatch(/^ {6}remedy: keep the claim's/m);
    expect(plain.stdout).toMatch(/^not safe: data loss \(exit 1\)$/m);
    const coloured = helmforge(['diff', charts.before as string, charts.moveVolume as string, '--color'], { helm });
    expect(coloured.stdout).toMatch(/\x1b\[31m/);
  });

  it('markdown: a verdict line and a table for a pull-request comment', () => {
    const r = helmforge(['diff', charts.before as string, charts.selectorOnly as string, '-o', 'markdown'], { helm });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\*\*Not safe to upgrade\*\*/m);
    expect(r.stdout).toMatch(/^\| 🔴 will fail \| Deployment platform-web \| web \| \*\*will fail\*\*: spec\.selector changes/m);
    expect(r.stdout).toContain('```diff');
  });

  it('sarif: valid SARIF 2.1.0, one result per finding, located at the template', () => {
    const r = helmforge(['diff', charts.before as string, charts.selectorOnly as string, '-o', 'sarif'], { helm, cwd: work });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator(import.meta.url);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const failing = log.runs[0]?.results.filter((x) => x.ruleId === 'HELMFORGE-DIFF-WILL-FAIL') ?? [];
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'selectorOnly/charts/platform/charts/web/templates/deployment.yaml' } } }] });
  });

  it('a side that is not there, a chart that does not render, and usage errors say so in one line', () => {
    expect(helmforge(['diff', charts.before as string, join(work, 'nope')], { helm })).toMatchObject({ status: 1, stdout: '', stderr: `helmforge diff: ${join(work, 'nope')}: no such file or directory (expected a chart directory, a .tgz, an oci:// reference or a manifest file)\n` });
    const bad = helmforge(['diff', charts.before as string, charts.before as string, '--set', 'web.replicaCount=lots'], { helm });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^helmforge diff: helm template failed for the old chart .* \(values: values given\): .*replicaCount/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const notPackage = join(work, 'broken.tgz');
    writeFileSync(notPackage, 'not gzip');
    expect(helmforge(['diff', notPackage, charts.before as string], { helm })).toMatchObject({ status: 1, stdout: '', stderr: `helmforge diff: ${notPackage}: not a chart package (incorrect header check); expected a .tgz made by helm package\n` });
    expect(helmforge(['diff', charts.before as string], { helm })).toMatchObject({ status: 2, stderr: 'helmforge diff: give OLD and NEW (chart directories, .tgz files, oci:// references or manifest files)\n' });
    expect(helmforge(['diff', 'a', 'b', '--fail-on', 'changed'], { helm })).toMatchObject({ status: 2, stderr: 'helmforge diff: --fail-on changed: expected restart or replaced (will-fail and data-loss always fail)\n' });
  });
});

describe('helmforge generate --diff', () => {
  it('shows what the regenerated chart does to an installed release, before writing it', () => {
    const dir = join(work, 'generate-diff');
    cpSync(join(work, 'before'), dir, { recursive: true });
    const stack = parseDocument(readFileSync(join(dir, 'helmforge.yaml'), 'utf8'));
    EDITS.moveVolume?.(stack);
    writeFileSync(join(dir, 'helmforge.yaml'), stack.toString());
    const r = helmforge(['generate', '--diff'], { cwd: dir, helm: HELM_BINARIES[1] as HelmBinary });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^helmforge diff: charts\/platform → charts\/platform as helmforge\.yaml generates it \(release platform, namespace default\)$/m);
    expect(r.stdout).toMatch(/^✗ data loss nfs-pv: PersistentVolumeClaim registry-data → PersistentVolumeClaim registry-store$/m);
    expect(r.stdout).toMatch(/stays on NFS 192\.168\.1\.10:\/nfsdata\/registry \(reclaimPolicy Retain\) but no claim of the release reaches it any more, and the new claim registry-store starts empty/);
    // the report comes first, then the chart is written as the stack file says
    expect(r.stdout.indexOf('data loss')).toBeLessThan(r.stdout.indexOf('wrote charts/platform'));
    expect(readFileSync(join(dir, 'charts/platform/values.yaml'), 'utf8')).toContain('registry-store');
    // nothing left to upgrade now
    expect(helmforge(['generate', '--diff', '--check'], { cwd: dir, helm: HELM_BINARIES[1] as HelmBinary })).toMatchObject({ status: 0 });
  });

  it('the committed chart, whose subcharts carry bumped versions, against itself regenerated: no change', () => {
    const dir = join(work, 'generate-diff-committed');
    mkdirSync(dir);
    cpSync(join(REPO_ROOT, 'helmforge.yaml'), join(dir, 'helmforge.yaml'));
    for (const tree of ['charts', 'schemas']) cpSync(join(REPO_ROOT, tree), join(dir, tree), { recursive: true });
    const r = helmforge(['generate', '--diff', '--check'], { cwd: dir, helm: HELM_BINARIES[0] as HelmBinary });
    expect(r).toMatchObject({ status: 0 });
    expect(r.stdout).toMatch(/^no change to any object$/m);
  });
});
