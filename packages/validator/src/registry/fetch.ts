// Fetching schema documents: local files and http(s) URLs, with the on-disk cache for downloads, and one request
// for concurrent lookups of the same document.
// Downloads wait a bounded time (connect and idle timeout), are retried on transient failures as kubeconform 0.7 does
// (hashicorp/go-retryablehttp: two retries after 1 s and 2 s, on connection errors other than certificate ones, 429
// and 5xx other than 501, Retry-After honoured), and a host that did not answer is not asked again in the same run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Agent, IncomingMessage } from 'node:http';
import { OnDiskCache } from '../cache/ondisk.js';
import { contentHash } from '../cache/compiled.js';
import { importOwnDependency } from '../validator/bundled.js';

export { contentHash };

/** What a fetch found: the text, or nothing there (404 / no such file). Other failures are thrown. */
export type FetchResult = { found: true; body: string } | { found: false };

export interface FetchOptions {
  /**
   * The name kubeconform 0.6 gave this download in its -cache folder (`Kind-apiVersion-k8sVersion`, hashed): a cache
   * filled by kubeconform 0.6 is used as it is. (0.7 names files by the URL, as this cache does.)
   */
  legacyCacheKey?: string;
}

export interface Fetcher {
  fetch(location: string, options?: FetchOptions): Promise<FetchResult>;
}

export function isUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** The file a location that is not a URL names: a path, or a file:// URL. */
export function localPath(location: string): string {
  return location.startsWith('file://') ? new URL(location).pathname : location;
}

/** Default connect and idle timeout of a download. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 30_000;
/** Waits before the retries of a download (kubeconform 0.7: go-retryablehttp's default backoff, RetryMax 2). */
export const DEFAULT_RETRY_DELAYS_MS = [1000, 2000];
/** The longest Retry-After honoured. */
const MAX_RETRY_AFTER_MS = 30_000;

export interface HttpFetcherOptions {
  cacheDir?: string;
  insecureSkipTlsVerify?: boolean;
  /** Connect and idle timeout of a download in ms (default 30 s): no connection, or no byte, for that long fails it. */
  timeoutMs?: number;
  /** Waits before each retry of a download that failed transiently (default [1000, 2000]: two retries). */
  retryDelaysMs?: number[];
  /** Says where each schema was looked for and what was there (kubeconform -debug). */
  log?: (message: string) => void;
}

/** The fetcher for what ValidatorOptions ask: on-disk cache, TLS checks, timeout, and -debug lines on stderr. */
export function fetcherFor(options: { cache?: string; insecureSkipTlsVerify?: boolean; debug?: boolean; timeoutMs?: number }): DefaultFetcher {
  return new DefaultFetcher({
    ...(options.cache !== undefined ? { cacheDir: options.cache } : {}),
    insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.debug === true ? { log: debugLine } : {}),
  });
}

/** A line as Go's log package writes it (kubeconform -debug): `2026/11/25 23:59:00 message`. */
export function debugLine(message: string): void {
  const d = new Date();
  const two = (n: number): string => String(n).padStart(2, '0');
  process.stderr.write(`${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${message}\n`);
}

/**
 * A download failure: `transient` ones are retried; `silentHost` is set when the host did not answer at all; `via`
 * names the proxy the request went through.
 */
class DownloadError extends Error {
  constructor(
    readonly reason: string,
    readonly transient: boolean,
    readonly options: { silentHost?: string; retryAfterMs?: number; via?: string } = {},
  ) {
    super(reason);
  }
}

/** The fetcher used in the main thread. */
export class DefaultFetcher implements Fetcher {
  private readonly cache: OnDiskCache | undefined;
  private readonly inflight = new Map<string, Promise<FetchResult>>();
  /** Hosts that did not answer (after retries): later downloads from them fail at once with the same reason. */
  private readonly silentHosts = new Map<string, string>();

  constructor(private readonly options: HttpFetcherOptions = {}) {
    this.cache = options.cacheDir !== undefined ? new OnDiskCache(options.cacheDir) : undefined;
  }

  fetch(location: string, options: FetchOptions = {}): Promise<FetchResult> {
    let p = this.inflight.get(location);
    if (p === undefined) {
      p = this.load(location, options);
      this.inflight.set(location, p);
      // not kept once settled: sources keep what they made of it (a failure is tried again by a later lookup, and a
      // schema's text is not held for the run once its kind is compiled)
      const settled = (): void => void this.inflight.delete(location);
      p.then(settled, settled);
    }
    return p;
  }

