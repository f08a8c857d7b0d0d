// Test kit: the real OCI registry (Debian's `docker-registry`, distribution 2.8) on 127.0.0.1, for suites that
// push and pull charts.
import bcrypt from 'bcryptjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A TCP port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until `url` answers one of `statuses` (a server starting up). */
export async function waitFor(url: string, deadlineMs = 20_000, statuses: number[] = [200]): Promise<void> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (statuses.includes(r.status)) return;
      last = r.status;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer ${statuses.join(' or ')}: ${String(last)}`);
}

/** Stops a child process: SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (proc.exitCode === null) proc.kill('SIGKILL');
}

export interface LocalRegistry {
  /** `127.0.0.1:PORT`, for `oci://127.0.0.1:PORT/…` references (plain HTTP). */
  host: string;
  stop(): Promise<void>;
}

/** An OCI registry on plain HTTP, storing in a temporary directory; with `auth`, it asks for that user (htpasswd). */
export async function startLocalRegistry(auth?: { username: string; password: string }): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'helmforge-oci-'));
  const port = await freePort();
  const config = join(dir, 'config.yml');
  let authConfig = '';
  if (auth !== undefined) {
    writeFileSync(join(dir, 'htpasswd'), `${auth.username}:${bcrypt.hashSync(auth.password, 10)}\n`);
    authConfig = `auth:\n  htpasswd:\n    realm: helmforge-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  writeFileSync(config, `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${authConfig}`);
  let output = '';
  const proc = spawn('docker-registry', ['serve', config], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // /v2/ answers 401 when authentication is on: the health of the storage driver answers either way
  await waitFor(`http://127.0.0.1:${port}/v2/`, 20_000, auth === undefined ? [200] : [401]).catch(async (error: Error) => {
    await stopProcess(proc);
    throw new Error(`${error.message}\n${output}`);
  });
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      await stopProcess(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
