// `helmforge package` and `helmforge push`: the generated umbrella chart, packaged reproducibly (after checking that
// charts/<name>/ matches the stack file; publish/archive.ts), optionally signed (publish/provenance.ts), and pushed to an
// OCI registry with the real helm unless that version is already there (publish/published.ts). A refused push is
// explained: what the registry or helm said, and what to do about it. Both lock the chart they publish (package also
// the file it writes, which it renames into place), work in temporary directories that never outlive them, and stop a
// registry that does not answer (--timeout).
import { isGeneratedChartYaml, UsageError, withRecoveredLocks } from '@helmforge/core';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { show } from '../errors.js';
import { writeFileAtomically } from '../files.js';
import type { Io } from '../program.js';
import { outputTargets, staleFiles } from './generate.js';
import { parseDuration, TIMEOUT_HELP } from './options.js';
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
  force?: boolean;
}

interface PushOptions extends ChartOptions {
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  force?: boolean;
  timeout?: number;
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
    .option('--force', 'replace a <name>-<version>.tgz there that helmforge did not package')
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
    .option('--timeout <duration>', TIMEOUT_HELP, parseDuration)
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

const note = (line: string) => process.stderr.write(`${line}\n`);

/** The validator's helm runner (bounded, killed on exit) and temporary directories, loaded when a command needs them. */
const validatorKit = () => import('@helmforge/validator');

async function helm(args: string[], timeoutMs: number): Promise<{ status: number; stdout: string; stderr: string; timedOut: boolean }> {
  const r = await (await validatorKit()).runHelm(process.env.HELM_BIN ?? 'helm', args, { timeoutMs });
  if (r.code === -1 && !r.timedOut) throw new PublishError(r.stderr);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
}

/** helm's message without its "Error: " prefix, on one line. */
function helmSaid(stderr: string): string {
  return stderr.trim().replace(/^Error: /m, '').replace(/\s*\n\s*/g, ' ');
}

/**
 * Packages charts/<name>/ as `<destination>/<name>-<version>.tgz`, holding the chart's lock (so that no generate replaces
 * it meanwhile), and the file's too when `owned` says the destination is the user's (package -d): there a file of that
 * name is replaced only if helmforge made it, and the new one is written beside it and renamed into place. Returns the
 * .tgz path, its sha256 and the chart's name and version.
 */
async function packageChart(
  options: ChartOptions & { force?: boolean },
  command: string,
  destination: string,
  owned: boolean,
): Promise<{ file: string; digest: string; chart: { name: string; version: string } }> {
  let output = outputTargets(options);
  const chart = output.chart.dir;
  const { metadata } = output.platform;
  const file = join(destination, `${metadata.name}-${metadata.version}.tgz`);
  return withRecoveredLocks([{ path: chart, verb: command === 'push' ? 'pushing' : 'packaging' }], command, show, note, async (_locks, recovered) => {
    if (recovered) output = outputTargets(options); // composed against the chart as it is now
    const stale = staleFiles(chart, output.chart.tree).length;
    if (stale > 0) {
      throw new PublishError(`${show(chart)} does not match ${options.config} (${stale} file${stale === 1 ? '' : 's'} differ): run \`helmforge generate\` first, so that what is published is what the stack file says`);
    }
    if (!owned) return { file, ...(await writePackage(options, chart, metadata, file)) };
    // (locked after the chart, as every command that takes both does)
    return withRecoveredLocks([{ path: file, verb: 'writing' }], command, show, note, async () => {
      if (existsSync(file) && options.force !== true && !(await isHelmforgePackage(file))) {
        throw new PublishError(`refusing to replace ${show(file)}: it is not a chart package helmforge made; move it away, or pass --force to replace it. Nothing was changed.`);
      }
      return { file, ...(await writePackage(options, chart, metadata, file)) };
    });
  });
}

/** The archive (and its provenance) written beside `file` and renamed into place: a reader never sees half a package. */
async function writePackage(options: ChartOptions, chart: string, metadata: { name: string; version: string }, file: string): Promise<{ digest: string; chart: { name: string; version: string } }> {
  const name = basename(file);
  const signing = signingOptions(options);
  let mtime: Date;
  try {
    mtime = sourceDate();
  } catch (error) {
    throw new PublishError((error as Error).message);
  }
  const archive = await chartArchive(chart, metadata.name, mtime);
  const prov = signing ? await provenance(archive, name, readFileSync(join(chart, 'Chart.yaml'), 'utf8'), signing) : undefined;
  // helm push records the archive's mtime as the OCI `created` annotation: fixed too, so the manifest digest is.
  writeFileAtomically(file, archive, mtime);
  if (prov !== undefined) writeFileAtomically(`${file}.prov`, prov);
  return { digest: `sha256:${createHash('sha256').update(archive).digest('hex')}`, chart: metadata };
}

/** A gzipped chart whose Chart.yaml carries helmforge's annotation. */
async function isHelmforgePackage(file: string): Promise<boolean> {
  const { readTarEntries } = await validatorKit();
  try {
    const charts = readTarEntries(readFileSync(file), (p) => /^[^/]+\/Chart\.yaml$/.test(p));
    return [...charts.values()].some((c) => isGeneratedChartYaml(c.toString('utf8')));
  } catch {
    return false; // not a gzipped tar at all
  }
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
  const { file, digest } = await packageChart(options, 'package', resolve(options.destination), true);
  io.out(`packaged ${show(file)} (${digest})${options.sign === true ? `, signed: ${show(file)}.prov` : ''}\n`);
}

async function runPush(repository: string, options: PushOptions, io: Io): Promise<void> {
  if (!repository.startsWith('oci://')) throw new UsageError(`${repository}: give an OCI repository, e.g. oci://registry.local:5000/charts`);
  const kit = await validatorKit();
  const host = kit.ociHost(repository);
  const timeoutMs = options.timeout ?? kit.DEFAULT_NETWORK_TIMEOUT_MS;
  const dir = kit.temporaryDirectory('push');
  try {
    const { file, chart } = await packageChart({ ...options, force: false }, 'push', dir, false);
    const name = basename(file);
    const stopped = () => new PublishError(kit.noAnswer(`the push of ${name} to ${repository}`, repository, timeoutMs));
    if (options.force !== true) {
      const published = await isPublished(process.env.HELM_BIN ?? 'helm', repository, chart.name, chart.version, { ...options, timeoutMs });
      if (published === 'no answer') throw stopped();
      if (published) {
        throw new PublishError(`${repository.replace(/\/+$/, '')}/${chart.name} already has version ${chart.version}: bump metadata.version in ${options.config} and run helmforge generate (or push with --force to replace it)`);
      }
    }
    const args = ['push', file, repository];
    if (options.plainHttp === true) args.push('--plain-http');
    if (options.insecureSkipTlsVerify === true) args.push('--insecure-skip-tls-verify');
    const r = await helm(args, timeoutMs);
    if (r.timedOut) throw stopped();
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
