// Schema sources: location templates (local paths and URLs), bundles by URL, and the on-disk cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_SCHEMA_LOCATION, DefaultFetcher, createValidator, expandSchemaLocation, renderTemplate, splitText, templateVariables } from '../src/index.js';
import { FIXTURES, SHARED_SCHEMAS, startForwardProxy, startHttpsSchemaServer, startSchemaServer, type SchemaServer } from './helpers.js';
import { tempDir } from '../../../tools/testkit/temp.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n';
const CM_EXTRA = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nextra: 1\n';

async function statusOf(text: string, options: Parameters<typeof createValidator>[0]): Promise<string[]> {
  const v = createValidator(options);
  const out: string[] = [];
  for (const d of splitText('t.yaml', text)) for (const r of await v.validateDocument(d)) out.push(r.status === 'error' ? `error: ${r.message}` : r.status);
  return out;
}

describe('schema location templates', () => {
  it('computes kubeconform variables', () => {
    expect(templateVariables({ kind: 'Deployment', apiVersion: 'apps/v1', kubernetesVersion: '1.33.0', strict: true })).toEqual({
      NormalizedKubernetesVersion: 'v1.33.0',
      StrictSuffix: '-strict',
      ResourceKind: 'deployment',
      KindSuffix: '-apps-v1',
      Group: 'apps',
      ResourceAPIVersion: 'v1',
    });
    expect(templateVariables({ kind: 'Prometheus', apiVersion: 'monitoring.coreos.com/v1', kubernetesVersion: 'master', strict: false })).toMatchObject({
      NormalizedKubernetesVersion: 'master',
      StrictSuffix: '',
      KindSuffix: '-monitoring-v1',
      Group: 'monitoring.coreos.com',
    });
    expect(renderTemplate(DEFAULT_SCHEMA_LOCATION, { kind: 'Service', apiVersion: 'v1', kubernetesVersion: '1.33.0', strict: true })).toBe(
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.33.0-standalone-strict/service-v1.json',
    );
    expect(expandSchemaLocation('default')).toBe(DEFAULT_SCHEMA_LOCATION);
    expect(expandSchemaLocation('/schemas')).toBe('/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json');
    expect(() => createValidator({ schemaLocations: ['/x/{{ .Nope }}.json'] })).toThrow(/unknown variable/);
  });

  it('reads standalone schemas from a templated local path, strict variant by suffix', async () => {
    const loc = join(FIXTURES, 'schemas');
    expect(await statusOf(CM_EXTRA, { schemaLocations: [loc], strict: true })).toEqual(['invalid']);
    expect(await statusOf(CM_EXTRA, { schemaLocations: [loc], strict: false })).toEqual(['valid']);
  });

  it('tries several locations in order', async () => {
    const missing = join(FIXTURES, 'nowhere', '{{ .ResourceKind }}.json');
    expect(await statusOf(CM, { schemaLocations: [missing, join(FIXTURES, 'schemas')] })).toEqual(['valid']);
    expect(await statusOf(CM, { schemaLocations: [missing] })).toEqual(['error: could not find schema for ConfigMap']);
  });
});

describe('over HTTP, with the on-disk cache', () => {
  let server: SchemaServer;
  let fixtures: SchemaServer;
  beforeAll(async () => {
    server = await startSchemaServer(SHARED_SCHEMAS);
    fixtures = await startSchemaServer(join(FIXTURES, 'schemas'));
  });
  afterAll(async () => {
    await server.close();
    await fixtures.close();
  });

  it('a bundle by URL; a second run with the cache makes no request; a 404 is never cached', async () => {
    const cache = tempDir('cache');
    const options = {
      schemaBundles: [`${server.url}/v1.33/_definitions.json`],
      schemaLocations: [`${fixtures.url}/{{ .ResourceKind }}-nothere.json`],
      cache,
      ignoreMissingSchemas: true,
    };
    const docs = `${CM}---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n`;
    expect(await statusOf(docs, options)).toEqual(['valid', 'skipped']);
    expect(server.requests).toEqual(['/v1.33/_definitions.json']);
    expect(fixtures.requests).toEqual(['/widget-nothere.json']);
    expect(readdirSync(cache)).toHaveLength(1);

    expect(await statusOf(docs, options)).toEqual(['valid', 'skipped']);
    expect(server.requests).toHaveLength(1); // served from the cache
    expect(fixtures.requests).toEqual(['/widget-nothere.json', '/widget-nothere.json']); // the 404 was asked again
  });

  it('standalone schemas by URL template', async () => {
    const before = fixtures.requests.length;
    expect(await statusOf(`${CM}---\n${CM}`, { schemaLocations: [`${fixtures.url}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`], strict: true })).toEqual(['valid', 'valid']);
    expect(fixtures.requests.slice(before)).toEqual(['/master-standalone-strict/configmap-v1.json']); // one download, compiled once
  });

  it('downloads go through the proxy that HTTP_PROXY names, unless NO_PROXY lists the host', async () => {
    const proxy = await startForwardProxy();
    const names = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];
    const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    for (const n of names) delete process.env[n];
    const location = { schemaLocations: [`${fixtures.url}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`] };
    try {
      process.env.HTTP_PROXY = proxy.url;
      expect(await statusOf(CM, location)).toEqual(['valid']);
      expect(proxy.requests).toEqual([`${fixtures.url}/master-standalone/configmap-v1.json`]);

      process.env.NO_PROXY = '127.0.0.1';
      expect(await statusOf(CM, location)).toEqual(['valid']);
      expect(proxy.requests).toHaveLength(1); // direct

      delete process.env.NO_PROXY;
      process.env.HTTP_PROXY = 'http://127.0.0.1:1'; // nothing listens there
      expect(await statusOf(CM, location)).toEqual([expect.stringMatching(/^error: could not download .* \(through the proxy http:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED/)]);
    } finally {
      for (const n of names) {
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
      }
      await proxy.close();
    }
  });

  it('a download failure is an error for the resource', async () => {
    expect(await statusOf(CM, { schemaBundles: ['http://127.0.0.1:1/_definitions.json'] })).toEqual([expect.stringMatching(/^error: could not download/)]);
  });
});

