// `helmforge validate`: charts (directories, .tgz files, or oci:// references that helm pulls first) are rendered
// with the real helm binary for the default values and each ci/*-values.yaml (helm checks values.schema.json
// itself), for each Kubernetes version, in parallel child processes; every rendered object is validated and
// reported per scenario and template file (`# Source:`).
// With `manifests: true` the targets are manifest files, directories or `-`, as with helmforge-conform.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { chartScenarios, helmBinary, helmSaid, mapLimit, pullChart, renderChart } from '../chart/render.js';
import { removeTemporaryDirectories } from '../chart/temp.js';
import { renderTemplate } from '../registry/template.js';
import { createOutput } from '../output/index.js';
import { colorFromEnvironment, type OutputFormat } from '../output/output.js';
import { splitText } from '../resource/stream.js';
import { isFailure, type ValidationResult } from '../validator/result.js';
import { Validator } from '../validator/validator.js';
import { fetcherFor } from '../registry/fetch.js';
import { compiledCacheDir } from '../cache/compiled.js';
import { inShard, type Shard } from '../resource/shard.js';
import { BufferedWriter, type CommandIO } from './io.js';
import { defaultWorkers, runManifests } from './run.js';

export interface ValidateCommandOptions {
  /** Targets are manifest files/directories or `-` (stdin) rather than charts. */
  manifests: boolean;
  /** Kubernetes versions to render and validate for (default ['1.33.0']). */
  kubernetesVersions: string[];
  schemaLocations: string[];
  schemaBundles: string[];
  crds: string[];
  /** Default true. */
  strict: boolean;
  output: OutputFormat;
  summary: boolean;
  verbose: boolean;
  skip: string[];
  reject: string[];
  ignoreMissingSchemas: boolean;
  cache?: string;
  workers?: number;
  /** helm binary (else HELM_BIN, else `helm` on PATH). */
  helmBin?: string;
  /** Extra values files, each one more scenario. */
  valuesFiles?: string[];
  /** Render each ci/*-values.yaml too (default true). */
  scenarios?: boolean;
  /** Version of the charts given as oci:// references (helm pull --version). */
  chartVersion?: string;
  /** The OCI registry speaks plain HTTP (helm pull --plain-http). */
  plainHttp?: boolean;
  /** Accept unverified certificates: schema downloads and helm pull. */
  insecureSkipTlsVerify?: boolean;
  /**
   * Network timeout in ms: a helm pull of an oci:// reference stops after this long (default 120 s), and a schema
   * download waits this long for a connection or for more data (default 30 s).
   */
  timeoutMs?: number;
  /** Show progress on stderr (for a terminal). */
  progress?: boolean;
  /**
   * Validate only this part of the inputs (`--shard K/N`): manifest files, or chart renders (chart, values scenario,
   * Kubernetes version). The reports of all parts merge into one (`helmforge-conform merge`).
   */
  shard?: Shard;
}

export const DEFAULT_VALIDATE_OPTIONS: ValidateCommandOptions = {
  manifests: false,
  kubernetesVersions: ['1.33.0'],
  schemaLocations: [],
  schemaBundles: [],
  crds: [],
  strict: true,
  output: 'text',
  summary: false,
  verbose: false,
  skip: [],
  reject: [],
  ignoreMissingSchemas: false,
};

const processIO: CommandIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

