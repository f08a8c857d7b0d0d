// Publishing habits with each real helm and the real OCI registry (Debian's docker-registry): a reproducible package
// holding what `helm package` would put in it, a push that will not overwrite a published version without --force,
// and a signed package that `helm verify` accepts (a throwaway GPG key made by the test in its own GNUPGHOME).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { parse } from 'yaml';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { startLocalRegistry, type LocalRegistry } from '../../../tools/testkit/registry.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { checkout, helmforge as run } from './support.js';

const temp = (prefix: string) => tempDir(prefix);

const helmforge = (args: string[], cwd: string, helmBin: string, env: Record<string, string> = {}) => run(args, cwd, { HELM_BIN: helmBin, ...env });

/** The entries of a .tgz: path → { content, mode, mtime, uid, gid, type }. */
async function entries(file: string) {
  const out = new Map<string, { content: string; mode: number | undefined; mtime: number | undefined; uid: number | undefined; gid: number | undefined; type: string | null | undefined }>();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        out.set(header.name, { content: Buffer.concat(chunks).toString('utf8'), mode: header.mode, mtime: header.mtime?.getTime(), uid: header.uid, gid: header.gid, type: header.type });
        next();
      });
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  tar.end(gunzipSync(readFileSync(file)));
  await done;
  return out;
}

const helm4 = HELM_BINARIES.find((h) => h.major === 4)!;

function withoutEmptyRepositories(chart: { dependencies?: { repository?: string }[] }) {
  for (const d of chart.dependencies ?? []) if (d.repository === '') delete d.repository;
  return chart;
}

describe('helmforge package is reproducible', () => {
  it('packages the same chart into the same bytes in another checkout, at another time', () => {
    const a = checkout();
    const b = checkout();
    const first = helmforge(['package', '-d', 'dist'], a, helm4.bin);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^packaged dist\/platform-0\.1\.0\.tgz \(sha256:[0-9a-f]{64}\)\n$/);
    // another checkout, files touched at another time, packaged later
    const later = new Date(Date.now() + 3_600_000);
    for (const f of ['Chart.yaml', 'values.yaml', 'templates/NOTES.txt']) spawnSync('touch', ['-d', later.toISOString(), join(b, 'charts', 'platform', f)]);
    const second = helmforge(['package', '-d', 'dist'], b, helm4.bin);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(b, 'dist', 'platform-0.1.0.tgz')).equals(readFileSync(join(a, 'dist', 'platform-0.1.0.tgz')))).toBe(true);
    const digest = /sha256:([0-9a-f]{64})/.exec(first.stdout)![1];
    expect(spawnSync('sha256sum', [join(a, 'dist', 'platform-0.1.0.tgz')], { encoding: 'utf8' }).stdout.split(' ')[0]).toBe(digest);
  });

  it('stamps SOURCE_DATE_EPOCH on every entry and on the file, and refuses a malformed one', async () => {
    const dir = checkout();
    expect(helmforge(['package', '-d', 'dist'], dir, helm4.bin, { SOURCE_DATE_EPOCH: '1767225600' }).status).toBe(0);
    const file = join(dir, 'dist', 'platform-0.1.0.tgz');
    expect(statSync(file).mtimeMs).toBe(1767225600_000);
    for (const [path, e] of await entries(file)) expect({ path, mtime: e.mtime, mode: e.mode, uid: e.uid, gid: e.gid, type: e.type }).toEqual({ path, mtime: 1767225600_000, mode: 0o644, uid: 0, gid: 0, type: 'file' });
    const bad = helmforge(['package', '-d', 'dist2'], dir, helm4.bin, { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^helmforge package: SOURCE_DATE_EPOCH=yesterday is not a number of seconds/);
  });

  it.each(HELM_BINARIES)('holds exactly what $label package puts in its archive', async (helm) => {
    const dir = checkout();
    helmforge(['package', '-d', 'ours'], dir, helm.bin);
    const r = runHelm(helm, ['package', join(dir, 'charts', 'platform'), '-d', join(dir, 'helms')]);
    expect(r.status, r.stderr).toBe(0);
    const ours = await entries(join(dir, 'ours', 'platform-0.1.0.tgz'));
    const theirs = await entries(join(dir, 'helms', 'platform-0.1.0.tgz'));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect([...ours.keys()]).not.toContain('platform/ct.yaml');
    for (const [path, e] of ours) {
      // helm re-serializes Chart.yaml from its metadata: the same document, other formatting, and the empty repository
      // of each vendored dependency written out
      if (path.endsWith('/Chart.yaml')) expect(parse(e.content), path).toEqual(withoutEmptyRepositories(parse(theirs.get(path)!.content)));
      else expect(e.content, path).toBe(theirs.get(path)!.content);
    }
  });

  // (Helm 3.17's install --dry-run=client still contacts a cluster, so only Helm 4 installs offline)
  it('helm 4 installs the archive with --dry-run=client', () => {
    const dir = checkout();
    helmforge(['package', '-d', 'dist'], dir, helm4.bin);
    const install = runHelm(helm4, ['install', 'demo', join(dir, 'dist', 'platform-0.1.0.tgz'), '--dry-run=client', '-n', 'platform']);
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toMatch(/STATUS: pending-install/);
  });

  it.each(HELM_BINARIES)('$label lints and templates the archive', (helm) => {
    const dir = checkout();
    helmforge(['package', '-d', 'dist'], dir, helm.bin);
    const archive = join(dir, 'dist', 'platform-0.1.0.tgz');
    expect(runHelm(helm, ['lint', '--strict', archive]).status).toBe(0);
    const template = runHelm(helm, ['template', 'demo', archive]);
    expect(template.status, template.stderr).toBe(0);
    expect(template.stdout).toMatch(/^kind: CronJob$/m);
    expect(runHelm(helm, ['show', 'chart', archive]).stdout).toMatch(/^name: platform$/m);
  });
});

