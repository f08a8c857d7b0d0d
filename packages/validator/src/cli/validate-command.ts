// `helmforge validate`: charts (directories, .tgz files, or oci:// references that helm pulls first) are rendered
// with the real helm binary for the default values and each ci/*-values.yaml (helm checks values.schema.json
// itself), for each Kubernetes version, in parallel child processes; every rendered object is validated and
// reported per scenario and template file (`# Source:`).
// With `manifests: true` the targets are manifest files, directories or `-`, as with helmforge-conform.
// The lint rules run over each render (and over all manifests together) unless `lint: 'off'`; `lint: 'only'` skips
// the schema checks. One report, one exit code.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { chartScenarios, helmBinary, helmSaid, mapLimit, pullChart, renderChart } from '../chart/render.js';
import { removeTemporaryDirectories } from '../chart/temp.js';
import { renderTemplate } from '../registry/template.js';
import { createOutput } from '../output/index.js';
import { colorFromEnvironment, type OutputFormat } from '../output/output.js';
import { chartValues, scenarioValues } from '../chart/values.js';
import { renderObjects, renderText, unreadableResult } from '../lint/collect.js';
import { chartConfig, LintSession, userConfigs, type LintOptions } from '../lint/session.js';
import { splitText, type RawDocument } from '../resource/stream.js';
import { isFailure, type ValidationResult } from '../validator/result.js';
import { Validator } from '../validator/validator.js';
import { fetcherFor, isUrl, localPath } from '../registry/fetch.js';
import { compiledCacheDir } from '../cache/compiled.js';
import { inShard, type Shard } from '../resource/shard.js';
import { BufferedWriter, type CommandIO } from './io.js';
import { type DocumentText, type Finding, type LintConfig, type LintObject } from '@helmforge/lint';
import { readDocument } from '../lint/document-linter.js';
import type { ParseResult } from '../resource/parse.js';
import type { ParsedDocuments } from '../validator/document.js';
import { defaultWorkers, runManifests } from './run.js';

export interface ValidateCommandOptions extends LintOptions {
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
  /** Manifests: the input size from which worker threads are used (default 16 MiB; tests set 0 to run them). */
  inThreadUpToBytes?: number;
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
  /** How the command is named in messages and reports (default `helmforge validate`). */
  command?: string;
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
  const name = o.command ?? 'helmforge validate';
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
    const lintMode = o.lint ?? 'on';
    const missingSource = lintMode === 'only' ? undefined : missingSchemaFiles(o, versions);
    if (missingSource !== undefined) {
      io.stderr.write(`${name}: ${missingSource}\n`);
      return 1;
    }
    const notes: string[] = [];
    const user = lintMode === 'off' ? [] : userConfigs(o, notes);
    if (o.manifests) {
      const unreachable = new Unreachable(name);
      let code = 0;
      for (const v of versions) {
        const lint = lintMode === 'off' ? undefined : { configs: user, options: { ...lintOptions(o), ...(o.shard !== undefined ? { objectRulesOnly: true } : {}) }, kubernetesVersion: v, schemas: lintMode === 'on' };
        const c = await runManifests(
          targets,
          {
            ...common,
            kubernetesVersion: v,
            output: o.output,
            summary: o.summary,
            verbose: o.verbose,
            workers: o.workers ?? defaultWorkers(),
            ...(o.inThreadUpToBytes !== undefined ? { inThreadUpToBytes: o.inThreadUpToBytes } : {}),
            toolName: name,
            ...(o.shard !== undefined ? { shard: o.shard } : {}),
          },
          io,
          (r) => unreachable.stops(r),
          lint,
        );
        if (unreachable.explain(io)) return 1;
        code = Math.max(code, c);
      }
      for (const n of notes) io.stderr.write(`${name}: ${n}\n`);
      return code;
    }
    if (targets.length === 0) {
      io.stderr.write(`${name}: give a chart directory or .tgz (or --manifests with files)\n`);
      return 2;
    }
    // A missing path would reach helm as a repository reference ("repo x not found"): say what it is.
    const local = targets.filter((t) => !isOciReference(t));
    const missing = local.filter((t) => !existsSync(t) || (statSync(t).isDirectory() && !existsSync(join(t, 'Chart.yaml'))));
    if (missing.length > 0) {
      for (const t of missing) io.stderr.write(`${name}: ${t}: no chart there (expected a directory with Chart.yaml, a .tgz or an oci:// reference); for manifest files use --manifests\n`);
      return 1;
    }
    const pulled = await pullCharts(targets, o, io);
    const sessions = new Map(lintMode === 'off' ? [] : pulled.charts.map((c) => [c, new LintSession([...(chartConfigOf(c, pulled.names, notes) ?? []), ...user], o)]));
    for (const n of notes) io.stderr.write(`${name}: ${n}\n`);
    const code = await validateCharts(pulled.charts, o, versions, common, io, pulled.names, sessions);
    return pulled.failed ? 1 : code;
  } catch (err) {
    io.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
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
  // (what the fetcher reads as a file: file:// URLs too)
  const local = (p: string) => !isUrl(p);
  for (const bundle of o.schemaBundles.filter(local)) {
    for (const v of versions) {
      const path = localPath(renderTemplate(bundle, { kind: '', apiVersion: '', kubernetesVersion: v, strict: o.strict }));
      if (!existsSync(path)) return `--schema-bundle ${path}: no such file; give the path of a _definitions.json bundle (or of a cluster's /openapi/v2 document)`;
    }
  }
  for (const crd of o.crds.filter(local)) if (!existsSync(localPath(crd))) return `--crd ${crd}: no such file; give the path of a CustomResourceDefinition YAML file`;
  return undefined;
}

