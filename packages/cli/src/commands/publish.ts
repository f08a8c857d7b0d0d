// `helmforge package` and `helmforge push`: the generated umbrella chart, packaged by the real helm (after checking
// that charts/<name>/ matches the stack file) and pushed to an OCI registry. A refused push is explained: what the
// registry or helm said, and what to do about it.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { Io } from '../program.js';
import { composeFor, staleFiles } from './generate.js';

interface ChartOptions {
  config: string;
  out: string;
}

interface PackageOptions extends ChartOptions {
  destination: string;
}

interface PushOptions extends ChartOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
}

/** A problem with what the user asked for: reported on stderr, exit 1. */
class PublishError extends Error {}

const chartOptions = (c: Command): Command =>
  c.option('-c, --config <file>', 'stack file', 'helmforge.yaml').option('-o, --out <dir>', 'directory that holds charts/<name>/ (as generate --out)', 'charts');

export function packageCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('package'))
    .description('Package the generated umbrella chart with helm (charts/<name>/ must match the stack file).')
    .option('-d, --destination <dir>', 'directory that receives <name>-<version>.tgz', '.')
    .addHelpText('after', '\nExample: helmforge package -d dist')
    .action((options: PackageOptions) => setExit(report(io, 'package', () => runPackage(options, io))));
}

export function pushCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('push'))
    .description('Package the generated umbrella chart and push it to an OCI registry with helm.')
    .argument('<oci-repository>', 'where to push, e.g. oci://registry.local:5000/charts (helm adds /<name>:<version>)')
    .option('--plain-http', 'the registry speaks plain HTTP (as helm push --plain-http)')
    .option('--insecure-skip-tls-verify', "accept the registry's certificate unchecked")
    .addHelpText('after', '\nCredentials are helm\'s: run `helm registry login <host>` first.\nExample: helmforge push oci://registry.local:5000/charts')
    .action((repository: string, options: PushOptions) => setExit(report(io, 'push', () => runPush(repository, options, io))));
}

function report(io: Io, command: string, run: () => void): number {
  try {
    run();
    return 0;
  } catch (err) {
    if (!(err instanceof PublishError)) throw err;
    io.err(`helmforge ${command}: ${err.message}\n`);
    return 1;
  }
}

function helm(args: string[]): { status: number; stdout: string; stderr: string } {
  const bin = process.env.HELM_BIN ?? 'helm';
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.error !== undefined) throw new PublishError(`could not run ${bin}: ${r.error.message} (set HELM_BIN or put helm on PATH)`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** helm's message without its "Error: " prefix, on one line. */
function helmSaid(stderr: string): string {
  return stderr.trim().replace(/^Error: /m, '').replace(/\s*\n\s*/g, ' ');
}

/** Packages charts/<name>/ into `destination`; returns the .tgz path. */
function packageChart(options: ChartOptions, destination: string): string {
  const { platform, chartDir: chart } = composeFor(options);
  const show = relative(process.cwd(), chart) || '.';
  const stale = staleFiles(chart, platform.chart).length;
  if (stale > 0) {
    throw new PublishError(`${show} does not match ${options.config} (${stale} file${stale === 1 ? '' : 's'} differ): run \`helmforge generate\` first, so that what is published is what the stack file says`);
  }
  mkdirSync(destination, { recursive: true });
  const r = helm(['package', chart, '--destination', destination]);
  if (r.status !== 0) throw new PublishError(`helm package ${show} failed: ${helmSaid(r.stderr)}`);
  const file = join(destination, `${platform.metadata.name}-${platform.metadata.version}.tgz`);
  if (!existsSync(file)) throw new PublishError(`helm package did not write ${file}: ${helmSaid(r.stdout)}`);
  return file;
}

function runPackage(options: PackageOptions, io: Io): void {
  const file = packageChart(options, resolve(options.destination));
  io.out(`packaged ${relative(process.cwd(), file)}\n`);
}

function runPush(repository: string, options: PushOptions, io: Io): void {
  if (!repository.startsWith('oci://')) throw new PublishError(`${repository}: give an OCI repository, e.g. oci://registry.local:5000/charts`);
  const host = repository.slice('oci://'.length).split('/')[0] ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'helmforge-push-'));
  try {
    const file = packageChart(options, dir);
    const args = ['push', file, repository];
    if (options.plainHttp === true) args.push('--plain-http');
    if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
    const r = helm(args);
    const name = basename(file);
    if (r.status !== 0) {
      const said = helmSaid(r.stderr);
      throw new PublishError(`${host} refused the push of ${name} to ${repository}: ${said}\n  ${whatToDo(said, host, options)}`);
    }
    // helm prints "Pushed: host/repo/name:version" and "Digest: sha256:…" (on stdout or stderr, by version)
    const out = `${r.stdout}\n${r.stderr}`;
    const pushed = /Pushed: (\S+)/.exec(out)?.[1];
    const digest = /Digest: (\S+)/.exec(out)?.[1];
    io.out(`pushed ${name} to oci://${pushed ?? repository}${digest !== undefined ? ` (${digest})` : ''}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The likely remedy for what helm said when a push failed. */
function whatToDo(said: string, host: string, options: PushOptions): string {
  if (/server gave HTTP response to HTTPS client/i.test(said)) return 'the registry speaks plain HTTP: add --plain-http';
  // (Helm 3 says "push access denied … may require authorization: … no basic auth credentials" when not logged in)
  if (/unauthorized|authentication required|\b401\b|basic credential not found|no basic auth credentials/i.test(said)) return `log in first: helm registry login ${host}`;
  if (/denied|forbidden|\b403\b/i.test(said)) return `the account helm logged in with may not push there: check its rights on ${host}, or log in as another (helm registry login ${host})`;
  if (/x509|certificate|tls:/i.test(said)) return "the registry's certificate is not trusted: add its CA to the system's, or use --insecure-skip-tls-verify";
  if (/connection refused|no such host|dial tcp|i\/o timeout|connection reset/i.test(said)) {
    return `no registry answers at ${host}: check the address${options.plainHttp === true ? '' : ' (and --plain-http for a registry without TLS)'}`;
  }
  return 'see what helm said above; `helm push` with the same arguments shows the same';
}
