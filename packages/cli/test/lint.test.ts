// `helmforge lint` and the rules in `helmforge validate`, through the bin: the generated platform is clean with both
// Helms; suppression annotations (helmforge, kube-linter, Polaris, kube-score), --config in both formats, --include,
// --exclude, --fail-on, every output format, --list-rules; findings traced back to the stack file's keys.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { HELM_BINARIES, REPO_ROOT } from '../../../tools/testkit/helm.js';
import { helmforge as run } from './support.js';

const BUNDLE = join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');
const CHART = join(REPO_ROOT, 'charts', 'platform');
const TMP = mkdtempSync(join(tmpdir(), 'helmforge-lint-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function helmforge(args: string[], options: { input?: string; cwd?: string; helm?: string } = {}) {
  return run(args, options.cwd ?? REPO_ROOT, { HELM_BIN: options.helm ?? HELM_BINARIES[0]?.bin ?? 'helm', NO_COLOR: '1' }, options.input ?? '');
}

/** A manifest breaking two rules (privileged and latest-tag), with annotations given per test. */
function manifest(annotations: Record<string, string> = {}): string {
  const a = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    ...(a.length > 0 ? ['  annotations:', ...a] : []),
    'spec:',
    '  replicas: 2',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      automountServiceAccountToken: false',
    '      securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000}',
    '      containers:',
    '        - name: web',
    '          image: nginx:latest',
    '          ports: [{name: http, containerPort: 8080}]',
    '          livenessProbe: {httpGet: {path: /healthz, port: http}}',
    '          readinessProbe: {httpGet: {path: /ready, port: http}}',
    '          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: "1", memory: 128Mi}}',
    '          securityContext: {privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}',
    '',
  ].join('\n');
}

const rulesOf = (stdout: string) => [...stdout.matchAll(/: (?:error|warning|info) ([a-z0-9-]+): /g)].map((m) => m[1]).sort();

describe.each(HELM_BINARIES)('the generated platform with $label', (helm) => {
  it('helmforge lint charts/platform: no finding in any scenario', () => {
    const r = helmforge(['lint', CHART, '--summary', '--fail-on', 'info'], { helm: helm.bin });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Lint: 0 errors, 0 warnings, 0 info\n');
    expect(r.status).toBe(0);
  });

  it('each subchart, with its own ci/ scenarios and .helmforge-lint.yaml, is clean too', () => {
    for (const sub of ['app-with-probes', 'jobs', 'monitoring', 'nfs-pv', 'registry']) {
      const r = helmforge(['lint', join(CHART, 'charts', sub), '--fail-on', 'info'], { helm: helm.bin });
      expect(r.stdout, sub).toBe('Lint: 0 errors, 0 warnings, 0 info\n');
      expect(r.status, sub).toBe(0);
    }
  });
});

