// The helmforge-conform bin, spawned as a process with kubeconform's command lines.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseConformArgs } from '../src/index.js';
import { BIN, BUNDLE, FIXTURES, PROMETHEUS_CRD, STANDALONE, startHttpsSchemaServer } from './helpers.js';
import { offline } from '../../../tools/testkit/offline.js';
import { tempDir } from '../../../tools/testkit/temp.js';

function conform(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: input ?? '', timeout: 60_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const VALID = join(FIXTURES, 'manifests', 'valid.yaml');
const INVALID = join(FIXTURES, 'manifests', 'invalid.yaml');

describe('helmforge-conform', () => {
  it('parses kubeconform flags: single dash, -flag value, -flag=value, repeated lists, booleans', () => {
    const a = parseConformArgs(['-strict', '-summary=true', '-output', 'json', '-schema-location', 'default', '-schema-location=/x', '--n=2', 'a.yaml', '-', 'dir']);
    expect(a.files).toEqual(['a.yaml', '-', 'dir']);
    expect(a.flags.get('schema-location')).toEqual(['default', '/x']);
    expect(a.flags.get('strict')).toEqual(['true']);
    expect(a.flags.get('n')).toEqual(['2']);
    expect(() => parseConformArgs(['-nope'])).toThrow(/flag provided but not defined: -nope/);
  });

  it('valid files: exit 0 and the summary line', () => {
    const r = conform(['-strict', '-summary', '-schema-bundle', BUNDLE, '-n', '1', VALID]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Summary: 2 resources found in 1 file - Valid: 2, Invalid: 0, Errors: 0, Skipped: 0\n');
    expect(r.status).toBe(0);
  });

  it('an invalid file: exit 1, kubeconform text line, with 2 worker threads', () => {
    const r = conform(['-strict', '-summary', '-verbose', '-n=2', '-kubernetes-version', '1.33.0', `-schema-bundle=${BUNDLE}`, VALID, INVALID]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${VALID} - ConfigMap one is valid`);
    expect(lines.find((l) => l.startsWith(`${INVALID} - Deployment broken is invalid: problem validating schema.`))).toContain("'/spec/replicas'");
    expect(lines.at(-1)).toBe('Summary: 3 resources found in 2 files - Valid: 2, Invalid: 1, Errors: 0, Skipped: 0');
  });

  it('reads stdin, json output', () => {
    const r = conform(['-summary', '-output', 'json', '-schema-bundle', BUNDLE, '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1}\n');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { resources: { filename: string; status: string }[]; summary: unknown };
    expect(doc.resources[0]).toMatchObject({ filename: 'stdin', status: 'statusInvalid' });
  });

  it('junit, tap and sarif outputs from the bin', () => {
    expect(XMLValidator.validate(conform(['-output', 'junit', '-schema-bundle', BUNDLE, INVALID]).stdout)).toBe(true);
    expect(conform(['-output', 'tap', '-schema-bundle', BUNDLE, VALID]).stdout.trimEnd().split('\n').at(-1)).toBe('1..3');
    const sarif = JSON.parse(conform(['-output=sarif', '-schema-bundle', BUNDLE, INVALID]).stdout) as { version: string };
    expect(sarif.version).toBe('2.1.0');
  });

  it('missing schemas, -ignore-missing-schemas, -skip, -reject, -crd, -exit-on-error', () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
    expect(conform(['-schema-bundle', BUNDLE, '-'], widget)).toMatchObject({ status: 1, stdout: 'stdin - Widget w failed validation: could not find schema for Widget\n' });
    expect(conform(['-ignore-missing-schemas', '-schema-bundle', BUNDLE, '-'], widget).status).toBe(0);
    expect(conform(['-skip', 'Deployment,Service', '-schema-bundle', BUNDLE, INVALID]).status).toBe(0);
    expect(conform(['-reject', 'v1/ConfigMap', '-schema-bundle', BUNDLE, VALID]).stdout).toContain('prohibited resource kind ConfigMap');
    const prom = 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: p}\nspec: {replicas: 1}\n';
    expect(conform(['-strict', '-crd', PROMETHEUS_CRD, '-schema-bundle', BUNDLE, '-'], prom).status).toBe(0);
    const r = conform(['-exit-on-error', '-n', '1', '-schema-bundle', BUNDLE, '-'], `${widget}---\n${widget}`);
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('-h prints the flags; an unknown flag is a usage error', () => {
    const h = conform(['-h']);
    expect(h.status).toBe(0);
    for (const flag of ['-schema-location', '-ignore-filename-pattern', '-insecure-skip-tls-verify', '-schema-bundle', '-crd', '-output']) expect(h.stdout).toContain(flag);
    const bad = conform(['-bogus']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('flag provided but not defined: -bogus');
  });

  it('-ignore-filename-pattern skips matching files of a directory', () => {
    const r = conform(['-summary', '-schema-bundle', BUNDLE, '-ignore-filename-pattern', 'invalid', join(FIXTURES, 'manifests')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Summary: 5 resources found in 4 files/);
  });

  describe("as kubeconform's own acceptance tests expect", () => {
    const dir = tempDir('conform');
    const file = (name: string, text: string): string => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    it('"0 resource found in 1 file" for a blank file, a comment-only file and an empty List', () => {
      for (const f of [file('blank.yaml', ''), file('comment.yaml', '# nothing\n'), file('list.yaml', 'apiVersion: v1\nkind: List\nitems: []\n')]) {
        const r = conform(['-summary', '-schema-bundle', BUNDLE, f]);
        expect(r.stdout).toBe('Summary: 0 resource found in 1 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n');
        expect(r.status).toBe(0);
      }
    });

    it('skipped resources and TAP lines name resources as kubeconform does', () => {
      expect(conform(['-verbose', '-skip', 'ConfigMap', '-schema-bundle', BUNDLE, '-n', '1', VALID]).stdout).toContain(`${VALID} - one ConfigMap skipped\n`);
      const tap = conform(['-output', 'tap', '-skip', 'v1/Service', '-schema-bundle', BUNDLE, '-n', '1', VALID]).stdout.split('\n');
      expect(tap[0]).toBe('TAP version 13');
      expect(tap).toContain(`ok 2 - ${VALID} (v1/ConfigMap//one)`); // (1: the empty document before it)
      expect(tap.some((l) => / - .* \(v1\/Service\/\/web\) # skip$/.test(l))).toBe(true);
    });

    it('a path that is not there: "lstat PATH: no such file or directory", exit 1', () => {
      const r = conform(['-schema-bundle', BUNDLE, join(dir, 'not-here')]);
      expect(r.stdout).toBe(`${join(dir, 'not-here')} - failed validation: lstat ${join(dir, 'not-here')}: no such file or directory\n`);
      expect(r.status).toBe(1);
    });

    it('stops before reading anything on a bad -kubernetes-version, -cache folder or schema location template', () => {
      const version = conform(['-kubernetes-version', '1.25', '-schema-bundle', BUNDLE, VALID]);
      expect(version.status).toBe(1);
      expect(version.stderr.split('\n')[0]).toBe(
        'invalid value "1.25" for flag -kubernetes-version: 1.25 is not a valid version. Valid values are "master" (default) or full version x.y.z (e.g. "1.27.2")',
      );
      expect(conform(['-kubernetes-version', 'v1.33.0', '-schema-bundle', BUNDLE, VALID]).status).toBe(0);
      const missing = join(dir, 'no-cache');
      const cache = conform(['-cache', missing, '-schema-bundle', BUNDLE, VALID]);
      expect(cache).toMatchObject({ status: 1, stdout: '', stderr: `failed opening cache folder ${missing}: stat ${missing}: no such file or directory\n` });
      expect(existsSync(missing)).toBe(false);
      const template = conform(['-schema-location', 'foo {{ .Foo }}', VALID]);
      expect(template).toMatchObject({ status: 1, stdout: '' });
      expect(template.stderr).toMatch(/^failed initialising: .*unknown variable \{\{ \.Foo \}\}[^\n]*\n$/);
    });

    it('HTTPS_PROXY is used for downloads: a proxy that refuses connections fails them, naming it', () => {
      const env = { ...process.env, HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '' };
      // in a network namespace with loopback only: the internet stays out of reach even if the proxy were not used
      const { command, args } = offline([process.execPath, BIN, '-schema-location', 'default', VALID]);
      const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/failed validation: could not download https:\/\/raw\.githubusercontent\.com\/\S+ \(through the proxy http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED/);
    });

    it('-insecure-skip-tls-verify accepts a self-signed certificate (kept checked without it)', async () => {
      const server = await startHttpsSchemaServer(join(FIXTURES, 'schemas'));
      const run = (extra: string[]): Promise<{ status: number | null; stdout: string }> =>
        new Promise((resolve) => {
          // asynchronously: the server answers from this process
          const child = spawn(process.execPath, [BIN, ...extra, '-n', '1', '-skip', 'Service', '-schema-location', `${server.url}/`, VALID], { stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.on('close', (status) => resolve({ status, stdout }));
        });
      try {
        expect(await run(['-insecure-skip-tls-verify'])).toEqual({ status: 0, stdout: '' });
        const checked = await run([]);
        expect(checked.status).toBe(1);
        expect(checked.stdout).toMatch(/ConfigMap one failed validation: could not download https:\/\/127\.0\.0\.1:\d+\/master-standalone\/configmap-v1\.json: self[- ]signed certificate/);
      } finally {
        await server.close();
      }
    });

    it('-output pretty is coloured as kubeconform colours it, unless NO_COLOR is set', () => {
      const args = ['-output', 'pretty', '-verbose', '-schema-bundle', BUNDLE, '-n', '1', VALID];
      // (this test's own environment may have NO_COLOR set, as CI runners often do)
      const coloured = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
      expect(coloured.stdout).toContain(`\u001b[32m\u2714\u001b[0m ${VALID}: \u001b[32mConfigMap one is valid\u001b[0m\n`);
      const plain = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(plain.stdout).toContain(`\u2714 ${VALID}: ConfigMap one is valid\n`);
    });

    it('-debug says on stderr where each schema was looked for and what was there', () => {
      const local = join(FIXTURES, 'schemas');
      const r = conform(['-debug', '-n', '1', '-schema-location', `${local}/`, '-schema-location', 'http://127.0.0.1:1/{{ .ResourceKind }}.json', VALID]);
      const lines = r.stderr.trimEnd().split('\n').map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));
      expect(lines).toEqual([
        `using schema found at ${local}/master-standalone/configmap-v1.json`,
        `could not open file ${local}/master-standalone/service-v1.json`,
        expect.stringMatching(/^failed downloading schema at http:\/\/127\.0\.0\.1:1\/service\.json: .*ECONNREFUSED/),
      ]);
      expect(conform(['-n', '1', '-schema-location', `${local}/`, VALID]).stderr).toBe('');
    });

    it('a -cache folder filled by kubeconform 0.6 works without network access (its acceptance test "without network access, with cache")', () => {
      const cache = tempDir('cache');
      // kubeconform 0.6 names a cached schema sha256("<Kind>-<apiVersion>-<k8s version>"): its fixtures/cache has the one below
      const schema = readFileSync(join(STANDALONE, 'v1.33.0-standalone', 'replicationcontroller-v1.json'));
      writeFileSync(join(cache, createHash('sha256').update('ReplicationController-v1-master').digest('hex')), schema);
      expect(createHash('sha256').update('ReplicationController-v1-master').digest('hex')).toBe('f07bea3f9d3a1cb6c76a58db9823ac1a603074e8997c5dc20a483b60f8c1b14b');
      // offline, and the proxy refuses connections: no download can succeed
      const env = { ...process.env, HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '' };
      const { command, args } = offline([process.execPath, BIN, '-cache', cache, '-summary', join(FIXTURES, 'acceptance', 'replicationcontroller.yaml')]);
      const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000 });
      expect(r.stdout).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
      expect(r.status).toBe(0);
    });

    it('duplicate keys (-strict): the resource named, every duplicate listed with its line in the document', () => {
      const r = conform(['-strict', '-schema-bundle', BUNDLE, '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: a\n  j: b\n  k: c\n  j: d\n');
      expect(r.stdout).toBe(
        'stdin - ConfigMap a failed validation: error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 8: key "k" already set in map\n  line 9: key "j" already set in map\n',
      );
    });

    it('a UTF-8 byte-order mark at the start of a manifest is accepted', () => {
      const bom = file('bom.yaml', '\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n');
      expect(conform(['-summary', '-verbose', '-schema-bundle', BUNDLE, bom]).stdout).toBe(`${bom} - ConfigMap bom is valid\nSummary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n`);
    });

    it('a leading and a trailing --- make no empty document: TAP numbering and -verbose JSON as kubeconform\'s', () => {
      const f = file('markers.yaml', '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n');
      expect(conform(['-output', 'tap', '-schema-bundle', BUNDLE, f]).stdout).toBe(`TAP version 13\nok 1 - ${f} (v1/ConfigMap//a)\nok 2 - ${f} (v1/ConfigMap//b)\n1..2\n`);
      const json = JSON.parse(conform(['-output', 'json', '-verbose', '-schema-bundle', BUNDLE, f]).stdout) as { resources: { name: string; status: string }[] };
      expect(json.resources.map((x) => [x.name, x.status])).toEqual([
        ['a', 'statusValid'],
        ['b', 'statusValid'],
      ]);
    });

    it('-timeout bounds a download from a server that accepts the connection and never answers, and names the host', async () => {
      const sockets = new Set<Socket>();
      const silent = createNetServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
      try {
        const started = Date.now();
        const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
          const child = spawn(process.execPath, [BIN, '-timeout', '1s', '-n', '1', '-schema-location', `http://${host}/`, VALID], { stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.on('close', (status) => resolve({ status, stdout }));
        });
        expect(r.status).toBe(1);
        // three attempts (1 s each) with kubeconform 0.7's waits between them (1 s, 2 s); the second kind fails at once
        expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual([
          `${VALID} - ConfigMap one failed validation: could not download http://${host}/master-standalone/configmap-v1.json: ${host} did not answer within 1s (3 attempts)`,
          `${VALID} - Service web failed validation: could not download http://${host}/master-standalone/service-v1.json: ${host} did not answer within 1s (3 attempts)`,
        ]);
        expect(Date.now() - started).toBeLessThan(30_000);
      } finally {
        for (const s of sockets) s.destroy();
        silent.close();
      }
    });

    it('compiled validators are kept between runs: the second run compiles nothing, also after runs that filled the cache at the same time', async () => {
      const cache = tempDir('cache');
      const run = (): Promise<{ status: number | null; stdout: string; compile: unknown }> =>
        new Promise((resolve) => {
          const child = spawn(process.execPath, [BIN, '-cache', cache, '-strict', '-n', '1', '-kubernetes-version', '1.33.0', '-schema-location', STANDALONE, VALID, INVALID], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, HELMFORGE_CONFORM_STATS: '1' },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
          child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
          child.on('close', (status) => resolve({ status, stdout, compile: (JSON.parse(stderr.trim().split('\n').at(-1) ?? '{}') as { compile: unknown }).compile }));
        });
      // four runs at once on an empty cache: each compiles what the others have not stored yet, all agree
      const concurrent = await Promise.all([run(), run(), run(), run()]);
      for (const r of concurrent) {
        expect(r).toMatchObject({ status: 1, stdout: concurrent[0]?.stdout });
        const { compiled, fromCache } = r.compile as { compiled: number; fromCache: number };
        expect(compiled + fromCache).toBe(3); // ConfigMap, Service, Deployment
      }
      expect(readdirSync(join(cache, 'helmforge-validators')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const warm = await run();
      expect(warm).toMatchObject({ status: 1, stdout: concurrent[0]?.stdout, compile: { compiled: 0, fromCache: 3 } });
    });

    it('fails when it would read stdin and nothing is piped in (stdin is /dev/null, a character device)', () => {
      const r = spawnSync(process.execPath, [BIN, '-summary', '-schema-bundle', BUNDLE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^failing to read data from stdin/);
    });
  });
});