describe('HTTPS downloads (a server with a self-signed certificate on 127.0.0.1)', () => {
  let server: SchemaServer;
  const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];
  beforeAll(async () => {
    server = await startHttpsSchemaServer(join(FIXTURES, 'schemas'));
  });
  afterAll(async () => {
    await server.close();
  });
  const location = (): { schemaLocations: string[] } => ({ schemaLocations: [`${server.url}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`] });

  async function withProxyVariables<T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(PROXY_VARIABLES.map((n) => [n, process.env[n]]));
    for (const n of PROXY_VARIABLES) delete process.env[n];
    Object.assign(process.env, values);
    try {
      return await run();
    } finally {
      for (const n of PROXY_VARIABLES) {
        if (saved[n] === undefined) delete process.env[n];
        else process.env[n] = saved[n];
      }
    }
  }

  it('the certificate is verified unless insecureSkipTlsVerify (-insecure-skip-tls-verify) says not to', async () => {
    await withProxyVariables({}, async () => {
      expect(await statusOf(CM, location())).toEqual([expect.stringMatching(/^error: could not download https:\/\/127\.0\.0\.1:\d+\/\S+: self[- ]signed certificate/)]);
      expect(await statusOf(CM, { ...location(), insecureSkipTlsVerify: true })).toEqual(['valid']);
    });
  });

  it('through an HTTPS_PROXY tunnel (CONNECT), with the same verification', async () => {
    const proxy = await startForwardProxy();
    try {
      await withProxyVariables({ HTTPS_PROXY: proxy.url }, async () => {
        expect(await statusOf(CM, { ...location(), insecureSkipTlsVerify: true })).toEqual(['valid']);
        expect(proxy.requests).toEqual([`CONNECT ${server.url.replace('https://', '')}`]);
        expect(await statusOf(CM, location())).toEqual([expect.stringMatching(/^error: could not download .* \(through the proxy http:\/\/127\.0\.0\.1:\d+\): self[- ]signed certificate/)]);
      });
    } finally {
      await proxy.close();
    }
  });
});

describe('downloads: bounded waits and retries (as kubeconform 0.7: two retries, on connection errors, 429 and 5xx)', () => {
  /** A server that answers each request with the next of `statuses` (the last one repeats); counts requests. */
  async function answering(statuses: number[], body = '{"type": "object"}'): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
    let n = 0;
    const server = createHttpServer((_req, res) => {
      const status = statuses[Math.min(n++, statuses.length - 1)] as number;
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? body : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      requests: () => n,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }
  const quick = { retryDelaysMs: [10, 20] };

  it('503 twice, then the schema: found, in three requests; a 404 is asked once', async () => {
    const s = await answering([503, 503, 200]);
    try {
      expect(await new DefaultFetcher(quick).fetch(`${s.url}/a.json`)).toEqual({ found: true, body: '{"type": "object"}' });
      expect(s.requests()).toBe(3);
    } finally {
      await s.close();
    }
    const missing = await answering([404]);
    try {
      expect(await new DefaultFetcher(quick).fetch(`${missing.url}/a.json`)).toEqual({ found: false });
      expect(missing.requests()).toBe(1);
    } finally {
      await missing.close();
    }
  });

  it('500 every time: an error after three attempts; 501 (not implemented) is not retried', async () => {
    const s = await answering([500]);
    try {
      await expect(new DefaultFetcher(quick).fetch(`${s.url}/a.json`)).rejects.toThrow(`could not download ${s.url}/a.json: HTTP 500`);
      expect(s.requests()).toBe(3);
    } finally {
      await s.close();
    }
    const n = await answering([501]);
    try {
      await expect(new DefaultFetcher(quick).fetch(`${n.url}/a.json`)).rejects.toThrow(/HTTP 501$/);
      expect(n.requests()).toBe(1);
    } finally {
      await n.close();
    }
  });

  it('a server that accepts connections and never answers: the timeout names the host; later downloads from it fail at once', async () => {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => sockets.add(socket)); // accepts, reads, never writes
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const fetcher = new DefaultFetcher({ timeoutMs: 300, ...quick });
      const started = Date.now();
      await expect(fetcher.fetch(`http://${host}/a.json`)).rejects.toThrow(`could not download http://${host}/a.json: ${host} did not answer within 300ms (3 attempts)`);
      expect(sockets.size).toBe(3);
      await expect(fetcher.fetch(`http://${host}/b.json`)).rejects.toThrow(`could not download http://${host}/b.json: ${host} did not answer within 300ms (3 attempts)`);
      expect(sockets.size).toBe(3); // not asked again
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("a -cache folder filled by kubeconform 0.6 (files named by kind, apiVersion and Kubernetes version) is used as it is", async () => {
    const cache = tempDir('cache');
    const schema = readFileSync(join(FIXTURES, 'schemas', 'master-standalone-strict', 'configmap-v1.json'), 'utf8');
    writeFileSync(join(cache, createHash('sha256').update('ConfigMap-v1-master').digest('hex')), schema);
    // nothing listens on port 1: only the cache can give the schema
    expect(await statusOf(CM_EXTRA, { schemaLocations: ['http://127.0.0.1:1/'], strict: true, cache })).toEqual(['invalid']);
  });
});