describe('helmforge lint on manifests', () => {
  const file = join(TMP, 'web.yaml');
  writeFileSync(file, manifest());

  it('reports file:line:column, exits 1 on an error finding', () => {
    const r = helmforge(['lint', '--manifests', file, '--summary']);
    expect(r.stdout.split('\n')).toEqual([
      `${file}:15:18 - Deployment web: warning latest-tag: container "web" uses the latest tag (nginx:latest) (at /spec/template/spec/containers/0/image)`,
      `${file}:20:41 - Deployment web: warning privilege-escalation: container "web" is privileged and so allows privilege escalation (at /spec/template/spec/containers/0/securityContext/privileged)`,
      `${file}:20:41 - Deployment web: error privileged-container: container "web" is privileged (at /spec/template/spec/containers/0/securityContext/privileged)`,
      'Lint: 1 error, 2 warnings, 0 info',
      '',
    ]);
    expect(r.status).toBe(1);
  });

  it.each([
    ['helmforge', { 'ignore-check.helmforge.dev/privileged-container': 'the CNI agent needs it' }],
    ['kube-linter', { 'ignore-check.kube-linter.io/privileged-container': '' }],
    ['Polaris', { 'polaris.fairwinds.com/runAsPrivileged-exempt': 'true' }],
    ['kube-score', { 'kube-score/ignore': 'container-security-context-privileged' }],
  ])('a %s annotation suppresses the rule on that object', (_who, annotations) => {
    writeFileSync(join(TMP, 'annotated.yaml'), manifest(annotations));
    const r = helmforge(['lint', '--manifests', join(TMP, 'annotated.yaml')]);
    expect(rulesOf(r.stdout)).toEqual(['latest-tag', 'privilege-escalation']);
    expect(r.status).toBe(0);
  });

  it('--include/--exclude take rule IDs and kube-linter names; --fail-on warning fails on warnings', () => {
    expect(rulesOf(helmforge(['lint', '--manifests', file, '--exclude', 'privileged-container,privilege-escalation-container']).stdout)).toEqual(['latest-tag']);
    const r = helmforge(['lint', '--manifests', file, '--exclude', 'privileged-container', '--fail-on', 'warning']);
    expect(r.status).toBe(1);
    expect(helmforge(['lint', '--manifests', file, '--exclude', 'privileged-container']).status).toBe(0);
    const bad = helmforge(['lint', '--manifests', file, '--include', 'no-such-rule']);
    expect(bad.stderr).toMatch(/^helmforge lint: unknown rule "no-such-rule"/);
    expect(bad.status).toBe(1);
  });

  it('--config reads .helmforge-lint.yaml and kube-linter\'s .kube-linter.yaml', () => {
    writeFileSync(join(TMP, 'lint.yaml'), 'rules:\n  latest-tag: error\n  privilege-escalation: off\nexemptions:\n  - {rule: privileged-container, name: web, reason: a node agent}\n');
    expect(rulesOf(helmforge(['lint', '--manifests', file, '--config', join(TMP, 'lint.yaml')]).stdout)).toEqual(['latest-tag']);
    writeFileSync(join(TMP, 'kl.yaml'), 'checks:\n  doNotAutoAddDefaults: true\n  include: [latest-tag, privileged-container, ssh-port]\n');
    const kl = helmforge(['lint', '--manifests', file, '--config', join(TMP, 'kl.yaml')]);
    expect(rulesOf(kl.stdout)).toEqual(['latest-tag', 'privileged-container']);
    expect(kl.stderr).toBe(`helmforge lint: ${join(TMP, 'kl.yaml')}: kube-linter check "ssh-port" has no helmforge counterpart; ignored\n`);
    writeFileSync(join(TMP, 'broken.yaml'), 'rules:\n  latest-tag: loud\n');
    const broken = helmforge(['lint', '--manifests', file, '--config', join(TMP, 'broken.yaml')]);
    expect(broken.stderr).toBe(`helmforge lint: ${join(TMP, 'broken.yaml')}:2:15: rules.latest-tag must be off, on, error, warning or info\n`);
    expect(broken.status).toBe(1);
  });

  it('every output format shows the findings', () => {
    const out = (format: string) => helmforge(['lint', '--manifests', file, '-o', format, '--summary']).stdout;
    expect((JSON.parse(out('json')) as { findings: { rule: string }[] }).findings.map((f) => f.rule).sort()).toEqual(['latest-tag', 'privilege-escalation', 'privileged-container']);
    expect(XMLValidator.validate(out('junit'))).toBe(true);
    expect(out('junit')).toContain('<testsuite name="lint privileged-container"');
    expect(out('tap')).toMatch(/^not ok 3 - .*web\.yaml:20:41 \(apps\/v1\/Deployment\/default\/web\) - Deployment web: error privileged-container: /m);
    expect(out('pretty')).toMatch(/^\u2716 .*web\.yaml:20:41: Deployment web: error privileged-container: /m);
    const sarif = JSON.parse(out('sarif')) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => `${r.ruleId} ${r.level}`).sort()).toEqual(['latest-tag warning', 'privilege-escalation warning', 'privileged-container error']);
    expect(out('text')).toContain('Lint: 1 error, 2 warnings, 0 info');
  });

  it('helmforge validate runs schemas and rules together: one report, one exit code', () => {
    const r = helmforge(['validate', '--manifests', file, '--schema-bundle', BUNDLE, '--summary']);
    expect(r.stdout).toContain('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\nLint: 1 error, 2 warnings, 0 info\n');
    expect(r.status).toBe(1);
    expect(helmforge(['validate', '--manifests', file, '--schema-bundle', BUNDLE, '--no-lint']).status).toBe(0);
  });

  it('--list-rules lists every rule with its category, severity, default and kube-linter name', () => {
    const r = helmforge(['lint', '--list-rules']);
    expect(r.stdout).toMatch(/^privileged-container +security +error +on +privileged-container$/m);
    expect(r.stdout).toMatch(/^access-to-create-pods +security +warning +off +access-to-create-pods$/m);
    expect(r.stdout.trimEnd().split('\n').length).toBeGreaterThan(70);
  });
});

describe('findings traced to the stack file', () => {
  it('a value set in helmforge.yaml is named by its stack-file key with file:line:column', () => {
    const stack = join(TMP, 'helmforge.yaml');
    const text = readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8').replace('        LOG_LEVEL: info\n', '        LOG_LEVEL: info\n        UPSTREAM: http://10.96.0.10:8080\n');
    writeFileSync(stack, text);
    const gen = helmforge(['generate', '--config', stack, '--out', join(TMP, 'charts'), '--schemas', join(TMP, 'schemas')]);
    expect(gen.status, gen.stderr).toBe(0);
    const line = text.split('\n').findIndex((l) => l.includes('UPSTREAM:')) + 1;
    const r = helmforge(['lint', join(TMP, 'charts', 'platform'), '--stack', stack, '--no-scenarios']);
    expect(r.stdout).toMatch(
      new RegExp(`^platform/charts/web/templates/configmap\\.yaml:\\d+ \\[defaults\\] - ConfigMap platform-web: warning hardcoded-pod-ip: key UPSTREAM hard-codes 10\\.96\\.0\\.10, inside the pod/service range 10\\.0\\.0\\.0/8 \\(at /data/UPSTREAM\\) \\(from values web\\.config\\.env\\.UPSTREAM, ${stack.replace(/[.]/g, '\\.')}:${line}:19 apps\\.web\\.config\\.env\\.UPSTREAM\\)$`, 'm'),
    );
  });

  it('a stack file whose parts name what no part creates is refused by generate, with file:line:column and the known names', () => {
    const stack = join(TMP, 'typo.yaml');
    const text = readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8').replace('\n    existingClaim: registry-data\n', '\n    existingClaim: registry-dta\n');
    writeFileSync(stack, text);
    const line = text.split('\n').indexOf('    existingClaim: registry-dta') + 1;
    const r = helmforge(['generate', '--config', stack, '--out', join(TMP, 'typo-charts'), '--schemas', join(TMP, 'typo-schemas')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${stack}:${line}:20: registry.persistence.existingClaim: "registry-dta" names no nfs-pv volume (known: registry-data, prometheus-data, grafana-data, app-data, backup-data) (at /registry/persistence/existingClaim)`);
  });
});
