// The rules inside validateCommand, with the real helm binaries: findings of each render named by template, rendered
// line, values scenarios and values key; the chart's own .helmforge-lint.yaml; --lint-only and --no-lint; every
// output format (SARIF checked against the SARIF 2.1.0 schema); manifests on stdin; the reports of --shard parts
// merged; helmforge-conform -api-rules.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { inShard, mergeReports, validateCommand, type ValidateCommandOptions } from '../src/index.js';
import { BIN, BUNDLE, FIXTURES, memoryIO, sarifValidator } from './helpers.js';

const CHART = join(FIXTURES, 'charts', 'lintme');

async function run(options: Partial<ValidateCommandOptions>, targets = [CHART], stdin?: string) {
  const io = { ...memoryIO(), ...(stdin !== undefined ? { stdin: Readable.from([Buffer.from(stdin)]) } : {}) };
  const code = await validateCommand(targets, { schemaBundles: [BUNDLE], ...options }, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe.each(HELM_BINARIES)('lint rules in validateCommand with $label', (helm) => {
  const base = { helmBin: helm.bin, summary: true } as const;

  it('reports each finding once, with the template, the rendered line, the scenarios and the values key', async () => {
    const r = await run(base);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      'lintme/templates/deployment.yaml:27 [defaults] - Deployment lintme: warning latest-tag: container "web" uses the latest tag (nginx:latest) (at /spec/template/spec/containers/0/image) (from values image.tag)',
      'lintme/templates/deployment.yaml:48 [defaults, ci/pinned-values.yaml] - Deployment lintme: error missing-pvc: PersistentVolumeClaim "shared-dta" is not in the release (the release has no PersistentVolumeClaim) (at /spec/template/spec/volumes/0/persistentVolumeClaim/claimName) (from values persistence.existingClaim)',
      'lintme/templates/service.yaml:11 [defaults, ci/pinned-values.yaml] - Service lintme: error service-target-port: targetPort "htp" names no container port of the pods the Service selects (Deployment lintme) (at /spec/ports/0/targetPort)',
      'Summary: 6 resources found in 3 files - Valid: 6, Invalid: 0, Errors: 0, Skipped: 0',
      'Lint: 2 errors, 1 warning, 0 info',
      '',
    ]);
    // errors fail the run; the chart's config declared shared-cache external and exempted cpu-limits; the annotation
    // suppressed identical-probes
    expect(r.code).toBe(1);
  });

  it('--exclude, --fail-on and --lint-only / --no-lint change what is checked and what fails', async () => {
    const warnings = await run({ ...base, exclude: ['missing-pvc', 'service-target-port'] });
    expect(warnings.code).toBe(0);
    expect(warnings.stdout).toContain('Lint: 0 errors, 1 warning, 0 info');
    expect((await run({ ...base, exclude: ['missing-pvc', 'service-target-port'], failOn: 'warning' })).code).toBe(1);
    const only = await run({ ...base, lint: 'only' });
    expect(only.stdout).not.toContain('Summary:');
    expect(only.stdout).toContain('Lint: 2 errors, 1 warning, 0 info');
    const off = await run({ ...base, lint: 'off' });
    expect(off.code).toBe(0);
    expect(off.stdout).toBe('Summary: 6 resources found in 3 files - Valid: 6, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('json, junit, tap, pretty and sarif carry the findings; the SARIF log is valid SARIF 2.1.0 with the rules', async () => {
    const json = JSON.parse((await run({ ...base, output: 'json' })).stdout) as { findings: Record<string, unknown>[]; summary: { findings: Record<string, number> } };
    expect(json.findings[0]).toMatchObject({ rule: 'latest-tag', severity: 'warning', kind: 'Deployment', name: 'lintme', path: '/spec/template/spec/containers/0/image', source: 'lintme/templates/deployment.yaml', templateLine: 27, scenarios: ['defaults'], valuesKey: 'image.tag' });
    expect(json.summary.findings).toEqual({ error: 2, warning: 1, info: 0 });

    const junit = (await run({ ...base, output: 'junit' })).stdout;
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<testsuite name="lint missing-pvc" id="');
    expect(junit).toMatch(/<failure message="PersistentVolumeClaim &quot;shared-dta&quot; is not in the release[^"]*" type="error">/);

    const tap = (await run({ ...base, output: 'tap' })).stdout.trimEnd().split('\n');
    expect(tap[0]).toBe('TAP version 13');
    expect(tap.filter((l) => l.startsWith('not ok ')).length).toBe(3);
    expect(tap.at(-1)).toBe(`1..${tap.length - 2}`);

    // coloured as kubeconform's pretty output is (yellow for a warning, red for an error), unless NO_COLOR is set
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR; // CI runners often set it
    const pretty = await run({ ...base, output: 'pretty' }).then((x) => x.stdout).finally(() => saved !== undefined && (process.env.NO_COLOR = saved));
    expect(pretty).toContain('\u001b[33m!\u001b[0m lintme/templates/deployment.yaml:27 [defaults]: \u001b[33mDeployment lintme: warning latest-tag:');
    expect(pretty).toContain('\u001b[31m\u2716\u001b[0m lintme/templates/service.yaml:11 [defaults, ci/pinned-values.yaml]: \u001b[31mService lintme: error service-target-port:');

    const log = JSON.parse((await run({ ...base, output: 'sarif' })).stdout) as { runs: { tool: { driver: { rules: { id: string; help: { markdown: string }; defaultConfiguration: { level: string } }[] } }; results: Record<string, unknown>[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    const latest = rules.find((x) => x.id === 'latest-tag');
    expect(latest?.defaultConfiguration.level).toBe('warning');
    expect(latest?.help.markdown).toContain('**Remediation:** Pin the image');
    const results = log.runs[0]?.results ?? [];
    expect(results.find((x) => x.ruleId === 'latest-tag')).toMatchObject({
      level: 'warning',
      ruleIndex: rules.findIndex((x) => x.id === 'latest-tag'),
      locations: [{ physicalLocation: { artifactLocation: { uri: 'lintme/templates/deployment.yaml' }, region: { startLine: 27 } }, logicalLocations: [{ name: '/spec/template/spec/containers/0/image' }] }],
      properties: { valuesKey: 'image.tag' },
    });
  });

  it('helm template output on stdin is one release; findings give stdin line and column, and the template', async () => {
    const rendered = runHelm(helm, ['template', 'lintme', CHART, '--set', 'image.tag=1.27.0']);
    const r = await run({ manifests: true, lint: 'only', summary: true }, ['-'], rendered.stdout);
    expect(r.stdout).toMatch(/^lintme\/templates\/deployment\.yaml:48 - Deployment lintme: error missing-pvc: /m);
    const json = JSON.parse((await run({ manifests: true, lint: 'only', output: 'json' }, ['-'], rendered.stdout)).stdout) as { findings: { rule: string; message: string; filename: string; line: number; column: number }[] };
    const pvc = json.findings.find((f) => f.rule === 'missing-pvc' && f.message.includes('shared-dta'));
    expect(pvc?.filename).toBe('stdin');
    expect(pvc?.line).toBe(rendered.stdout.split('\n').findIndex((l) => l.includes('claimName: shared-dta')) + 1);
    expect(pvc?.column).toBe(24);
  });
});

describe('the reports of --shard parts, merged', () => {
  const helm = HELM_BINARIES[0] as (typeof HELM_BINARIES)[number];
  const options = { helmBin: helm.bin, summary: true, kubernetesVersions: ['1.32.0', '1.33.0'] };
  const findingsOf = (json: string) => (JSON.parse(json) as { findings: { rule: string; scenarios: string[] }[] }).findings;

  it.each(['json', 'sarif'] as const)('%s: a finding several parts made is one, with every scenario, as one run reports it', async (output) => {
    const whole = await run({ ...options, output });
    const parts = await Promise.all([1, 2].map(async (index) => (await run({ ...options, output, shard: { index, count: 2 } })).stdout));
    expect(await mergeReports(parts)).toBe(await mergeReports([whole.stdout]));
    if (output === 'json') {
      // each part rendered some of the four renders; merged, the claim's finding names all four
      const all = ['defaults, kube 1.32.0', 'defaults, kube 1.33.0', 'ci/pinned-values.yaml, kube 1.32.0', 'ci/pinned-values.yaml, kube 1.33.0'];
      for (const p of parts) expect(findingsOf(p).find((f) => f.rule === 'missing-pvc')?.scenarios.length).toBeLessThan(4);
      expect(findingsOf(await mergeReports(parts)).find((f) => f.rule === 'missing-pvc')?.scenarios.sort()).toEqual(all.sort());
    }
  });

  it('manifests: each part runs only the rules that look at one object (its files are not the whole release)', async () => {
    const dir = tempDir('lint-shard');
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "nginx:latest", ports: [{name: http, containerPort: 80}]}]}\n';
    writeFileSync(join(dir, 'deployment.yaml'), deployment);
    // the Service in a file of the other part (parts are chosen by a hash of the path)
    const part = (file: string) => (inShard(join(dir, file), { index: 1, count: 2 }) ? 1 : 2);
    const service = Array.from({ length: 64 }, (_, i) => `service-${i}.yaml`).find((f) => part(f) !== part('deployment.yaml')) as string;
    writeFileSync(join(dir, service), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n');
    const rules = async (shard?: { index: number; count: number }) => {
      const r = await run({ manifests: true, output: 'json', ...(shard !== undefined ? { shard } : {}) }, [dir]);
      return (JSON.parse(r.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    };
    // alone, a Service file selects nothing; the whole directory is fine but for the latest tag
    expect(await rules()).not.toContain('dangling-service');
    expect((await run({ manifests: true, output: 'json' }, [join(dir, service)])).stdout).toContain('"rule": "dangling-service"');
    const parts = [...(await rules({ index: 1, count: 2 })), ...(await rules({ index: 2, count: 2 }))];
    expect(parts).toContain('latest-tag');
    expect(parts).not.toContain('dangling-service');
  });

  it('junit: the rules\' suites stay after the files\', with their failure types', async () => {
    const parts = await Promise.all([1, 2].map(async (index) => (await run({ ...options, output: 'junit', shard: { index, count: 2 } })).stdout));
    const merged = await mergeReports(parts);
    expect(XMLValidator.validate(merged)).toBe(true);
    const suites = [...merged.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites.slice(-3)).toEqual(['lint latest-tag', 'lint missing-pvc', 'lint service-target-port']);
    expect(merged).toMatch(/<failure message="PersistentVolumeClaim &quot;shared-dta&quot; is not in the release[^"]*" type="error">/);
  });
});

describe('a large manifests run', () => {
  it('lints in the validation workers (-n 2) and finds what the single-threaded run finds, positions included', async () => {
    // ~600 KiB of manifests, handed to two workers (inThreadUpToBytes: 0; by default workers start from 16 MiB)
    const docs = Array.from({ length: 600 }, (_, i) =>
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        `metadata: {name: web-${i}, namespace: ns-${i % 7}}`,
        'spec:',
        `  selector: {matchLabels: {app: web-${i}}}`,
        '  template:',
        `    metadata: {labels: {app: web-${i % 3 === 0 ? 'x' : i}}}`,
        '    spec:',
        '      containers:',
        '        - name: web',
        `          image: ${i % 2 === 0 ? 'nginx:latest' : 'registry.local/web:1.0.0'}`,
        '          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}',
        '          env:',
        ...Array.from({ length: 20 }, (_, j) => `            - {name: VAR_${j}, value: "some value number ${j} for the document ${i}"}`),
        '---',
        'apiVersion: v1',
        'kind: Service',
        `metadata: {name: web-${i}, namespace: ns-${i % 7}}`,
        `spec: {selector: {app: web-${i}}, ports: [{port: 80, targetPort: http}]}`,
      ].join('\n'),
    );
    const text = `${docs.join('\n---\n')}\n`;
    expect(text.length).toBeGreaterThan(300 * 1024);
    const single = JSON.parse((await run({ manifests: true, output: 'json', workers: 1 }, ['-'], text)).stdout) as { findings: unknown[] };
    const threaded = JSON.parse((await run({ manifests: true, output: 'json', workers: 2, inThreadUpToBytes: 0 }, ['-'], text)).stdout) as { findings: unknown[] };
    expect(single.findings.length).toBeGreaterThan(1000);
    expect(threaded.findings).toEqual(single.findings);
  });
});

describe('helmforge-conform -api-rules', () => {
  const conform = (args: string[], input: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 60_000 });
  const BROKEN = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: Web_App}', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec:', '      containers:', '        - name: web', '          image: nginx:latest', '          volumeMounts: [{name: data, mountPath: /data}]', ''].join('\n');

  it('off by default: kubeconform\'s verdict and output', () => {
    const r = conform(['-summary', '-schema-bundle', BUNDLE, '-'], BROKEN);
    expect(r.stdout).toBe('Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
    expect(r.status).toBe(0);
  });

  it('reports what the API server refuses in the API server\'s words, and only that category', () => {
    const r = conform(['-api-rules', '-summary', '-schema-bundle', BUNDLE, '-'], BROKEN);
    expect(r.stdout.split('\n')).toEqual([
      'stdin:3:18 - Deployment Web_App: error api-object-name: metadata.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\') (at /metadata/name)',
      'stdin:12:33 - Deployment Web_App: error api-volume-mounts: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data" (at /spec/template/spec/containers/0/volumeMounts/0/name)',
      'Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0',
      'Lint: 2 errors, 0 warnings, 0 info',
      '',
    ]);
    expect(r.status).toBe(1);
  });
});
