// `validateCommand` on fixture charts, rendered by both real helm binaries.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { validateCommand } from '../src/index.js';
import { BUNDLE, FIXTURES, PROMETHEUS_CRD, memoryIO } from './helpers.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const GOOD = join(FIXTURES, 'charts', 'good');
const BAD = join(FIXTURES, 'charts', 'bad');

describe.each(HELM_BINARIES)('validateCommand with $label', (helm) => {
  it('a valid chart (defaults and ci/ha-values.yaml): exit 0', async () => {
    const io = memoryIO();
    const code = await validateCommand([GOOD], { schemaBundles: [BUNDLE], helmBin: helm.bin, summary: true, verbose: true }, io);
    expect(io.stderr.text).toBe('');
    expect(code).toBe(0);
    expect(io.stdout.text).toContain('good/templates/deployment.yaml [defaults] - Deployment good-good is valid');
    expect(io.stdout.text).toContain('good/templates/deployment.yaml [ci/ha-values.yaml] - Deployment good-good is valid');
    expect(io.stdout.text).toMatch(/Summary: 6 resources found in 3 files - Valid: 6, Invalid: 0, Errors: 0, Skipped: 0/);
  });

  it('an invalid chart: exit 1, naming the template file and the failing values scenario', async () => {
    const io = memoryIO();
    const code = await validateCommand([BAD], { schemaBundles: [BUNDLE], helmBin: helm.bin, kubernetesVersions: ['1.33.0'], lint: 'off' }, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toMatch(/^bad\/templates\/deployment\.yaml \[defaults\] - Deployment bad-bad is invalid: .*additionalProperties 'replicaz' not allowed/m);
    expect(io.stdout.text).toMatch(/ci\/wrong-type-values\.yaml \[ci\/wrong-type-values\.yaml\] - failed validation: helm template failed for values scenario ci\/wrong-type-values\.yaml: .*replicaCount/);
    expect(io.stdout.text).not.toContain('service.yaml');
  });

  it('rendered objects whose schemas cannot be downloaded: the run stops at the first with one line on stderr', async () => {
    const io = memoryIO();
    const code = await validateCommand([GOOD], { schemaLocations: ['http://127.0.0.1:1/{{ .ResourceKind }}.json'], helmBin: helm.bin, scenarios: false }, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toBe('');
    expect(io.stderr.text).toMatch(/^helmforge validate: stopped: no schema source could be reached \(could not download http:\/\/127\.0\.0\.1:1\/\w+\.json: [^\n]*ECONNREFUSED[^\n]*\); without network access, validate against a local bundle [^\n]*\n$/);
  });

  it('a packaged chart (.tgz) with its ci/ scenarios, JSON output, two Kubernetes versions', async () => {
    const dir = tempDir('pkg');
    const pkg = runHelm(helm, ['package', GOOD, '-d', dir]);
    expect(pkg.status, pkg.stderr).toBe(0);
    const tgz = join(dir, readdirSync(dir)[0] as string);
    const io = memoryIO();
    const code = await validateCommand([tgz], { schemaBundles: [BUNDLE], helmBin: helm.bin, output: 'json', verbose: true, kubernetesVersions: ['1.32.0', '1.33.0'] }, io);
    expect(code).toBe(0);
    const doc = JSON.parse(io.stdout.text) as { resources: { scenario: string }[] };
    expect(new Set(doc.resources.map((r) => r.scenario))).toEqual(
      new Set(['defaults, kube 1.32.0', 'defaults, kube 1.33.0', 'ci/ha-values.yaml, kube 1.32.0', 'ci/ha-values.yaml, kube 1.33.0']),
    );
  });
});

describe('validateCommand --manifests', () => {
  it('validates manifest files like helmforge-conform, strict by default', async () => {
    const io = memoryIO();
    const code = await validateCommand([join(FIXTURES, 'manifests', 'invalid.yaml')], { manifests: true, schemaBundles: [BUNDLE], workers: 1 }, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toContain('Deployment broken is invalid');
  });

  it('a bundle and a CRD given as file:// URLs are files that exist (as the fetcher reads them), not missing ones', async () => {
    const io = memoryIO();
    const code = await validateCommand([join(FIXTURES, 'manifests', 'valid.yaml')], { manifests: true, schemaBundles: [pathToFileURL(BUNDLE).href], crds: [pathToFileURL(PROMETHEUS_CRD).href], workers: 1, summary: true, lint: 'off' }, io);
    expect(io.stderr.text).toBe('');
    expect(io.stdout.text).toMatch(/^Summary: 2 resources found in 1 file - Valid: 2,/);
    expect(code).toBe(0);
  });

  it('schemas that cannot be downloaded: the run stops at the first, with one line saying how to validate offline', async () => {
    const io = memoryIO();
    // nothing listens on port 1: the connection is refused at once
    const offline = { manifests: true, schemaLocations: ['http://127.0.0.1:1/{{ .ResourceKind }}.json'], workers: 1 };
    const code = await validateCommand([join(FIXTURES, 'manifests', 'valid.yaml')], offline, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toBe('');
    expect(io.stderr.text).toMatch(/^helmforge validate: stopped: no schema source could be reached \(could not download http:\/\/127\.0\.0\.1:1\/\w+\.json: [^\n]*ECONNREFUSED[^\n]*\); without network access, validate against a local bundle \(--schema-bundle PATH\/_definitions\.json\) or a local copy of the schemas \(--schema-location DIR\)\n$/);
  });

  it('an HTTP error is that schema\'s own error: the run goes on', async () => {
    const server = createServer((_req, res) => res.writeHead(500).end('broken'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const io = memoryIO();
      const location = `http://127.0.0.1:${(server.address() as { port: number }).port}/{{ .ResourceKind }}.json`;
      const code = await validateCommand([join(FIXTURES, 'manifests', 'valid.yaml')], { manifests: true, schemaLocations: [location], workers: 1 }, io);
      expect(code).toBe(1);
      expect(io.stdout.text.split('\n').filter((l) => / failed validation: could not download \S+: HTTP 500$/.test(l)).length).toBeGreaterThan(1);
      expect(io.stderr.text).toBe('');
    } finally {
      server.close();
    }
  });

  it('a missing helm binary is an error finding, not a crash', async () => {
    const io = memoryIO();
    const code = await validateCommand([GOOD], { schemaBundles: [BUNDLE], helmBin: '/nonexistent/helm', scenarios: false }, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toMatch(/could not run \/nonexistent\/helm/);
  });
});