export async function validateCommand(targets: string[], options: Partial<ValidateCommandOptions> = {}, io: CommandIO = processIO): Promise<number> {
  const o: ValidateCommandOptions = { ...DEFAULT_VALIDATE_OPTIONS, ...options };
  const versions = o.kubernetesVersions.length > 0 ? o.kubernetesVersions : ['1.33.0'];
  const common = {
    schemaLocations: o.schemaLocations,
    schemaBundles: o.schemaBundles,
    crds: o.crds,
    strict: o.strict,
    skip: o.skip,
    reject: o.reject,
    ignoreMissingSchemas: o.ignoreMissingSchemas,
    ...(o.cache !== undefined ? { cache: o.cache } : {}),
    compiledCache: compiledCacheDir(o.cache),
    ...(o.insecureSkipTlsVerify === true ? { insecureSkipTlsVerify: true } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
  };
  try {
    const missingSource = missingSchemaFiles(o, versions);
    if (missingSource !== undefined) {
      io.stderr.write(`helmforge validate: ${missingSource}\n`);
      return 1;
    }
    if (o.manifests) {
      const unreachable = new Unreachable();
      let code = 0;
      for (const v of versions) {
        const c = await runManifests(
          targets,
          {
            ...common,
            kubernetesVersion: v,
            output: o.output,
            summary: o.summary,
            verbose: o.verbose,
            workers: o.workers ?? defaultWorkers(),
            toolName: 'helmforge validate',
            ...(o.shard !== undefined ? { shard: o.shard } : {}),
          },
          io,
          (r) => unreachable.stops(r),
        );
        if (unreachable.explain(io)) return 1;
        code = Math.max(code, c);
      }
      return code;
    }
    if (targets.length === 0) {
      io.stderr.write('helmforge validate: give a chart directory or .tgz (or --manifests with files)\n');
      return 2;
    }
    // A missing path would reach helm as a repository reference ("repo x not found"): say what it is.
    const local = targets.filter((t) => !isOciReference(t));
    const missing = local.filter((t) => !existsSync(t) || (statSync(t).isDirectory() && !existsSync(join(t, 'Chart.yaml'))));
    if (missing.length > 0) {
      for (const t of missing) io.stderr.write(`helmforge validate: ${t}: no chart there (expected a directory with Chart.yaml, a .tgz or an oci:// reference); for manifest files use --manifests\n`);
      return 1;
    }
    const pulled = await pullCharts(targets, o, io);
    const code = await validateCharts(pulled.charts, o, versions, common, io, pulled.names);
    return pulled.failed ? 1 : code;
  } catch (err) {
    io.stderr.write(`helmforge validate: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    removeTemporaryDirectories(); // pulled charts, ci/ scenarios read out of a .tgz
  }
}

/**
 * A --schema-bundle or --crd file that does not exist, worded once, before anything is rendered (otherwise every
 * resource would report it). Bundles may use the template variables: each Kubernetes version's path is checked.
 */
function missingSchemaFiles(o: ValidateCommandOptions, versions: string[]): string | undefined {
  const local = (p: string) => !/^https?:\/\//.test(p);
  for (const bundle of o.schemaBundles.filter(local)) {
    for (const v of versions) {
      const path = renderTemplate(bundle, { kind: '', apiVersion: '', kubernetesVersion: v, strict: o.strict });
      if (!existsSync(path)) return `--schema-bundle ${path}: no such file; give the path of a _definitions.json bundle (or of a cluster's /openapi/v2 document)`;
    }
  }
  for (const crd of o.crds.filter(local)) if (!existsSync(crd)) return `--crd ${crd}: no such file; give the path of a CustomResourceDefinition YAML file`;
  return undefined;
}

function isOciReference(target: string): boolean {
  return target.startsWith('oci://');
}

/** The charts to validate: local ones as given, oci:// references pulled with helm (names: pulled dir → reference). */
async function pullCharts(targets: string[], o: ValidateCommandOptions, io: CommandIO): Promise<{ charts: string[]; names: Map<string, string>; failed: boolean }> {
  const charts: string[] = [];
  const names = new Map<string, string>();
  let failed = false;
  for (const t of targets) {
    if (!isOciReference(t)) {
      charts.push(t);
      continue;
    }
    const r = await pullChart(helmBinary(o.helmBin), t, {
      ...(o.chartVersion !== undefined ? { version: o.chartVersion } : {}),
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.plainHttp === true ? { plainHttp: true } : {}),
      ...(o.insecureSkipTlsVerify === true ? { insecureSkipTlsVerify: true } : {}),
    });
    if (!r.ok) {
      io.stderr.write(`helmforge validate: ${r.error}\n`);
      failed = true;
      continue;
    }
    charts.push(r.dir);
    names.set(r.dir, o.chartVersion !== undefined ? `${t}:${o.chartVersion}` : t);
  }
  return { charts, names, failed };
}

async function validateCharts(
  charts: string[],
  o: ValidateCommandOptions,
  versions: string[],
  common: Record<string, unknown>,
  io: CommandIO,
  /** How to name a chart that was pulled (its oci:// reference) rather than by its temporary directory. */
  names: Map<string, string> = new Map(),
): Promise<number> {
  const helm = helmBinary(o.helmBin);
  const fetcher = fetcherFor(o);
  const validators = new Map(versions.map((v) => [v, new Validator({ ...common, kubernetesVersion: v }, fetcher)]));
  const jobs = charts
    .flatMap((chart) =>
      chartScenarios(chart, { ...(o.scenarios !== undefined ? { scenarios: o.scenarios } : {}), ...(o.valuesFiles ? { valuesFiles: o.valuesFiles } : {}) }).flatMap((scenario) =>
        versions.map((v) => ({ chart, scenario, version: v })),
      ),
    )
    .filter((j) => inShard(`${names.get(j.chart) ?? j.chart}|${j.scenario.label}|${j.version}`, o.shard));
  const progress = new Progress(o.progress === true ? io.stderr : undefined, jobs.length);
  const renders = await mapLimit(jobs, Math.max(1, availableParallelism()), async (j) => {
    const r = await renderChart(helm, j.chart, j.scenario, j.version);
    progress.step('rendered');
    return r;
  });
  const out = new BufferedWriter(io.stdout);
  const output = createOutput(o.output, out, { summary: o.summary, verbose: o.verbose, toolName: 'helmforge validate', color: colorFromEnvironment() });
  const unreachable = new Unreachable();
  let failed = false;
  for (let i = 0; i < renders.length; i++) {
    const render = renders[i];
    const job = jobs[i];
    if (render === undefined || job === undefined) continue;
    const label = versions.length > 1 ? `${job.scenario.label}, kube ${job.version}` : job.scenario.label;
    const results: ValidationResult[] = [];
    if (!render.ok) {
      results.push({
        status: 'error',
        filename: job.scenario.valuesFile !== undefined && !names.has(job.chart) ? job.scenario.valuesFile : (names.get(job.chart) ?? job.chart),
        docIndex: 0,
        line: 1,
        kind: '',
        apiVersion: '',
        name: '',
        namespace: '',
        scenario: label,
        kubernetesVersion: job.version,
        message: `helm template failed for values scenario ${job.scenario.label}: ${helmSaid(render.stderr)}`,
      });
    } else {
      const validator = validators.get(job.version) as Validator;
      for (const doc of splitText(job.chart, render.stdout)) {
        for (const r of await validator.validateDocument(doc)) {
          if (r.status === 'empty') continue; // helm separates templates with empty documents
          if (unreachable.stops(r) === 'stop') {
            progress.done();
            unreachable.explain(io);
            return 1;
          }
          if (r.source !== undefined) r.filename = r.source;
          r.scenario = label;
          r.kubernetesVersion = job.version;
          results.push(r);
        }
      }
    }
    progress.step('validated');
    for (const r of results) {
      output.write(r);
      if (isFailure(r)) failed = true;
    }
  }
  progress.done();
  output.flush();
  out.flush();
  return failed ? 1 : 0;
}

/**
 * A schema source that cannot be reached (a download that failed before any HTTP answer: no network, no such host, a
 * timeout): the run stops at the first such resource with one line, rather than reporting every resource the same way.
 */
class Unreachable {
  private first: string | undefined;

  stops(r: ValidationResult): 'stop' | undefined {
    if (r.status !== 'error' || r.message === undefined || !r.message.startsWith('could not download ') || /: HTTP \d+$/.test(r.message)) return undefined;
    this.first ??= r.message;
    return 'stop';
  }

  /** Says why the run stopped, if it did. */
  explain(io: CommandIO): boolean {
    if (this.first === undefined) return false;
    io.stderr.write(
      `helmforge validate: stopped: no schema source could be reached (${this.first}); without network access, validate against a local bundle (--schema-bundle PATH/_definitions.json) or a local copy of the schemas (--schema-location DIR)\n`,
    );
    return true;
  }
}

/** `rendered 3/12` on one rewritten stderr line, for a terminal; nothing otherwise. */
class Progress {
  private counts = new Map<string, number>();
  constructor(
    private readonly stderr: CommandIO['stderr'] | undefined,
    private readonly total: number,
  ) {}

  step(what: string): void {
    if (this.stderr === undefined) return;
    const n = (this.counts.get(what) ?? 0) + 1;
    this.counts.set(what, n);
    this.stderr.write(`\r\x1b[K${what} ${n}/${this.total} values scenarios`);
  }

  done(): void {
    if (this.stderr !== undefined && this.counts.size > 0) this.stderr.write('\r\x1b[K');
  }
}
