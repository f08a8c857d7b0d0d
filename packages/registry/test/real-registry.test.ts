// The rendered registry configuration with the real registry: `helm template` the chart, take the rendered
// config.yml, htpasswd Secret and container env, move paths into a temp dir and addresses to 127.0.0.1, start
// the Debian `docker-registry` binary (distribution 2.8, the code of the image) and use it with real helm.
import bcrypt from 'bcryptjs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findObject } from '../../../tools/testkit/chart.js';
import { freePort, stopProcess as stop, waitFor } from '../../../tools/testkit/registry.js';
import { HELM_BINARIES, chartOnDisk, decode, podSpec, runHelm, template, type K8sObject, type Loose } from './support.js';
import { tempDir } from '../../../tools/testkit/temp.js';

interface Probe {
  httpGet: { path: string; port: string | number };
}

interface Running {
  proc: ChildProcess;
  dir: string;
  config: string;
  env: Record<string, string>;
  /** container port → local port */
  ports: Map<number, number>;
  containerPorts: Map<string, number>;
  username: string;
  password: string;
  deployment: K8sObject;
  log: () => string;
}

/** Renders the chart and starts the real registry with what it rendered. */
async function startRenderedRegistry(helm: (typeof HELM_BINARIES)[number]): Promise<Running> {
  const objects = template(helm);
  const deployment = findObject(objects, 'Deployment', 'reg-registry');
  const pod = podSpec(deployment);
  const container = pod.containers[0] as Record<string, Loose>;
  const containerPorts = new Map<string, number>((container.ports as Array<{ name: string; containerPort: number }>).map((p) => [p.name, p.containerPort]));
  const mounts = new Map<string, string>((container.volumeMounts as Array<{ name: string; mountPath: string }>).map((m) => [m.name, m.mountPath]));
  const volumes = new Map<string, Record<string, Loose>>((pod.volumes as Array<Record<string, Loose>>).map((v) => [v.name, v]));
  expect(container.args).toEqual(['serve', '/etc/docker/registry/config.yml']);

  // config.yml, from the ConfigMap the Deployment mounts at /etc/docker/registry.
  const configMap = findObject(objects, 'ConfigMap', volumes.get('config')?.configMap.name);
  expect(mounts.get('config')).toBe('/etc/docker/registry');
  const config = parse((configMap.data as Record<string, string>)['config.yml'] ?? '') as Record<string, Loose>;

  // The htpasswd file, from the Secret and key the Deployment mounts at /auth/htpasswd.
  const auth = volumes.get('auth')?.secret as { secretName: string; items: Array<{ key: string; path: string }> };
  const secret = findObject(objects, 'Secret', auth.secretName);
  expect(`${mounts.get('auth')}/${auth.items[0]?.path}`).toBe(config.auth.htpasswd.path);
  const htpasswd = decode(secret, auth.items[0]?.key ?? '');

  // Environment: every secretKeyRef resolved against the rendered Secrets.
  const env: Record<string, string> = {};
  for (const e of container.env as Array<Record<string, Loose>>) {
    const ref = e.valueFrom?.secretKeyRef as { name: string; key: string } | undefined;
    env[e.name] = ref ? decode(findObject(objects, 'Secret', ref.name), ref.key) : String(e.value);
  }

  const dir = tempDir('registry');
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'htpasswd'), `${htpasswd}\n`);
  expect(mounts.get('data')).toBe(config.storage.filesystem.rootdirectory);
  config.storage.filesystem.rootdirectory = join(dir, 'data');
  config.auth.htpasswd.path = join(dir, 'htpasswd');
  // The addresses the config listens on must be the container ports; each becomes a free local port.
  const ports = new Map<number, number>();
  for (const [key, obj] of [['http', config.http], ['debug', config.http.debug]] as const) {
    const containerPort = Number(String(obj.addr).replace(/^:/, ''));
    expect(containerPort, `${key} port`).toBe(containerPorts.get(key));
    const local = await freePort();
    ports.set(containerPort, local);
    obj.addr = `127.0.0.1:${local}`;
  }
  const configPath = join(dir, 'config.yml');
  writeFileSync(configPath, stringify(config));

  let output = '';
  const proc = spawn('docker-registry', ['serve', configPath], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const running: Running = {
    proc, dir, config: configPath, env, ports, containerPorts, deployment, log: () => output,
    username: decode(findObject(objects, 'Secret', 'reg-registry'), 'username'),
    password: decode(findObject(objects, 'Secret', 'reg-registry'), 'password'),
  };
  await waitFor(`http://127.0.0.1:${ports.get(containerPorts.get('debug') ?? 0)}/debug/health`).catch((error: Error) => {
    proc.kill();
    throw new Error(`${error.message}\n${output}`);
  });
  return running;
}


