// `helmforge-conform`: kubeconform's command line (single-dash long flags, `-flag value` and `-flag=value`,
// repeatable -schema-location) plus -schema-bundle, -crd, -output sarif and -api-rules (the rules for what the API
// server refuses although the schemas accept it; off by default, so that the default stays kubeconform's).
import { statSync } from 'node:fs';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/output.js';
import { checkTemplate, expandSchemaLocation } from '../registry/template.js';
import { compiledCacheDir } from '../cache/compiled.js';
import { parseShard } from '../resource/shard.js';
import { readFileSync } from 'node:fs';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS } from '../registry/fetch.js';
import { goError } from '../resource/files.js';
import type { CommandIO } from './io.js';
import { defaultWorkers, runManifests } from './run.js';

export const VERSION = '0.1.0';

interface FlagSpec {
  kind: 'bool' | 'string' | 'list' | 'int' | 'duration';
  help: string;
  def?: string;
}

const FLAGS: Record<string, FlagSpec> = {
  'api-rules': { kind: 'bool', help: 'also check what the API server refuses although the schemas accept it (names, labels, volume mounts, requests above limits, …; see docs/rules.md)' },
  cache: { kind: 'string', help: 'cache schemas downloaded via HTTP to this folder' },
  crd: { kind: 'list', help: 'CustomResourceDefinition YAML file or URL to take custom resource schemas from (repeatable)' },
  debug: { kind: 'bool', help: 'print debug information: where each schema was looked for, and what was there' },
  'exit-on-error': { kind: 'bool', help: 'immediately stop execution when the first error is encountered' },
  h: { kind: 'bool', help: 'show this help' },
  help: { kind: 'bool', help: 'show this help' },
  'ignore-filename-pattern': { kind: 'list', help: 'regular expression specifying paths to ignore (can be specified multiple times)' },
  'ignore-missing-schemas': { kind: 'bool', help: 'skip files with missing schemas instead of failing' },
  'insecure-skip-tls-verify': { kind: 'bool', help: 'disable verification of the server\'s SSL certificate' },
  'kubernetes-version': { kind: 'string', help: 'version of Kubernetes to validate against, e.g.: 1.33.0', def: 'master' },
  n: { kind: 'int', help: 'number of worker threads to run concurrently', def: String(defaultWorkers()) },
  output: { kind: 'string', help: `output format - ${OUTPUT_FORMATS.join(', ')}`, def: 'text' },
  reject: { kind: 'string', help: 'comma-separated list of kinds or GVKs to reject' },
  'schema-bundle': { kind: 'list', help: 'a _definitions.json bundle or a cluster /openapi/v2 document (file or URL) giving every built-in kind (repeatable)' },
  'schema-location': { kind: 'list', help: 'override schemas location search path (can be specified multiple times)' },
  shard: { kind: 'string', help: 'validate only the K-th of N parts of the files, e.g. 2/4 (CI matrices; merge the reports with: helmforge-conform merge FILE...)' },
  skip: { kind: 'string', help: 'comma-separated list of kinds or GVKs to ignore' },
  strict: { kind: 'bool', help: 'disallow additional properties not in schema or duplicated keys' },
  summary: { kind: 'bool', help: 'print a summary at the end (ignored for junit output)' },
  timeout: { kind: 'duration', help: 'how long a schema download may wait for a connection or for more data (e.g. 10s, 1m)', def: `${DEFAULT_DOWNLOAD_TIMEOUT_MS / 1000}s` },
  v: { kind: 'bool', help: 'show version information' },
  verbose: { kind: 'bool', help: 'print results for all resources (ignored for tap and junit output)' },
};

export interface ConformArgs {
  flags: Map<string, string[]>;
  files: string[];
}

export class UsageError extends Error {}

export function parseConformArgs(argv: string[]): ConformArgs {
  const flags = new Map<string, string[]>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const spec = FLAGS[name];
    if (spec === undefined) throw new UsageError(`flag provided but not defined: -${name}`);
    let value: string;
    if (spec.kind === 'bool') {
      value = eq === -1 ? 'true' : body.slice(eq + 1);
      if (!/^(1|0|t|f|true|false|TRUE|FALSE|True|False)$/.test(value)) throw new UsageError(`invalid boolean value "${value}" for -${name}`);
      value = /^(1|t|true)$/i.test(value) ? 'true' : 'false';
    } else if (eq !== -1) {
      value = body.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`flag needs an argument: -${name}`);
      value = next;
      i++;
    }
    if (spec.kind === 'int' && !/^-?\d+$/.test(value)) throw new UsageError(`invalid value "${value}" for flag -${name}: parse error`);
    if (spec.kind === 'duration' && parseGoDuration(value) === undefined) throw new UsageError(`invalid value "${value}" for flag -${name}: parse error`);
    const list = flags.get(name) ?? [];
    if (spec.kind === 'list') list.push(value);
    else list.splice(0, list.length, value);
    flags.set(name, list);
  }
  return { flags, files };
}

