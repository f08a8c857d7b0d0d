// Shared test helpers: paths to the offline schema data, a local HTTP server that serves it and counts requests,
// an in-memory CommandIO, and a SARIF 2.1.0 schema validator.
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import selfsigned from 'selfsigned';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sarifValidator as sarifValidatorFrom } from '../../../tools/testkit/sarif.js';
import type { AddressInfo } from 'node:net';
import { splitText, createValidator, type ValidatorOptions, type ValidationResult } from '../src/index.js';

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(PACKAGE_ROOT, '..', '..');
export const SHARED_SCHEMAS = join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas');
export const BUNDLE = join(SHARED_SCHEMAS, 'v1.33', '_definitions.json');
export const PROMETHEUS_CRD = join(SHARED_SCHEMAS, 'crds', 'monitoring.coreos.com_prometheuses.yaml');
export const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures');
export const PROMETHEUS_RULE_CRD = join(FIXTURES, 'crds', 'monitoring.coreos.com_prometheusrules.yaml');

/**
 * Standalone schemas in kubeconform's layout (`v1.33.0-standalone-strict/deployment-apps-v1.json`), made from the
 * v1.33 bundle for this test run by global-setup.ts: give it as a -schema-location.
 */
export const STANDALONE = ((): string => {
  const dir = process.env.HELMFORGE_TEST_STANDALONE;
  if (dir === undefined) throw new Error('HELMFORGE_TEST_STANDALONE is not set: run the tests with vitest (test/global-setup.ts makes the schemas)');
  return dir;
})();
export const BIN = join(PACKAGE_ROOT, 'dist', 'helmforge-conform.cjs');

export interface SchemaServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 (random port); 404 for what is not there. Every request is recorded. */
export async function startSchemaServer(root: string): Promise<SchemaServer> {
  return serveSchemas(root, undefined);
}

/** The same over HTTPS, with a self-signed certificate for 127.0.0.1 made for this run. */
export async function startHttpsSchemaServer(root: string): Promise<SchemaServer> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  return serveSchemas(root, { key: pems.private, cert: pems.cert });
}

async function serveSchemas(root: string, tls: { key: string; cert: string } | undefined): Promise<SchemaServer> {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requests.push(path);
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  };
  const server: Server | HttpsServer = tls === undefined ? createServer(handler) : createHttpsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = tls === undefined ? 'http' : 'https';
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `${scheme}://127.0.0.1:${port}`, requests, close };
}

/** A forward HTTP proxy on 127.0.0.1 (absolute-URI requests, as HTTP_PROXY clients send them); records each URL. */
export async function startForwardProxy(): Promise<SchemaServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const upstream = httpGet(req.url ?? '', (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end('bad gateway'));
  });
  // HTTPS goes through a CONNECT tunnel
  const tunnels = new Set<Socket>();
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${req.url ?? ''}`);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    // one side gone (a refused certificate aborts the client): the other goes too, or the server waits for it
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // tunnels and kept-alive connections would keep close() waiting
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const t of tunnels) t.destroy();
    });
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

export class MemoryWriter {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

export function memoryIO(): { stdout: MemoryWriter; stderr: MemoryWriter } {
  return { stdout: new MemoryWriter(), stderr: new MemoryWriter() };
}

/** Validates a YAML text with a fresh validator (the v1.33 bundle unless other schemas are given); returns every result. */
export async function validateYaml(text: string | Buffer, options: ValidatorOptions = {}): Promise<ValidationResult[]> {
  const v = createValidator(options.schemaLocations !== undefined || options.schemaBundles !== undefined ? options : { schemaBundles: [BUNDLE], ...options });
  const out: ValidationResult[] = [];
  for (const doc of splitText('test.yaml', text)) out.push(...(await v.validateDocument(doc)));
  return out;
}

/** A validator of SARIF 2.1.0 logs. */
export function sarifValidator() {
  return sarifValidatorFrom(import.meta.url);
}

export { seededRandom } from '../../../tools/testkit/random.mjs';