describe.each(HELM_BINARIES)('helmforge push with $label', (helm) => {
  let registry: LocalRegistry;
  const helmConfig = () => ({ HELM_REGISTRY_CONFIG: join(temp('helm'), 'registry.json') });
  beforeAll(async () => {
    registry = await startLocalRegistry();
  });
  afterAll(async () => {
    await registry.stop();
  });

  it('refuses to overwrite a published version without --force, and pushes the same digest with it', () => {
    const dir = checkout();
    const env = helmConfig();
    const repo = `oci://${registry.host}/charts`;
    const first = helmforge(['push', repo, '--plain-http'], dir, helm.bin, env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const again = helmforge(['push', repo, '--plain-http'], dir, helm.bin, env);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(`helmforge push: ${repo}/platform already has version 0.1.0: bump metadata.version in helmforge.yaml and run helmforge generate (or push with --force to replace it)\n`);
    const forced = helmforge(['push', repo, '--plain-http', '--force'], dir, helm.bin, env);
    expect(forced.status, forced.stderr).toBe(0);
    // reproducible archive and mtime: the same manifest, so the same digest
    expect(forced.stdout).toBe(first.stdout);
  });
});

describe('signed packages', () => {
  let gnupg: string;
  const gpg = (args: string[], input?: string) => {
    const r = spawnSync('gpg', ['--homedir', gnupg, '--batch', '--yes', ...args], { encoding: 'utf8', input });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  beforeAll(() => {
    gnupg = temp('gnupg');
    // Helm 3's OpenPGP library (x/crypto) verifies RSA, not Ed25519: an RSA key, as Helm's docs assume
    gpg(['--passphrase', '', '--quick-gen-key', 'Platform Signer <signer@example.org>', 'rsa3072', 'sign', 'never']);
    gpg(['--passphrase', 'correct horse', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Locked Signer <locked@example.org>', 'rsa3072', 'sign', 'never']);
    // Helm reads keyring files (GnuPG 1's pubring.gpg/secring.gpg format), which GnuPG 2 writes with --export
    writeFileSync(join(gnupg, 'secring.gpg'), spawnSync('gpg', ['--homedir', gnupg, '--batch', '--pinentry-mode', 'loopback', '--passphrase', 'correct horse', '--export-secret-keys'], { encoding: 'buffer' }).stdout);
    writeFileSync(join(gnupg, 'pubring.gpg'), spawnSync('gpg', ['--homedir', gnupg, '--batch', '--export'], { encoding: 'buffer' }).stdout);
    writeFileSync(join(gnupg, 'passphrase'), 'correct horse\n');
  });
  afterAll(() => {
    spawnSync('gpgconf', ['--homedir', gnupg, '--kill', 'all']);
  });

  it.each(HELM_BINARIES)('package --sign writes a provenance file that $label verify accepts, and a changed archive fails it', (helm) => {
    const dir = checkout();
    const r = helmforge(['package', '-d', 'dist', '--sign', '--key', 'Platform Signer', '--keyring', join(gnupg, 'secring.gpg')], dir, helm.bin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/, signed: dist\/platform-0\.1\.0\.tgz\.prov\n$/);
    const archive = join(dir, 'dist', 'platform-0.1.0.tgz');
    const verify = runHelm(helm, ['verify', archive, '--keyring', join(gnupg, 'pubring.gpg')]);
    expect(verify.stdout + verify.stderr).toMatch(/Signed by: Platform Signer <signer@example\.org>/);
    expect(verify.status).toBe(0);
    const install = runHelm(helm, ['template', 'demo', archive, '--verify', '--keyring', join(gnupg, 'pubring.gpg')]);
    expect(install.status, install.stderr).toBe(0);

    writeFileSync(archive, Buffer.concat([readFileSync(archive), Buffer.from([0])]));
    const tampered = runHelm(helm, ['verify', archive, '--keyring', join(gnupg, 'pubring.gpg')]);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toMatch(/sha256 sum does not match/);
  });

  it('signs with a passphrase-protected key given --passphrase-file, and says what is missing otherwise', () => {
    const dir = checkout();
    const keyring = join(gnupg, 'secring.gpg');
    const locked = helmforge(['package', '-d', 'dist', '--sign', '--key', 'Locked Signer', '--keyring', keyring], dir, helm4.bin);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toBe('helmforge package: the key "Locked Signer <locked@example.org>" is protected by a passphrase: add --passphrase-file FILE\n');
    const unlocked = helmforge(['package', '-d', 'dist', '--sign', '--key', 'locked@example.org', '--keyring', keyring, '--passphrase-file', join(gnupg, 'passphrase')], dir, helm4.bin);
    expect(unlocked.stderr).toBe('');
    expect(runHelm(helm4, ['verify', join(dir, 'dist', 'platform-0.1.0.tgz'), '--keyring', join(gnupg, 'pubring.gpg')]).stdout).toMatch(/Signed by: Locked Signer/);
    expect(helmforge(['package', '-d', 'dist', '--sign', '--key', 'Nobody', '--keyring', keyring], dir, helm4.bin).stderr).toMatch(/^helmforge package: no secret key for "Nobody" in .*secring\.gpg \(it has: Platform Signer <signer@example\.org>, Locked Signer <locked@example\.org>\)\n$/);
    expect(helmforge(['package', '-d', 'dist', '--sign', '--key', 'Signer', '--keyring', keyring], dir, helm4.bin).stderr).toMatch(/more than one key .* contains "Signer"/);
    expect(helmforge(['package', '-d', 'dist', '--sign'], dir, helm4.bin).stderr).toMatch(/--sign needs --key <user id> and --keyring <file>/);
  });
});
