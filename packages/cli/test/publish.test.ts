// `helmforge package` and `helmforge push` with each real helm and the real OCI registry (Debian's docker-registry on
// 127.0.0.1): what is packaged is the generated chart, a push lands where helm pull finds it, and a refused push says
// why and what to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { startLocalRegistry, type LocalRegistry } from '../../../tools/testkit/registry.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { checkout, helmforge as run } from './support.js';

/** (without the signal: some results are compared whole) */
function helmforge(args: string[], cwd: string, helmBin: string, env: Record<string, string> = {}) {
  const { signal: _signal, ...r } = run(args, cwd, { HELM_BIN: helmBin, ...env });
  return r;
}

describe.each(HELM_BINARIES)('helmforge package and push with $label', (helm) => {
  let registry: LocalRegistry;
  let secured: LocalRegistry;
  // helm's registry logins go to a config of this test's own, not the user's
  const helmConfig = { HELM_REGISTRY_CONFIG: join(tempDir('helm'), 'registry.json') };
  beforeAll(async () => {
    registry = await startLocalRegistry();
    secured = await startLocalRegistry({ username: 'ci', password: 'push-secret' });
  });
  afterAll(async () => {
    await registry.stop();
    await secured.stop();
  });

  it('package writes <name>-<version>.tgz of the generated chart', () => {
    const dir = checkout();
    const r = helmforge(['package', '-d', 'dist'], dir, helm.bin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^packaged dist\/platform-0\.1\.0\.tgz \(sha256:[0-9a-f]{64}\)\n$/);
    expect(r.status).toBe(0);
    const show = runHelm(helm, ['show', 'chart', join(dir, 'dist', 'platform-0.1.0.tgz')]);
    expect(show.stdout).toMatch(/^name: platform$/m);
  });

  it('package replaces an earlier package of its own, but not a file it did not make unless --force', () => {
    const dir = checkout();
    expect(helmforge(['package', '-d', 'dist'], dir, helm.bin).status).toBe(0);
    expect(helmforge(['package', '-d', 'dist'], dir, helm.bin)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^packaged dist\/platform-0\.1\.0\.tgz \(sha256:/) });
    writeFileSync(join(dir, 'dist', 'platform-0.1.0.tgz'), 'my own notes\n');
    const refused = helmforge(['package', '-d', 'dist'], dir, helm.bin);
    expect(refused.stderr).toBe('helmforge package: refusing to replace dist/platform-0.1.0.tgz: it is not a chart package helmforge made; move it away, or pass --force to replace it. Nothing was changed.\n');
    expect(refused.status).toBe(1);
    expect(readFileSync(join(dir, 'dist', 'platform-0.1.0.tgz'), 'utf8')).toBe('my own notes\n');
    expect(helmforge(['package', '-d', 'dist', '--force'], dir, helm.bin).status).toBe(0);
    expect(runHelm(helm, ['show', 'chart', join(dir, 'dist', 'platform-0.1.0.tgz')]).stdout).toMatch(/^name: platform$/m);
    expect(readdirSync(join(dir, 'dist'))).toEqual(['platform-0.1.0.tgz']);
  });

  it('package refuses a chart that no longer matches the stack file, and writes nothing', () => {
    const dir = checkout();
    writeFileSync(join(dir, 'helmforge.yaml'), readFileSync(join(dir, 'helmforge.yaml'), 'utf8').replace('nodePort: 30500', 'nodePort: 30501'));
    const r = helmforge(['package', '-d', 'dist'], dir, helm.bin);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^helmforge package: charts\/platform does not match helmforge\.yaml \(\d+ files? differ\): run `helmforge generate` first/);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('push lands the chart where helm pull and helmforge validate oci:// find it', () => {
    const dir = checkout();
    const r = helmforge(['push', `oci://${registry.host}/charts`, '--plain-http'], dir, helm.bin, helmConfig);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^pushed platform-0\\.1\\.0\\.tgz to oci://${registry.host.replace(/\./g, '\\.')}/charts/platform:0\\.1\\.0 \\(sha256:[0-9a-f]{64}\\)\\n$`));
    expect(r.status).toBe(0);
    const into = tempDir('pulled');
    const pull = runHelm(helm, ['pull', `oci://${registry.host}/charts/platform`, '--version', '0.1.0', '--plain-http', '-d', into]);
    expect(pull.status, pull.stderr).toBe(0);
    expect(readdirSync(into)).toEqual(['platform-0.1.0.tgz']);
  });

  it('a refused push says why and what to do', () => {
    const dir = checkout();
    // (Helm 3 talks plain HTTP to a registry on 127.0.0.1 by itself; Helm 4 tries HTTPS unless told)
    // (--force: the version is already there from the test above, and this is about the push itself)
    const https = helmforge(['push', `oci://${registry.host}/charts`, '--force'], dir, helm.bin, helmConfig);
    const refused = new RegExp(`^helmforge push: ${registry.host.replace(/\./g, '\\.')} refused the push of platform-0\\.1\\.0\\.tgz to oci://\\S+: .+\\n  the registry speaks plain HTTP: add --plain-http\\n$`);
    expect({ status: https.status, stderr: https.stderr }).toEqual(helm.major === 4 ? { status: 1, stderr: expect.stringMatching(refused) } : { status: 0, stderr: '' });

    const unauthorised = helmforge(['push', `oci://${secured.host}/charts`, '--plain-http'], dir, helm.bin, helmConfig);
    expect(unauthorised.status).toBe(1);
    expect(unauthorised.stderr).toMatch(new RegExp(`\\n  log in first: helm registry login ${secured.host.replace(/\./g, '\\.')}\\n$`));

    const nobody = helmforge(['push', 'oci://127.0.0.1:1/charts', '--plain-http'], dir, helm.bin, helmConfig);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toMatch(/\n {2}no registry answers at 127\.0\.0\.1:1: check the address\n$/);

    // not an OCI repository: a usage error
    expect(helmforge(['push', 'https://registry.local/charts'], dir, helm.bin)).toEqual({ status: 2, stdout: '', stderr: 'helmforge push: https://registry.local/charts: give an OCI repository, e.g. oci://registry.local:5000/charts\n' });
  });

  it('after helm registry login, the same push goes through', () => {
    const dir = checkout();
    const login = runHelm(helm, ['registry', 'login', secured.host, '--username', 'ci', '--password-stdin', '--plain-http'].filter((a) => helm.major === 4 || a !== '--plain-http'), {
      input: 'push-secret',
      env: helmConfig,
    });
    expect(login.status, login.stderr).toBe(0);
    const r = helmforge(['push', `oci://${secured.host}/charts`, '--plain-http'], dir, helm.bin, helmConfig);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
