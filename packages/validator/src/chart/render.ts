// Renders a chart with the real helm binary (`helm template`), one child process per values scenario.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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
      const dir = mkdtempSync(join(tmpdir(), 'helmforge-ci-'));
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

/** Runs helm to the end, collecting its output; a binary that cannot be run is exit code -1 with the reason as stderr. */
function runHelm(helm: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(helm, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: `could not run ${helm}: ${e.message} (set HELM_BIN or put helm on PATH)` }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
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
}

/**
 * Pulls a chart from an OCI registry (`oci://host/repo/chart`) with the real helm, unpacked into a new temporary
 * directory, so that it is validated like a chart directory (with its ci/ scenarios). Registry credentials are
 * helm's own (`helm registry login`).
 */
export async function pullChart(helm: string, ref: string, options: PullOptions = {}): Promise<{ ok: true; dir: string } | { ok: false; error: string }> {
  const into = mkdtempSync(join(tmpdir(), 'helmforge-pull-'));
  const args = ['pull', ref, '--untar', '--untardir', into];
  if (options.version !== undefined) args.push('--version', options.version);
  if (options.plainHttp === true) args.push('--plain-http');
  if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
  const r = await runHelm(helm, args);
  const charts = r.code === 0 ? readdirSync(into).filter((d) => existsSync(join(into, d, 'Chart.yaml'))) : [];
  if (charts.length === 1) return { ok: true, dir: join(into, charts[0] as string) };
  rmSync(into, { recursive: true, force: true });
  return { ok: false, error: `helm pull ${ref} failed: ${helmSaid(r.stderr) || 'no chart in what it pulled'}` };
}