/** The rule options of the command, without what cannot go to a validation worker (the origin function). */
function lintOptions(o: ValidateCommandOptions): Omit<LintOptions, 'origin'> {
  return {
    ...(o.include !== undefined ? { include: o.include } : {}),
    ...(o.exclude !== undefined ? { exclude: o.exclude } : {}),
    ...(o.failOn !== undefined ? { failOn: o.failOn } : {}),
    ...(o.categories !== undefined ? { categories: o.categories } : {}),
  };
}

function chartConfigOf(chart: string, names: Map<string, string>, notes: string[]): LintConfig[] | undefined {
  const c = chartConfig(chart, notes, names.get(chart) ?? chart);
  return c === undefined ? undefined : [c];
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
      io.stderr.write(`${o.command ?? 'helmforge validate'}: ${r.error}\n`);
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
  /** The rules' session of each chart (none when the rules are off). */
  sessions: Map<string, LintSession> = new Map(),
): Promise<number> {
  const schemas = o.lint !== 'only';
  const helm = helmBinary(o.helmBin);
  const fetcher = fetcherFor(o);
  // the rules read each render's objects as the schema check parsed them (a document is parsed once)
  const parsed = new ParsedRender();
  const validators = new Map(versions.map((v) => [v, new Validator({ ...common, kubernetesVersion: v }, fetcher, undefined, sessions.size > 0 ? parsed : undefined)]));
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
  const rules = [...new Set([...sessions.values()].flatMap((s) => s.rules))];
  const output = createOutput(o.output, out, {
    summary: o.summary,
    verbose: o.verbose,
    toolName: o.command ?? 'helmforge validate',
    color: colorFromEnvironment(),
    ...(sessions.size > 0 ? { rules, schemas } : {}),
  });
  const unreachable = new Unreachable(o.command ?? 'helmforge validate');
  // (a chart's values files are read once, not once per scenario and Kubernetes version)
  const valuesByChart = new Map<string, unknown>();
  const valuesOf = (chart: string): unknown => {
    if (!valuesByChart.has(chart)) valuesByChart.set(chart, chartValues(chart));
    return valuesByChart.get(chart);
  };
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
      const session = sessions.get(job.chart);
      let lint: { objects: LintObject[]; textOf: (f: Finding) => DocumentText } | undefined;
      if (schemas) {
        const validator = validators.get(job.version) as Validator;
        if (session !== undefined) lint = parsed.start(render.stdout);
        for (const doc of splitText(job.chart, render.stdout)) {
          for (const r of await validator.validateDocument(doc)) {
            if (r.status === 'empty') continue; // helm separates templates with empty documents
            if (unreachable.stops(r) === 'stop') {
              progress.done();
              unreachable.explain(io);
              return 1;
            }
            results.push(r);
          }
        }
      } else if (session !== undefined) {
        const read = renderObjects(job.chart, render.stdout);
        results.push(...read.unreadable.map(unreadableResult));
        lint = read;
      }
      for (const r of results) {
        if (r.source !== undefined) r.filename = r.source;
        r.scenario = label;
        r.kubernetesVersion = job.version;
      }
      if (session !== undefined && lint !== undefined) {
        const values = job.chart.endsWith('.tgz') || job.chart.endsWith('.tar.gz') ? undefined : scenarioValues(valuesOf(job.chart), job.scenario.valuesFile);
        session.lint({ objects: lint.objects, scenario: label, kubernetesVersion: job.version }, lint.textOf, values === undefined ? undefined : { dir: job.chart, values });
      }
    }
    progress.step('validated');
    for (const r of results) {
      output.write(r);
      if (isFailure(r)) failed = true;
    }
  }
  progress.done();
  for (const session of sessions.values()) if (session.report(output)) failed = true;
  output.flush();
  out.flush();
  return failed ? 1 : 0;
}

/** The objects of the render being validated, for the rules, from the validator's parse of each document. */
class ParsedRender implements ParsedDocuments {
  private objects: LintObject[] | undefined;

  /** Collects the objects of `text`'s documents as they are validated, from now on. */
  start(text: string): { objects: LintObject[]; textOf: (f: Finding) => DocumentText } {
    const objects: LintObject[] = [];
    this.objects = objects;
    return { objects, textOf: renderText(text) };
  }

  add(doc: RawDocument, parsed: ParseResult | undefined): void {
    if (this.objects === undefined) return;
    // (a document that breaks only a strict rule, duplicate keys, still has its value, as the rules' own parse would)
    for (const o of readDocument(doc, parsed).objects) this.objects.push(o);
  }
}

/**
 * A schema source that cannot be reached (a download that failed before any HTTP answer: no network, no such host, a
 * timeout): the run stops at the first such resource with one line, rather than reporting every resource the same way.
 */
class Unreachable {
  private first: string | undefined;
  constructor(private readonly command: string) {}

  stops(r: ValidationResult): 'stop' | undefined {
    if (r.status !== 'error' || r.message === undefined || !r.message.startsWith('could not download ') || /: HTTP \d+$/.test(r.message)) return undefined;
    this.first ??= r.message;
    return 'stop';
  }

  /** Says why the run stopped, if it did. */
  explain(io: CommandIO): boolean {
    if (this.first === undefined) return false;
    io.stderr.write(
      `${this.command}: stopped: no schema source could be reached (${this.first}); without network access, validate against a local bundle (--schema-bundle PATH/_definitions.json) or a local copy of the schemas (--schema-location DIR)\n`,
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