describe.each(HELM_BINARIES)('rendered registry config with the real docker-registry and $label', (helm) => {
  let reg: Running;
  const host = () => `127.0.0.1:${reg.ports.get(reg.containerPorts.get('http') ?? 0)}`;
  const plainHttp = ['--plain-http'];

  beforeAll(async () => {
    reg = await startRenderedRegistry(helm);
  });
  afterAll(async () => {
    await stop(reg?.proc);
    if (reg) rmSync(reg.dir, { recursive: true, force: true });
  });

  it('answers the liveness and readiness probes exactly as rendered (auth on)', async () => {
    const container = podSpec(reg.deployment).containers[0] as Record<string, Probe>;
    for (const name of ['livenessProbe', 'readinessProbe']) {
      const probe = container[name];
      expect(probe?.httpGet, name).toBeDefined();
      const port = typeof probe!.httpGet.port === 'number' ? probe!.httpGet.port : reg.containerPorts.get(probe!.httpGet.port);
      const r = await fetch(`http://127.0.0.1:${reg.ports.get(port ?? 0)}${probe!.httpGet.path}`);
      // The kubelet counts 200–399 as success.
      expect(r.status, `${name} ${probe!.httpGet.path}`).toBeGreaterThanOrEqual(200);
      expect(r.status, `${name} ${probe!.httpGet.path}`).toBeLessThan(400);
    }
  });

  it('answers an anonymous GET /v2/ with 401 and an authenticated one with 200', async () => {
    const anonymous = await fetch(`http://${host()}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Registry Realm"');
    const authorization = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;
    expect((await fetch(`http://${host()}/v2/`, { headers: { authorization } })).status).toBe(200);
    const wrong = `Basic ${Buffer.from(`${reg.username}:not-the-password`).toString('base64')}`;
    expect((await fetch(`http://${host()}/v2/`, { headers: { authorization: wrong } })).status).toBe(401);
  });

  it('serves Prometheus metrics on the debug port the pod is annotated with', async () => {
    const annotations = (reg.deployment.spec as Loose).template.metadata.annotations as Record<string, string>;
    const r = await fetch(`http://127.0.0.1:${reg.ports.get(Number(annotations['prometheus.io/port']))}${annotations['prometheus.io/path']}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/^# (HELP|TYPE) /m);
  });

  it('holds a bcrypt htpasswd entry that verifies against the rendered password', () => {
    const [user, hash] = readFileSync(join(reg.dir, 'htpasswd'), 'utf8').trim().split(':');
    expect(user).toBe(reg.username);
    expect(hash).toMatch(/^\$2[aby]\$/);
    expect(bcrypt.compareSync(reg.password, hash ?? '')).toBe(true);
  });

  it('takes helm registry login, helm push and helm pull with the rendered credentials; the digest survives', () => {
    const loginFlags = helm.major === 4 ? ['--plain-http'] : ['--insecure'];
    const bad = runHelm(helm, ['registry', 'login', host(), '--username', reg.username, '--password-stdin', ...loginFlags], { input: 'wrong-password' });
    expect(bad.status, bad.stdout + bad.stderr).not.toBe(0);
    const login = runHelm(helm, ['registry', 'login', host(), '--username', reg.username, '--password-stdin', ...loginFlags], { input: reg.password });
    expect(login.status, login.stdout + login.stderr).toBe(0);

    const work = tempDir('push');
    const pkg = runHelm(helm, ['package', chartOnDisk(), '-d', work]);
    expect(pkg.status, pkg.stderr).toBe(0);
    const tgz = join(work, 'registry-0.1.0.tgz');
    const push = runHelm(helm, ['push', tgz, `oci://${host()}/charts`, ...plainHttp]);
    expect(push.status, push.stdout + push.stderr).toBe(0);
    const pushed = /Digest: (sha256:[0-9a-f]{64})/.exec(push.stdout + push.stderr)?.[1];
    expect(pushed).toBeDefined();

    const out = join(work, 'pulled');
    mkdirSync(out);
    const pull = runHelm(helm, ['pull', `oci://${host()}/charts/registry`, '--version', '0.1.0', '-d', out, ...plainHttp]);
    expect(pull.status, pull.stdout + pull.stderr).toBe(0);
    expect(/Digest: (sha256:[0-9a-f]{64})/.exec(pull.stdout + pull.stderr)?.[1]).toBe(pushed);
    expect(readFileSync(join(out, 'registry-0.1.0.tgz')).equals(readFileSync(tgz))).toBe(true);

    const logout = runHelm(helm, ['registry', 'logout', host()]);
    expect(logout.status, logout.stderr).toBe(0);
  });

  it('runs the rendered garbage-collect command on the same configuration and data', () => {
    const cron = findObject(template(helm, ['-f', `${chartOnDisk()}/ci/existing-claim-values.yaml`]), 'CronJob');
    const c = podSpec(cron).containers[0] as { command: string[]; args: string[] };
    expect(c.command).toEqual(['registry']);
    const args = c.args.map((a) => (a === '/etc/docker/registry/config.yml' ? reg.config : a));
    const r = spawnSync('docker-registry', args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...reg.env }, timeout: 60_000 });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/blobs marked/);
  });
});
