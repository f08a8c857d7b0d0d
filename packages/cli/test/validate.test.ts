// `helmforge validate` on the generated umbrella chart: rendered by each real helm, every object valid in
// strict mode against the Kubernetes 1.33 bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { offline } from '../../../tools/testkit/offline.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { startLocalRegistry, type LocalRegistry } from '../../../tools/testkit/registry.js';
import { BIN, helmforge as run } from './support.js';

const BUNDLE = join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');
const CHART = join(REPO_ROOT, 'charts', 'platform');

function helmforge(args: string[], helmBin: string, input?: string) {
  const { status, stdout, stderr } = run(args, REPO_ROOT, { HELM_BIN: helmBin }, input);
  return { status, stdout, stderr };
}

describe.each(HELM_BINARIES)('helmforge validate with $label', (helm) => {
  it('the generated charts/platform is valid in strict mode, for every scenario and two Kubernetes versions', () => {
    const r = helmforge(['validate', CHART, '--schema-bundle', BUNDLE, '--summary', '-k', '1.33.0', '-k', '1.31.0'], helm.bin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Summary: \d+ resources found in \d+ files - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0\n$/); // and no finding: no Lint line
    expect(r.status).toBe(0);
  });

  /** `helmforge validate -o json` of a copy of the chart with one more ci/ scenario: its exit code and what did not pass. */
  const validateWithScenario = (file: string, values: string) => {
    const chart = join(tempDir('validate'), 'platform');
    cpSync(CHART, chart, { recursive: true });
    writeFileSync(join(chart, 'ci', file), values);
    const r = helmforge(['validate', chart, '--schema-bundle', BUNDLE, '-o', 'json'], helm.bin);
    const report = JSON.parse(r.stdout) as { resources: { filename: string; kind: string; status: string; msg: string }[] };
    return { status: r.status, failed: report.resources.filter((x) => x.status !== 'statusValid') };
  };

  it('reports a values typo in a typed Kubernetes field, which the chart\'s schema refuses before anything renders, and exits 1', () => {
    const { status, failed } = validateWithScenario('typo-values.yaml', 'web:\n  extraVolumeMounts:\n    - name: tmp\n      mountPth: /x\n');
    expect(status).toBe(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'statusError', msg: expect.stringMatching(/helm template failed for values scenario .*typo-values\.yaml[\s\S]*extraVolumeMounts[\s\S]*mountPth/) });
  });

  it('reports a stack-file change that renders an invalid object, naming the template, and exits 1', () => {
    // A pod label that repeats a standard one passes the values schema but renders a duplicate key.
    const { status, failed } = validateWithScenario('label-values.yaml', 'web:\n  podLabels:\n    app.kubernetes.io/name: other\n');
    expect(status).toBe(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ filename: expect.stringMatching(/platform\/charts\/web\/templates\/deployment\.yaml/), msg: expect.stringMatching(/key "app\.kubernetes\.io\/name" already set in map/) });
  });

  it('--shard 1/2 and 2/2 together report exactly what one run reports (renders split by chart, scenario, version)', () => {
    const report = (extra: string[]) => {
      const r = helmforge(['validate', CHART, '--schema-bundle', BUNDLE, '-o', 'json', '--verbose', ...extra], helm.bin);
      expect(r.status).toBe(0);
      return (JSON.parse(r.stdout) as { resources: { filename: string; scenario: string; kind: string; name: string; status: string }[] }).resources.map(
        (x) => `${x.scenario} ${x.filename} ${x.kind} ${x.name} ${x.status}`,
      );
    };
    const [one, first, second] = [report([]), report(['--shard', '1/2']), report(['--shard', '2/2'])];
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect([...first, ...second].sort()).toEqual([...one].sort());
  });

  it('validates helm template output streamed on stdin (--manifests -)', () => {
    const rendered = runHelm(helm, ['template', 'demo', CHART]);
    const r = helmforge(['validate', '--manifests', '-', '--schema-bundle', BUNDLE, '--summary'], helm.bin, rendered.stdout);
    expect(r.stdout).toMatch(/Invalid: 0, Errors: 0/);
    expect(r.status).toBe(0);
  });
});

describe.each(HELM_BINARIES)('helmforge validate oci:// with $label and the real registry', (helm) => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startLocalRegistry();
    const dir = tempDir('package');
    const pkg = runHelm(helm, ['package', CHART, '-d', dir]);
    expect(pkg.status, pkg.stderr).toBe(0);
    const push = runHelm(helm, ['push', join(dir, readdirSync(dir)[0] as string), `oci://${registry.host}/charts`, '--plain-http']);
    expect(push.status, push.stderr).toBe(0);
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('pulls the pushed chart with helm and validates it with its ci/ scenarios', () => {
    const r = helmforge(['validate', `oci://${registry.host}/charts/platform`, '--version', '0.1.0', '--plain-http', '--schema-bundle', BUNDLE, '--summary'], helm.bin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Summary: 329 resources found in 37 files - Valid: 329, Invalid: 0, Errors: 0, Skipped: 0$/m);
    expect(r.status).toBe(0);
  });

  it('a reference the registry does not have: helm pull failing is said, exit 1', () => {
    const r = helmforge(['validate', `oci://${registry.host}/charts/nothere`, '--plain-http', '--schema-bundle', BUNDLE], helm.bin);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^helmforge validate: helm pull oci://${registry.host.replace(/\./g, '\\.')}/charts/nothere failed: .*(not found|name unknown)`, 'm'));
  });
});

