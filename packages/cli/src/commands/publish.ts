// `helmforge package` and `helmforge push`: the generated umbrella chart, packaged reproducibly (after checking that
// charts/<name>/ matches the stack file; publish/archive.ts), optionally signed (publish/provenance.ts), and pushed to an
// OCI registry with the real helm unless that version is already there (publish/published.ts). A refused push is
// explained: what the registry or helm said, and what to do about it.
import type { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { Io } from '../program.js';
import { composeFor, staleFiles } from './generate.js';
import { chartArchive, sourceDate } from '../publish/archive.js';
import { provenance, SigningError, type SigningOptions } from '../publish/provenance.js';
import { isPublished } from '../publish/published.js';

interface ChartOptions {
  config: string;
  out: string;
  sign?: boolean;
  key?: string;
  keyring?: string;
  passphraseFile?: string;
}

interface PackageOptions extends ChartOptions {
  destination: string;
}

interface PushOptions extends ChartOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  force?: boolean;
}

/** A problem with what the user asked for: reported on stderr, exit 1. */
class PublishError extends Error {}

const chartOptions = (c: Command): Command =>
  c
    .option('-c, --config <file>', 'stack file', 'helmforge.yaml')
    .option('-o, --out <dir>', 'directory that holds charts/<name>/ (as generate --out)', 'charts')
    .option('--sign', 'also write <name>-<version>.tgz.prov, a provenance file that `helm verify` checks (as helm package --sign)')
    .option('--key <name>', 'with --sign: the signing key, by (part of) its user id')
    .option('--keyring <file>', 'with --sign: keyring file holding the secret key (gpg --export-secret-keys > FILE)')
    .option('--passphrase-file <file>', "with --sign: file whose first line is the key's passphrase");

export function packageCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('package'))
    .description('Package the generated umbrella chart with helm (charts/<name>/ must match the stack file).')
    .option('-d, --destination <dir>', 'directory that receives <name>-<version>.tgz', '.')
    .addHelpText(
      'after',
      '\nThe archive is reproducible: the same chart gives the same bytes and sha256 (entries dated SOURCE_DATE_EPOCH, else 1970).\n'
      + 'Example: helmforge package -d dist --sign --key "Platform team" --keyring ~/.gnupg/secring.gpg',
    )
    .action(async (options: PackageOptions) => setExit(await report(io, 'package', () => runPackage(options, io))));
}

export function pushCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  chartOptions(program.command('push'))
    .description('Package the generated umbrella chart and push it to an OCI registry with helm.')
    .argument('<oci-repository>', 'where to push, e.g. oci://registry.local:5000/charts (helm adds /<name>:<version>)')
    .option('--plain-http', 'the registry speaks plain HTTP (as helm push --plain-http)')
    .option('--insecure-skip-tls-verify', "accept the registry's certificate unchecked")
    .option('--force', 'push even when the registry already has this version (it replaces what users may have pulled)')
    .addHelpText('after', '\nCredentials are helm\'s: run `helm registry login <host>` first. A version the registry already has is refused\nwithout --force (bump metadata.version instead).\nExample: helmforge push oci://registry.local:5000/charts')
    .action(async (repository: string, options: PushOptions) => setExit(await report(io, 'push', () => runPush(repository, options, io))));
}

async function report(io: Io, command: string, run: () => Promise<void>): Promise<number> {
  try {
    await run();
    return 0;
  } catch (err) {
    if (!(err instanceof PublishError) && !(err instanceof SigningError)) throw err;
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

/** Packages charts/<name>/ into `destination`; returns the .tgz path, its sha256 and the chart's name and version. */
async function packageChart(options: ChartOptions, destination: string): Promise<{ file: string; digest: string; chart: { name: string; version: string } }> {
  const { platform, chartDir: chart } = composeFor(options);
  const show = relative(process.cwd(), chart) || '.';
  const stale = staleFiles(chart, platform.chart).length;
  if (stale > 0) {
    throw new PublishError(`${show} does not match ${options.config} (${stale} file${stale === 1 ? '' : 's'} differ): run \`helmforge generate\` first, so that what is published is what the stack file says`);
  }
  const signing = signingOptions(options);
  let mtime: Date;
  try {
    mtime = sourceDate();
  } catch (error) {
    throw new PublishError((error as Error).message);
  }
  const name = `${platform.metadata.name}-${platform.metadata.version}.tgz`;
  const archive = await chartArchive(chart, platform.metadata.name, mtime);
  const prov = signing ? await provenance(archive, name, readFileSync(join(chart, 'Chart.yaml'), 'utf8'), signing) : undefined;
  mkdirSync(destination, { recursive: true });
  const file = join(destination, name);
  writeFileSync(file, archive);
  // helm push records the archive's mtime as the OCI `created` annotation: fixed too, so the manifest digest is.
  utimesSync(file, mtime, mtime);
  if (prov !== undefined) writeFileSync(`${file}.prov`, prov);
  return { file, digest: `sha256:${createHash('sha256').update(archive).digest('hex')}`, chart: platform.metadata };
}

function signingOptions(options: ChartOptions): SigningOptions | undefined {
  if (options.sign !== true) {
    if (options.key !== undefined || options.keyring !== undefined) throw new PublishError('--key and --keyring sign the package: add --sign');
    return undefined;
  }
  if (options.key === undefined || options.keyring === undefined) throw new PublishError('--sign needs --key <user id> and --keyring <file> (gpg --export-secret-keys > FILE), as helm package --sign does');
  return { key: options.key, keyring: options.keyring, ...(options.passphraseFile !== undefined ? { passphraseFile: options.passphraseFile } : {}) };
}

async function runPackage(options: PackageOptions, io: Io): Promise<void> {
  const { file, digest } = await packageChart(options, resolve(options.destination));
  io.out(`packaged ${relative(process.cwd(), file)} (${digest})${options.sign === true ? `, signed: ${relative(process.cwd(), file)}.prov` : ''}\n`);
}

async function runPush(repository: string, options: PushOptions, io: Io): Promise<void> {
  if (!repository.startsWith('oci://')) throw new PublishError(`${repository}: give an OCI repository, e.g. oci://registry.local:5000/charts`);
  const host = repository.slice('oci://'.length).split('/')[0] ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'helmforge-push-'));
  try {
    const { file, chart } = await packageChart(options, dir);
    if (options.force !== true && isPublished(process.env.HELM_BIN ?? 'helm', repository, chart.name, chart.version, options)) {
      throw new PublishError(`${repository.replace(/\/+$/, '')}/${chart.name} already has version ${chart.version}: bump metadata.version in ${options.config} and run helmforge generate (or push with --force to replace it)`);
    }
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