export function conformUsage(): string {
  const lines = ['Usage: helmforge-conform [OPTION]... [FILE OR FOLDER]...', '       helmforge-conform merge REPORT...   (JSON, JUnit or SARIF reports of -shard parts, merged on stdout)', ''];
  for (const [name, spec] of Object.entries(FLAGS)) {
    if (name === 'help') continue;
    const arg = spec.kind === 'bool' ? '' : spec.kind === 'int' ? ' int' : spec.kind === 'duration' ? ' duration' : ' string';
    lines.push(`  -${name}${arg}`, `    \t${spec.help}${spec.def !== undefined ? ` (default "${spec.def}")` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function csv(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Runs the kubeconform-compatible command line; resolves to the exit code. */
export async function runConform(argv: string[], io: CommandIO): Promise<number> {
  if (argv[0] === 'merge') return merge(argv.slice(1), io);
  let args: ConformArgs;
  try {
    args = parseConformArgs(argv);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n${conformUsage()}`);
    return 1;
  }
  const one = (name: string): string | undefined => args.flags.get(name)?.at(-1);
  const bool = (name: string): boolean => one(name) === 'true';
  if (bool('h') || bool('help')) {
    io.stdout.write(conformUsage());
    return 0;
  }
  if (bool('v')) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const output = one('output') ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    io.stderr.write(`-output must be one of ${OUTPUT_FORMATS.join(', ')}\n`);
    return 1;
  }
  const kubernetesVersion = one('kubernetes-version') ?? 'master';
  if (!KUBERNETES_VERSION.test(kubernetesVersion)) {
    io.stderr.write(
      `invalid value "${kubernetesVersion}" for flag -kubernetes-version: ${kubernetesVersion} is not a valid version. Valid values are "master" (default) or full version x.y.z (e.g. "1.27.2")\n${conformUsage()}`,
    );
    return 1;
  }
  const n = Number(one('n') ?? defaultWorkers());
  const cache = one('cache');
  if (cache !== undefined) {
    // as kubeconform: a cache folder that is not there is a mistake to report, not one to create silently
    const problem = cacheFolderProblem(cache);
    if (problem !== undefined) {
      io.stderr.write(`failed opening cache folder ${cache}: ${problem}\n`);
      return 1;
    }
  }
  try {
    // as kubeconform, a template that cannot work stops the run before any resource is read
    for (const l of args.flags.get('schema-location') ?? []) checkTemplate(expandSchemaLocation(l));
    for (const b of args.flags.get('schema-bundle') ?? []) checkTemplate(b);
  } catch (err) {
    io.stderr.write(`failed initialising: ${(err as Error).message}\n`);
    return 1;
  }
  let shard;
  try {
    shard = one('shard') === undefined ? undefined : parseShard(one('shard') as string);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const readsStdin = args.files.length === 0 || (args.files.length === 1 && args.files[0] === '-');
  if (shard !== undefined && args.files.includes('-')) {
    io.stderr.write('-shard splits files and directories; standard input cannot be split\n');
    return 1;
  }
  if (readsStdin && io.stdinIsTerminal === true) {
    io.stderr.write('failing to read data from stdin: nothing is piped in (give files or directories, or pipe manifests in)\n');
    return 1;
  }
  try {
    return await runManifests(
      args.files,
      {
        output: output as OutputFormat,
        summary: bool('summary'),
        verbose: bool('verbose'),
        exitOnError: bool('exit-on-error'),
        ignoreFilenamePatterns: args.flags.get('ignore-filename-pattern') ?? [],
        schemaLocations: args.flags.get('schema-location') ?? [],
        schemaBundles: args.flags.get('schema-bundle') ?? [],
        crds: args.flags.get('crd') ?? [],
        strict: bool('strict'),
        kubernetesVersion,
        skip: csv(one('skip')),
        reject: csv(one('reject')),
        ignoreMissingSchemas: bool('ignore-missing-schemas'),
        insecureSkipTlsVerify: bool('insecure-skip-tls-verify'),
        debug: bool('debug'),
        ...(cache !== undefined ? { cache } : {}),
        compiledCache: compiledCacheDir(cache),
        ...(one('timeout') !== undefined ? { timeoutMs: parseGoDuration(one('timeout') as string) as number } : {}),
        workers: n,
        ...(shard !== undefined ? { shard } : {}),
      },
      io,
      undefined,
      bool('api-rules') ? { configs: [], options: { categories: ['api'], ...(shard !== undefined ? { objectRulesOnly: true } : {}) }, kubernetesVersion, schemas: true } : undefined,
    );
  } catch (err) {
    io.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** `helmforge-conform merge REPORT...`: the reports of -shard parts, merged into one on stdout. */
async function merge(files: string[], io: CommandIO): Promise<number> {
  if (files.length === 0) {
    io.stderr.write('usage: helmforge-conform merge REPORT... (JSON, JUnit or SARIF reports of the parts of a -shard run)\n');
    return 1;
  }
  try {
    const { mergeReports } = await import('../output/merge.js');
    io.stdout.write(await mergeReports(files.map((f) => readFileSync(f, 'utf8'))));
    return 0;
  } catch (err) {
    io.stderr.write(`helmforge-conform merge: ${(err as Error).message}\n`);
    return 1;
  }
}

/** A Go duration (`30s`, `1m30s`, `500ms`) in ms; undefined when it is not one, or not positive. */
export function parseGoDuration(text: string): number | undefined {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== text) return undefined;
  const ms = parts.reduce((sum, m) => sum + Number(m[1]) * (unit[m[2] as string] as number), 0);
  return ms > 0 ? Math.round(ms) : undefined;
}

/** kubeconform's -kubernetes-version values: `master` or a full x.y.z version (optionally with a leading v). */
const KUBERNETES_VERSION = /^(master|v?\d+\.\d+\.\d+)$/;

/** Why a cache folder cannot be used (Go's wording), or undefined. */
function cacheFolderProblem(dir: string): string | undefined {
  try {
    return statSync(dir).isDirectory() ? undefined : `${dir} is not a directory`;
  } catch (err) {
    return goError('stat', dir, err);
  }
}
