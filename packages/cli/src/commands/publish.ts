// `helmforge package` and `helmforge push`: the generated umbrella chart, packaged by the real helm (after checking
// that charts/<name>/ matches the stack file) and pushed to an OCI registry. A refused push is explained: what the
// registry or helm said, and what to do about it. Both lock the chart they publish (and package the file it writes),
// work in temporary directories that never outlive them, and stop a registry that does not answer (--timeout).
import { isGeneratedChartYaml, UsageError, withRecoveredLocks } from '@helmforge/core';
import type { Command } from 'commander';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { show } from '../errors.js';
import { parseDuration, TIMEOUT_HELP } from '../options.js';
import type { Io } from '../program.js';
import { platformOutput, staleFiles } from './generate.js';

interface ChartOptions {
  config: string;
  out: string;
}

interface PackageOptions extends ChartOptions {
  destination: string;
  force?: boolean;
}

interface PushOptions extends ChartOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  timeout?: number;
}

/** A problem with what the user asked for: reported on stderr, exit 1. */
class PublishError extends Error {}

const chartOptions = (c: Command): Command =>
  c.option('-c, --config <file>', 'stack file', 'helmforge.yaml').option('-o, --out <dir>', 'directory that holds charts/<name>/ (as generate --out)', 'charts');

export function packageCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('package'))
    .description('Package the generated umbrella chart with helm (charts/<name>/ must match the stack file).')
    .option('-d, --destination <dir>', 'directory that receives <name>-<version>.tgz', '.')
    .option('-f, --force', 'replace a <name>-<version>.tgz there that helmforge did not package')
    .addHelpText('after', '\nExample: helmforge package -d dist')
    .action(async (options: PackageOptions) => setExit(await report(io, 'package', () => runPackage(options, io))));
}

export function pushCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('push'))
    .description('Package the generated umbrella chart and push it to an OCI registry with helm.')
    .argument('<oci-repository>', 'where to push, e.g. oci://registry.local:5000/charts (helm adds /<name>:<version>)')
    .option('--plain-http', 'the registry speaks plain HTTP (as helm push --plain-http)')
    .option('--insecure-skip-tls-verify', "accept the registry's certificate unchecked")
    .option('--timeout <duration>', TIMEOUT_HELP, parseDuration)
    .addHelpText('after', '\nCredentials are helm\'s: run `helm registry login <host>` first.\nExample: helmforge push oci://registry.local:5000/charts')
    .action(async (repository: string, options: PushOptions) => setExit(await report(io, 'push', () => runPush(repository, options, io))));
}

async function report(io: Io, command: string, run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (err) {
    if (!(err instanceof PublishError)) throw err;
    io.err(`helmforge ${command}: ${err.message}\n`);
    return 1;
  }
}

const note = (line: string) => process.stderr.write(`${line}\n`);

/** The validator's helm runner (bounded, killed on exit) and temporary directories, loaded when a command needs them. */
const validatorKit = () => import('@helmforge/validator');

async function helm(args: string[], timeoutMs?: number): Promise<{ status: number; stdout: string; stderr: string; timedOut: boolean }> {
  const bin = process.env.HELM_BIN ?? 'helm';
  const r = await (await validatorKit()).runHelm(bin, args, timeoutMs !== undefined ? { timeoutMs } : {});
  if (r.code === -1 && !r.timedOut) throw new PublishError(r.stderr);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
}

/** helm's message without its "Error: " prefix, on one line. */
function helmSaid(stderr: string): string {
  return stderr.trim().replace(/^Error: /m, '').replace(/\s*\n\s*/g, ' ');
}

/**
 * Packages charts/<name>/ into the new temporary directory `into`, holding the chart's lock (so that no generate
 * replaces it meanwhile); returns the .tgz path.
 */
async function packageChart(options: ChartOptions, command: string, verb: string, into: string): Promise<{ file: string; name: string }> {
  const { platform, chart } = platformOutput(options);
  return withRecoveredLocks([{ path: chart.dir, verb }], command, show, note, async () => {
    const stale = staleFiles(chart.dir, chart.tree).length;
    if (stale > 0) {
      throw new PublishError(`${show(chart.dir)} does not match ${options.config} (${stale} file${stale === 1 ? '' : 's'} differ): run \`helmforge generate\` first, so that what is published is what the stack file says`);
    }
    const r = await helm(['package', chart.dir, '--destination', into]);
    if (r.status !== 0) throw new PublishError(`helm package ${show(chart.dir)} failed: ${helmSaid(r.stderr)}`);
    const name = `${platform.metadata.name}-${platform.metadata.version}.tgz`;
    const file = join(into, name);
    if (!existsSync(file)) throw new PublishError(`helm package did not write ${name}: ${helmSaid(r.stdout)}`);
    return { file, name };
  });
}

async function runPackage(options: PackageOptions, io: Io): Promise<void> {
  const kit = await validatorKit();
  const tmp = kit.temporaryDirectory('package');
  try {
    const { file, name } = await packageChart(options, 'package', 'packaging', tmp);
    const destination = resolve(options.destination);
    const target = join(destination, name);
    mkdirSync(destination, { recursive: true });
    // the .tgz is copied beside its target and renamed over it: a reader never sees half a package
    await withRecoveredLocks([{ path: target, verb: 'writing' }], 'package', show, note, () => {
      if (existsSync(target) && options.force !== true && !isHelmforgePackage(target, kit.readTarEntries)) {
        throw new PublishError(`refusing to replace ${show(target)}: it is not a chart package helmforge made; move it away, or pass --force to replace it. Nothing was changed.`);
      }
      const sibling = join(destination, `.${name}.helmforge-new-${process.pid}`);
      copyFileSync(file, sibling);
      try {
        renameSync(sibling, target);
      } catch (error) {
        rmSync(sibling, { force: true });
        throw error;
      }
    });
    io.out(`packaged ${show(target)}\n`);
  } finally {
    kit.removeTemporaryDirectory(tmp);
  }
}

/** A gzipped chart whose Chart.yaml carries helmforge's annotation. */
function isHelmforgePackage(file: string, readTarEntries: (tgz: Buffer, want: (p: string) => boolean) => Map<string, Buffer>): boolean {
  try {
    const charts = readTarEntries(readFileSync(file), (p) => /^[^/]+\/Chart\.yaml$/.test(p));
    return [...charts.values()].some((c) => isGeneratedChartYaml(c.toString('utf8')));
  } catch {
    return false; // not a gzipped tar at all
  }
}

async function runPush(repository: string, options: PushOptions, io: Io): Promise<void> {
  if (!repository.startsWith('oci://')) throw new UsageError(`${repository}: give an OCI repository, e.g. oci://registry.local:5000/charts`);
  const kit = await validatorKit();
  const host = kit.ociHost(repository);
  const dir = kit.temporaryDirectory('push');
  try {
    const { file, name } = await packageChart(options, 'push', 'pushing', dir);
    const args = ['push', file, repository];
    if (options.plainHttp === true) args.push('--plain-http');
    if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
    const timeoutMs = options.timeout ?? kit.DEFAULT_NETWORK_TIMEOUT_MS;
    const r = await helm(args, timeoutMs);
    if (r.timedOut) throw new PublishError(kit.noAnswer(`the push of ${name} to ${repository}`, repository, timeoutMs));
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
    kit.removeTemporaryDirectory(dir);
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