describe('helmforge validate without any reachable schema source', () => {
  // run in a network namespace with loopback only: the internet stays out of reach even if the proxy were not used
  const offlineRun = (args: string[], input?: string) => {
    const { command, args: argv } = offline([process.execPath, BIN, ...args]);
    const r = spawnSync(command, argv, { cwd: REPO_ROOT, encoding: 'utf8', input, env: { ...process.env, HELM_BIN: HELM_BINARIES[0]!.bin, HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '' } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('manifests: downloads go through HTTPS_PROXY (retried twice, as kubeconform 0.7 does); the run stops at the first with one line saying how to validate offline', () => {
    const r = offlineRun(['validate', '--manifests', '-', '--schema-location', 'default'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^helmforge validate: stopped: no schema source could be reached \(could not download https:\/\/\S+ \(through the proxy http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED [^ )]+ \(3 attempts\)\); without network access, validate against a local bundle \(--schema-bundle PATH\/_definitions\.json\) or a local copy of the schemas \(--schema-location DIR\)\n$/,
    );
    expect(r.status).toBe(1);
  });

  it('a chart with the default schema location: one line instead of an error per object', () => {
    const r = offlineRun(['validate', CHART]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^helmforge validate: stopped: no schema source could be reached \(could not download https:\/\/raw\.githubusercontent\.com\/[^\n]*\n$/);
    expect(r.status).toBe(1);
  });
});

describe('helmforge validate input errors and exit codes', () => {
  const helm = HELM_BINARIES[0]?.bin ?? 'helm';

  it('names a target that is not a chart', () => {
    const r = helmforge(['validate', 'no-such-chart'], helm);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no-such-chart: no chart there .*--manifests/);
  });

  it('refuses a shard that is not K/N with 1 <= K <= N', () => {
    const r = helmforge(['validate', CHART, '--shard', '3/2'], helm);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('helmforge validate: invalid shard "3/2": give K/N with 1 <= K <= N, e.g. 2/4 (in a Kubernetes Indexed Job: $((JOB_COMPLETION_INDEX + 1))/N)\n');
  });

  it('a --schema-bundle that does not exist is said once, before anything is rendered', () => {
    // a helm that cannot run would fail every render: its absence from the output shows nothing was rendered
    const r = helmforge(['validate', CHART, '--schema-bundle', 'missing/_definitions.json'], '/nonexistent/helm');
    expect(r.stderr).toBe("helmforge validate: --schema-bundle missing/_definitions.json: no such file; give the path of a _definitions.json bundle (or of a cluster's /openapi/v2 document)\n");
    expect(r.stdout).toBe('');
    expect(r.status).toBe(1);
  });

  it('usage errors exit 2: no target, an unknown option', () => {
    const none = helmforge(['validate'], helm);
    expect(none).toMatchObject({ status: 2, stdout: '', stderr: 'helmforge validate: give a chart directory or .tgz (or --manifests with files)\n' });
    expect(helmforge(['validate', CHART, '--no-such-flag'], helm).status).toBe(2);
  });

  it('a successful validate prints one summary line; --quiet prints nothing', () => {
    const r = helmforge(['validate', CHART, '--schema-bundle', BUNDLE], helm);
    expect(r.stdout).toMatch(/^Summary: \d+ resources found in \d+ files - Valid: \d+, Invalid: 0, Errors: 0, Skipped: 0\n$/);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(helmforge(['validate', CHART, '--schema-bundle', BUNDLE, '--quiet'], helm)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('shows progress on stderr when it is a terminal', () => {
    // script(1) gives the command a terminal; what it wrote there comes back on script's stdout
    const command = [process.execPath, BIN, 'validate', CHART, '--schema-bundle', BUNDLE].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, HELM_BIN: helm } });
    expect(r.stdout).toMatch(/\r\x1b\[Krendered 1\/\d+ values scenarios/);
    expect(r.stdout).toMatch(/\r\x1b\[Kvalidated \d+\/\d+ values scenarios/);
    expect(r.stdout).toMatch(/Summary: \d+ resources found/);
    expect(r.status).toBe(0);
  });

  it('validating a packaged chart leaves no temporary directory behind', () => {
    const tmp = tempDir('validate-tmp');
    const pkg = runHelm(HELM_BINARIES[0]!, ['package', CHART, '-d', tmp]);
    expect(pkg.status, pkg.stderr).toBe(0);
    const own = tempDir('validate-tmpdir');
    const r = run(['validate', join(tmp, 'platform-0.1.0.tgz'), '--schema-bundle', BUNDLE], REPO_ROOT, { HELM_BIN: helm, TMPDIR: own });
    expect(r.stdout).toMatch(/Invalid: 0, Errors: 0/);
    expect(r.status).toBe(0);
    expect(readdirSync(own)).toEqual([]);
  });
});
