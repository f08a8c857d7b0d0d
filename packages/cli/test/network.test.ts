// Bounded network and no leftovers: push and validate oci:// against a registry that accepts connections and never
// answers stop after --timeout and name the host; interrupted by SIGINT or SIGTERM, they remove their temporary
// directories and their helm child. The "registry" is a TCP listener on 127.0.0.1 that accepts and stays silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { tempDir } from '../../../tools/testkit/temp.js';
import { BIN, helmforge, workspace } from './support.js';

const HELM = join(REPO_ROOT, '.tools', 'helm-4', 'helm');
let silent: Server;
let host: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  silent = createServer((socket) => sockets.push(socket)); // accepts, reads nothing, answers nothing
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

/** Runs the bin asynchronously (the silent listener lives in this process), with a TMPDIR of its own. */
function start(args: string[], cwd: string, tmp: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, HELM_BIN: HELM, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const began = Date.now();
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, ms: Date.now() - began }));
  });
  return { child, done };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (condition()) return;
  throw new Error(`timed out waiting for ${what}`);
}

/** helm processes (not helmforge itself) whose command line names `what`. */
function helmChildren(what = host): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return /helm$/.test(argv[0] ?? '') && argv.some((a) => a.includes(what));
      } catch {
        return false;
      }
    });
}

describe('a registry that accepts connections and never answers', () => {
  const repo = () => {
    const dir = workspace();
    expect(helmforge(['generate'], dir).status).toBe(0);
    return dir;
  };

  it('push stops after --timeout, names the host, and leaves no temporary directory', async () => {
    const tmp = tempDir('push-tmp');
    const r = await start(['push', `oci://${host}/charts`, '--plain-http', '--timeout', '2s'], repo(), tmp).done;
    expect(r.stderr).toBe(`helmforge push: the push of platform-0.1.0.tgz to oci://${host}/charts stopped: ${host} did not answer within 2s (check the address, or allow longer with --timeout)\n`);
    expect(r.status).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('validate oci:// stops after --timeout and names the host', async () => {
    const tmp = tempDir('pull-tmp');
    const r = await start(['validate', `oci://${host}/charts/platform`, '--version', '0.1.0', '--plain-http', '--timeout', '2s'], REPO_ROOT, tmp).done;
    expect(r.stderr).toBe(`helmforge validate: helm pull oci://${host}/charts/platform stopped: ${host} did not answer within 2s (check the address, or allow longer with --timeout)\n`);
    expect(r.status).toBe(1);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it.each([
    ['push', 'SIGTERM', (h: string) => ['push', `oci://${h}/charts`, '--plain-http']],
    ['push', 'SIGINT', (h: string) => ['push', `oci://${h}/charts`, '--plain-http']],
    ['validate oci://', 'SIGTERM', (h: string) => ['validate', `oci://${h}/charts/platform`, '--plain-http']],
    ['validate oci://', 'SIGINT', (h: string) => ['validate', `oci://${h}/charts/platform`, '--plain-http']],
  ] as const)('%s interrupted by %s removes its temporary directories and locks and stops its helm', async (_what, signal, args) => {
    const tmp = tempDir('signal-tmp');
    const dir = repo();
    const run = start(args(host), dir, tmp);
    // waiting on the registry: its temporary directory exists and helm is running
    await until(() => readdirSync(tmp).some((d) => d.startsWith('helmforge-')) && helmChildren().length > 0, 'helm to be waiting on the registry');
    run.child.kill(signal);
    const r = await run.done;
    expect(r.signal).toBe(signal);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['platform']);
    await until(() => helmChildren().length === 0, 'helm to be gone');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('package interrupted by %s while it holds the chart lock leaves no lock behind', async (signal) => {
    const tmp = tempDir('signal-tmp');
    const dir = repo();
    // paused (asynchronously: signals are handled) right after it has taken the chart's lock
    const child = spawn(process.execPath, [BIN, 'package', '-d', 'dist'], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp, HELMFORGE_TEST_PAUSE_AT: 'locked', HELMFORGE_TEST_RESUME_FILE: join(tmp, 'never') },
      stdio: 'ignore',
    });
    const done = new Promise((resolve) => child.on('close', (_code, sig) => resolve(sig)));
    await until(() => readdirSync(join(dir, 'charts')).includes('.platform.helmforge-lock.owner'), 'the chart lock');
    child.kill(signal);
    expect(await done).toBe(signal);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['platform']);
    expect(readdirSync(dir).sort()).toEqual(['charts', 'helmforge.yaml', 'schemas']);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