  private async load(location: string, options: FetchOptions): Promise<FetchResult> {
    const log = this.options.log ?? ((): void => undefined);
    if (!isUrl(location)) {
      const path = localPath(location);
      try {
        // synchronous: a local schema reads in a millisecond, and an asynchronous read waits for a thread of the pool
        const body = readFileSync(path, 'utf8');
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
    const cached = (await this.cache?.get(location)) ?? (options.legacyCacheKey !== undefined ? await this.cache?.get(options.legacyCacheKey) : undefined);
    if (cached !== undefined) {
      log(`using schema for ${location} from the cache`);
      return { found: true, body: cached };
    }
    let res: { status: number; body: string };
    try {
      res = await this.download(location);
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

  /** One download, retried on transient failures; the answer (any status) or a thrown `could not download …`. */
  private async download(url: string): Promise<{ status: number; body: string }> {
    const host = new URL(url).host;
    const silent = this.silentHosts.get(host);
    if (silent !== undefined) throw new Error(`could not download ${url}${silent}`);
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      let failure: DownloadError;
      try {
        const res = await httpGet(url, this.options);
        if (!retryableStatus(res.status) || attempt >= delays.length) return res;
        failure = new DownloadError(`HTTP ${res.status}`, true, res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {});
      } catch (err) {
        failure = err instanceof DownloadError ? err : new DownloadError((err as Error).message, false);
        if (!failure.transient || attempt >= delays.length) {
          const via = failure.options.via === undefined ? '' : ` (through the proxy ${failure.options.via})`;
          const said = `${via}: ${failure.reason}${attempt === 0 ? '' : ` (${attempt + 1} attempts)`}`;
          if (failure.options.silentHost !== undefined) this.silentHosts.set(host, said);
          throw new Error(`could not download ${url}${said}`);
        }
      }
      // (not logged: kubeconform -debug says nothing of retries either; the final failure counts the attempts)
      const wait = failure.options.retryAfterMs !== undefined ? Math.min(failure.options.retryAfterMs, MAX_RETRY_AFTER_MS) : (delays[attempt] as number);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** go-retryablehttp's retry policy for answers: 429, and 5xx other than 501 (and invalid status codes). */
function retryableStatus(status: number): boolean {
  return status === 429 || status === 0 || (status >= 500 && status !== 501);
}

/** Connection errors that are not worth retrying: the certificate is refused, the URL cannot work. */
function permanentNetworkError(err: NodeJS.ErrnoException): boolean {
  const code = err.code ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_INVALID_URL|ERR_INVALID_PROTOCOL|ERR_UNESCAPED_CHARACTERS/.test(code) || /certificate/i.test(err.message);
}

/** Retry-After in ms: seconds or an HTTP date (go-retryablehttp honours it for 429 and 503). */
function retryAfter(res: IncomingMessage): number | undefined {
  if (res.statusCode !== 429 && res.statusCode !== 503) return undefined;
  const header = res.headers['retry-after'];
  if (typeof header !== 'string' || header === '') return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The variables that name a proxy for http(s) URLs (those proxy-from-env reads): without any, there is none. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];

const requireBuiltin = createRequire(import.meta.url);

/** Agents for proxies, by proxy URL and scheme of the target (one per run, so connections are reused). */
const proxyAgents = new Map<string, Agent>();

/**
 * The agent that sends a request for `url` through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY name (upper
 * or lower case) unless NO_PROXY excludes its host, as kubeconform (Go's ProxyFromEnvironment) does; undefined for a
 * direct connection. proxy-from-env reads the variables; the agents tunnel HTTPS through CONNECT.
 */
async function proxyFor(url: string): Promise<{ proxy: string; agent: Agent } | undefined> {
  if (!PROXY_VARIABLES.some((v) => process.env[v] !== undefined && process.env[v] !== '')) return undefined;
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

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

async function httpGet(url: string, options: HttpFetcherOptions, redirects = 0): Promise<{ status: number; body: string; retryAfterMs?: number }> {
  // loaded on the first download (most runs read local files only), by require: in the CommonJS bin an import()
  // would first start Node's ES module loader
  const mod = url.startsWith('https:') ? (requireBuiltin('node:https') as typeof import('node:https')) : (requireBuiltin('node:http') as typeof import('node:http'));
  const proxy = await proxyFor(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  // the host that has to answer: the proxy's when there is one
  const host = proxy === undefined ? new URL(url).host : new URL(proxy.proxy).host;
  const via = proxy === undefined ? {} : { via: proxy.proxy };
  return new Promise((resolve, reject) => {
    const requestOptions = { rejectUnauthorized: !options.insecureSkipTlsVerify, timeout: timeoutMs, ...(proxy !== undefined ? { agent: proxy.agent } : {}) };
    let answered = false;
    const req = mod.get(url, requestOptions, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined && redirects < 10) {
        res.resume();
        resolve(httpGet(new URL(res.headers.location, url).toString(), options, redirects + 1));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const after = retryAfter(res);
        resolve({ status, body: Buffer.concat(chunks).toString('utf8'), ...(after !== undefined ? { retryAfterMs: after } : {}) });
      });
      res.on('error', (err) => reject(new DownloadError(err.message, true, via)));
    });
    // the socket's inactivity timer covers the connection (and name lookup) and every wait for more bytes
    req.on('timeout', () => {
      const what = answered ? `${host} stopped sending for ${seconds(timeoutMs)}` : `${host} did not answer within ${seconds(timeoutMs)}`;
      req.destroy(new DownloadError(what, true, { ...via, ...(answered ? {} : { silentHost: host }) }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof DownloadError) reject(err);
      else if (permanentNetworkError(err)) reject(new DownloadError(err.message, false, via));
      else reject(new DownloadError(err.message, true, { ...via, ...(answered ? {} : { silentHost: host }) }));
    });
  });
}
