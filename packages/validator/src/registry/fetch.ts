// Fetching schema documents: local files and http(s) URLs, with the on-disk cache for downloads and one
// in-memory copy per URL so that concurrent lookups of the same document make one request.
import { readFile } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { OnDiskCache } from '../cache/ondisk.js';

/** What a fetch found: the text, or nothing there (404 / no such file). Other failures are thrown. */
export type FetchResult = { found: true; body: string } | { found: false };

export interface Fetcher {
  fetch(location: string): Promise<FetchResult>;
}

export class NotFoundError extends Error {}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

export interface HttpFetcherOptions {
  cacheDir?: string;
  insecureSkipTlsVerify?: boolean;
  /** Request timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** Says where each schema was looked for and what was there (kubeconform -debug). */
  log?: (message: string) => void;
}

/** The fetcher for what ValidatorOptions ask: on-disk cache, TLS checks, and -debug lines on stderr. */
export function fetcherFor(options: { cache?: string; insecureSkipTlsVerify?: boolean; debug?: boolean }): DefaultFetcher {
  return new DefaultFetcher({
    ...(options.cache !== undefined ? { cacheDir: options.cache } : {}),
    insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false,
    ...(options.debug === true ? { log: debugLine } : {}),
  });
}

/** A line as Go's log package writes it (kubeconform -debug): `2026/11/25 23:59:00 message`. */
function debugLine(message: string): void {
  const d = new Date();
  const two = (n: number): string => String(n).padStart(2, '0');
  process.stderr.write(`${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${message}\n`);
}

/** The fetcher used in the main thread; workers forward to it. */
export class DefaultFetcher implements Fetcher {
  private readonly cache: OnDiskCache | undefined;
  private readonly inflight = new Map<string, Promise<FetchResult>>();

  constructor(private readonly options: HttpFetcherOptions = {}) {
    this.cache = options.cacheDir !== undefined ? new OnDiskCache(options.cacheDir) : undefined;
  }

  fetch(location: string): Promise<FetchResult> {
    let p = this.inflight.get(location);
    if (p === undefined) {
      p = this.load(location);
      this.inflight.set(location, p);
      // failures are not remembered: a later lookup tries again
      p.catch(() => this.inflight.delete(location));
    }
    return p;
  }

  private async load(location: string): Promise<FetchResult> {
    const log = this.options.log ?? ((): void => undefined);
    if (!isUrl(location)) {
      const path = location.startsWith('file://') ? new URL(location).pathname : location;
      try {
        const body = await readFile(path, 'utf8');
        log(`using schema found at ${path}`);
        return { found: true, body };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') {
          log(`could not open file ${path}`);
          return { found: false };
        }
        log(`failed to open schema at ${path}: ${(err as Error).message}`);
        throw err;
      }
    }
    const cached = await this.cache?.get(location);
    if (cached !== undefined) {
      log(`using schema for ${location} from the cache`);
      return { found: true, body: cached };
    }
    let res: { status: number; body: string };
    try {
      res = await httpGet(location, this.options);
    } catch (err) {
      const said = (err as Error).message;
      const prefix = `could not download ${location}`;
      log(`failed downloading schema at ${location}${said.startsWith(prefix) ? said.slice(prefix.length) : `: ${said}`}`);
      throw err;
    }
    if (res.status === 404) {
      log(`could not find schema at ${location}`);
      return { found: false };
    }
    if (res.status !== 200) {
      log(`error while downloading schema at ${location} - received HTTP status ${res.status}`);
      throw new Error(`could not download ${location}: HTTP ${res.status}`);
    }
    log(`using schema found at ${location}`);
    await this.cache?.set(location, res.body);
    return { found: true, body: res.body };
  }
}

/**
 * Loads one of this package's dependencies on first use, resolved from this package (the bundles keep this module's
 * own import.meta.url), so that a bundle elsewhere (the helmforge CLI's) gets the version this package depends on,
 * and no bundle carries the module or loads its imports (node:tls …) at start.
 */
function importOwnDependency<T>(name: string): Promise<T> {
  // resolved once: proxyFor asks on every download
  let loading = ownDependencies.get(name);
  if (loading === undefined) {
    loading = import(pathToFileURL(createRequire(import.meta.url).resolve(name)).href);
    ownDependencies.set(name, loading);
  }
  return loading as Promise<T>;
}

const ownDependencies = new Map<string, Promise<unknown>>();

/** Agents for proxies, by proxy URL and scheme of the target (one per run, so connections are reused). */
const proxyAgents = new Map<string, Agent>();

/**
 * The agent that sends a request for `url` through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY name (upper
 * or lower case) unless NO_PROXY excludes its host, as kubeconform (Go's ProxyFromEnvironment) does; undefined for a
 * direct connection. proxy-from-env reads the variables; the agents tunnel HTTPS through CONNECT.
 */
async function proxyFor(url: string): Promise<{ proxy: string; agent: Agent } | undefined> {
  const { getProxyForUrl } = await importOwnDependency<typeof import('proxy-from-env')>('proxy-from-env');
  const proxy = getProxyForUrl(url);
  if (proxy === '') return undefined;
  const https = url.startsWith('https:');
  const key = `${https ? 'https' : 'http'} ${proxy}`;
  let agent = proxyAgents.get(key);
  if (agent === undefined) {
    agent = https
      ? new (await importOwnDependency<typeof import('https-proxy-agent')>('https-proxy-agent')).HttpsProxyAgent(proxy)
      : new (await importOwnDependency<typeof import('http-proxy-agent')>('http-proxy-agent')).HttpProxyAgent(proxy);
    proxyAgents.set(key, agent);
  }
  return { proxy, agent };
}

async function httpGet(url: string, options: HttpFetcherOptions, redirects = 0): Promise<{ status: number; body: string }> {
  // loaded on the first download: most runs read local files only
  const mod = url.startsWith('https:') ? await import('node:https') : await import('node:http');
  const via = await proxyFor(url);
  const through = via === undefined ? '' : ` (through the proxy ${via.proxy})`;
  return new Promise((resolve, reject) => {
    const requestOptions = { rejectUnauthorized: !options.insecureSkipTlsVerify, timeout: options.timeoutMs ?? 30_000, ...(via !== undefined ? { agent: via.agent } : {}) };
    const req = mod.get(url, requestOptions, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined && redirects < 5) {
        res.resume();
        resolve(httpGet(new URL(res.headers.location, url).toString(), options, redirects + 1));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out downloading ${url}${through}`)));
    req.on('error', (err) => reject(new Error(`could not download ${url}${through}: ${err.message}`)));
  });
}
