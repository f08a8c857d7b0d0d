// Renders a chart with the real helm binary (`helm template`), one child process per values scenario.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { killedOnExit, removeTemporaryDirectory, temporaryDirectory } from './temp.js';
import { readTarEntries } from './tgz.js';

export interface Scenario {
  /** `defaults`, `ci/foo-values.yaml`, or the values file as given. */
  label: string;
  /** Values file passed with -f (none for the defaults). */
  valuesFile?: string;
}

export interface RenderResult {
  scenario: Scenario;
  kubernetesVersion: string;
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** helm from HELM_BIN, else `helm` on PATH. */
export function helmBinary(explicit?: string): string {
  return explicit ?? process.env.HELM_BIN ?? 'helm';
}

/** The defaults, then each ci/*-values.yaml of the chart (directory or .tgz), then extra values files. */
export function chartScenarios(chart: string, options: { scenarios?: boolean; valuesFiles?: string[] } = {}): Scenario[] {
  const out: Scenario[] = [{ label: 'defaults' }];
  if (options.scenarios ?? true) {
    if (existsSync(chart) && statSync(chart).isDirectory()) {
      const ci = join(chart, 'ci');
      if (existsSync(ci)) {
        for (const f of readdirSync(ci).sort()) if (/-values\.ya?ml$/.test(f)) out.push({ label: `ci/${f}`, valuesFile: join(ci, f) });
      }
    } else if (/\.tgz$|\.tar\.gz$/.test(chart) && existsSync(chart)) {
      const entries = readTarEntries(readFileSync(chart), (p) => /^[^/]+\/ci\/[^/]+-values\.ya?ml$/.test(p));
      const dir = temporaryDirectory('ci'); // removed by the caller's removeTemporaryDirectories(), or at exit
      for (const [p, content] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const file = join(dir, basename(p));
        writeFileSync(file, content);
        out.push({ label: `ci/${basename(p)}`, valuesFile: file });
      }
    }
  }
  for (const v of options.valuesFiles ?? []) out.push({ label: v, valuesFile: v });
  return out;
}

export function releaseName(chart: string): string {
  const base = basename(chart).replace(/(-\d+\.\d+\.\d+[^/]*)?\.(tgz|tar\.gz)$/, '');
  const name = base.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  return name === '' ? 'release' : name.slice(0, 53);
}

/** What `helm template` is told besides the chart and the scenario (helmforge diff renders a release as upgraded). */
export interface RenderOptions {
  /** Release name (default: from the chart's file name). */
  release?: string;
  namespace?: string;
  /** Values files after the scenario's (-f, later ones win). */
  valuesFiles?: string[];
  /** --set and --set-string assignments. */
  set?: string[];
  setString?: string[];
  /** --is-upgrade: .Release.IsUpgrade instead of .Release.IsInstall. */
  isUpgrade?: boolean;
}

export async function renderChart(helm: string, chart: string, scenario: Scenario, kubernetesVersion: string, options: RenderOptions = {}): Promise<RenderResult> {
  const args = ['template', options.release ?? releaseName(chart), chart, '--kube-version', kubernetesVersion];
  if (options.namespace !== undefined) args.push('--namespace', options.namespace);
  if (scenario.valuesFile !== undefined) args.push('-f', scenario.valuesFile);
  for (const f of options.valuesFiles ?? []) args.push('-f', f);
  for (const s of options.set ?? []) args.push('--set', s);
  for (const s of options.setString ?? []) args.push('--set-string', s);
  if (options.isUpgrade === true) args.push('--is-upgrade');
  const r = await runHelm(helm, args);
  return { scenario, kubernetesVersion, ok: r.code === 0, stdout: r.stdout, stderr: r.stderr };
}

export interface HelmRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Stopped because it ran longer than `timeoutMs` (a registry that does not answer). */
  timedOut: boolean;
}

/**
 * Runs helm to the end, collecting its output; a binary that cannot be run is exit code -1 with the reason as stderr.
 * With `timeoutMs`, helm is stopped after that long (SIGTERM, then SIGKILL): helm's registry client waits for ever on
 * a server that accepts the connection and never replies.
 */
export function runHelm(helm: string, args: string[], options: { timeoutMs?: number } = {}): Promise<HelmRun> {
  // helm's own temporary files go into a directory of ours: a helm that is stopped does not clean up after itself
  const tmp = temporaryDirectory('helm');
  return new Promise<HelmRun>((resolve) => {
    const child = killedOnExit(spawn(helm, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } }));
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 2000).unref();
          }, options.timeoutMs);
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout: '', stderr: `could not run ${helm}: ${e.message} (set HELM_BIN or put helm on PATH)`, timedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
  }).finally(() => removeTemporaryDirectory(tmp));
}

/** The registry host of an oci:// reference. */
export function ociHost(ref: string): string {
  return ref.replace(/^oci:\/\//, '').split('/')[0] ?? ref;
}

/** What to say when helm was stopped for taking too long. */
export function noAnswer(what: string, ref: string, timeoutMs: number): string {
  return `${what} stopped: ${ociHost(ref)} did not answer within ${timeoutMs / 1000}s (check the address, or allow longer with --timeout)`;
}

/** What helm said on stderr, on one line (for a message that names the failed step). */
export function helmSaid(stderr: string): string {
  return stderr.trim().replace(/\s*\n\s*/g, ' ');
}

/** Runs tasks with at most `limit` at a time, keeping their order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
  return results;
}

export interface PullOptions {
  /** Chart version (helm --version); the newest when not given. */
  version?: string;
  /** The registry speaks plain HTTP (helm --plain-http), e.g. a local one. */
  plainHttp?: boolean;
  /** Accept the registry's certificate unchecked (helm --insecure-skip-tls-verify). */
  insecureSkipTlsVerify?: boolean;
  /** Stop helm after this long (default 120 s). */
  timeoutMs?: number;
}

export const DEFAULT_NETWORK_TIMEOUT_MS = 120_000;

/**
 * Pulls a chart from an OCI registry (`oci://host/repo/chart`) with the real helm, unpacked into a new temporary
 * directory, so that it is validated like a chart directory (with its ci/ scenarios). Registry credentials are
 * helm's own (`helm registry login`).
 */
export async function pullChart(helm: string, ref: string, options: PullOptions = {}): Promise<{ ok: true; dir: string } | { ok: false; error: string }> {
  const into = temporaryDirectory('pull');
  const args = ['pull', ref, '--untar', '--untardir', into];
  if (options.version !== undefined) args.push('--version', options.version);
  if (options.plainHttp === true) args.push('--plain-http');
  if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
  const timeoutMs = options.timeoutMs ?? DEFAULT_NETWORK_TIMEOUT_MS;
  const r = await runHelm(helm, args, { timeoutMs });
  const charts = r.code === 0 ? readdirSync(into).filter((d) => existsSync(join(into, d, 'Chart.yaml'))) : [];
  if (charts.length === 1) return { ok: true, dir: join(into, charts[0] as string) };
  removeTemporaryDirectory(into);
  if (r.timedOut) return { ok: false, error: noAnswer(`helm pull ${ref}`, ref, timeoutMs) };
  return { ok: false, error: `helm pull ${ref} failed: ${helmSaid(r.stderr) || 'no chart in what it pulled'}` };
}
