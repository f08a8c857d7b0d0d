// `helmforge validate` (schemas and rules) and `helmforge lint` (rules alone): the same render matrix and report,
// sharing their options.
import type { OutputFormat, ValidateCommandOptions } from '@helmforge/validator';
import { Option, type Command } from 'commander';
import { recoverInterrupted } from '@helmforge/core';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { show } from '../errors.js';
import type { Io } from '../program.js';
import { collect, collectList, parseDuration, TIMEOUT_HELP } from './options.js';

// The validator's OUTPUT_FORMATS, spelled out so that parsing the command line does not load the validator;
// `satisfies` keeps the two lists in step.
const OUTPUT_CHOICES = ['text', 'json', 'junit', 'tap', 'pretty', 'sarif'] satisfies OutputFormat[];
const SEVERITY_CHOICES = ['error', 'warning', 'info'];


interface RenderFlags {
  manifests?: boolean;
  kubernetesVersion?: string[];
  output: OutputFormat;
  summary?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  helmBin?: string;
  values?: string[];
  scenarios: boolean;
  version?: string;
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  timeout?: number;
}

interface RuleFlags {
  config?: string;
  include?: string[];
  exclude?: string[];
  failOn?: 'error' | 'warning' | 'info';
  stack?: string;
}

interface SchemaFlags {
  schemaLocation?: string[];
  schemaBundle?: string[];
  crd?: string[];
  strict: boolean;
  skip?: string[];
  reject?: string[];
  ignoreMissingSchemas?: boolean;
  cache?: string;
  workers?: string;
  lint: boolean;
  lintOnly?: boolean;
  shard?: string;
}

function renderOptions(c: Command): Command {
  return c
    .argument('[targets...]', 'chart directories, .tgz files or oci:// references; with --manifests: YAML/JSON files, directories, or - for stdin')
    .option('--manifests', 'check manifest files instead of charts')
    .option('-k, --kubernetes-version <version>', 'Kubernetes version to render and check for (repeatable; default 1.33.0)', collect)
    .addOption(new Option('-o, --output <format>', 'report format').choices(OUTPUT_CHOICES).default('text'))
    .option('--summary', 'print the summary line(s) (the default for text output)')
    .option('-q, --quiet', 'print nothing but the problems found (no summary, no progress)')
    .option('--verbose', 'also list valid resources')
    .option('--helm-bin <path>', 'helm binary (default: $HELM_BIN, then helm on PATH)')
    .option('-f, --values <file>', 'an extra values file to render as one more scenario (repeatable)', collect)
    .option('--no-scenarios', 'render the default values only, not ci/*-values.yaml')
    .option('--version <version>', 'chart version of oci:// references (as helm pull --version; default: the newest)')
    .option('--plain-http', 'the OCI registry speaks plain HTTP (as helm pull --plain-http)')
    .option('--insecure-skip-tls-verify', "accept the registry's and schema servers' certificates unchecked")
    .option('--timeout <duration>', `${TIMEOUT_HELP}; also how long a schema download waits for a connection or for more data (default 30s)`, parseDuration);
}

function ruleOptions(c: Command): Command {
  return c
    .option('--config <file>', 'lint configuration: .helmforge-lint.yaml, or kube-linter\'s .kube-linter.yaml (default: one of them in the working directory)')
    .option('--include <rules>', 'also run these rules (IDs or kube-linter check names; repeatable, comma-separated)', collectList)
    .option('--exclude <rules>', 'do not run these rules (IDs or kube-linter check names; repeatable, comma-separated)', collectList)
    .addOption(new Option('--fail-on <severity>', 'lowest finding severity that makes the exit code 1 (default: error)').choices(SEVERITY_CHOICES))
    .option('--stack <file>', 'stack file that generated the chart, to trace findings to its keys (default: helmforge.yaml when it generated the chart)');
}

function renderSettings(f: RenderFlags): Partial<ValidateCommandOptions> {
  return {
    manifests: f.manifests ?? false,
    kubernetesVersions: f.kubernetesVersion ?? ['1.33.0'],
    output: f.output,
    // a successful run says so in one line, unless --quiet
    summary: f.summary ?? (f.quiet !== true && f.output === 'text'),
    progress: f.quiet !== true && process.stderr.isTTY === true,
    verbose: f.verbose ?? false,
    scenarios: f.scenarios,
    ...(f.helmBin ? { helmBin: f.helmBin } : {}),
    ...(f.values ? { valuesFiles: f.values } : {}),
    ...(f.version ? { chartVersion: f.version } : {}),
    ...(f.plainHttp ? { plainHttp: true } : {}),
    ...(f.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
    ...(f.timeout !== undefined ? { timeoutMs: f.timeout } : {}),
  };
}

/** A chart that an interrupted generate left half-swapped is put right before it is rendered. */
async function recoverCharts(targets: string[], f: RenderFlags, command: string): Promise<void> {
  const charts = f.manifests === true ? [] : targets.filter((t) => !t.startsWith('oci://')).map((t) => resolve(t));
  for (const line of await recoverInterrupted(charts, command, show)) process.stderr.write(`${line}\n`);
}

async function ruleSettings(f: RuleFlags & { manifests?: boolean }): Promise<Partial<ValidateCommandOptions>> {
  // only charts have values keys to trace back to a stack file
  const origin = f.manifests === true ? undefined : await stackOrigin(f.stack);
  return {
    ...(f.config ? { lintConfig: [f.config] } : {}),
    ...(f.include ? { include: f.include } : {}),
    ...(f.exclude ? { exclude: f.exclude } : {}),
    ...(f.failOn ? { failOn: f.failOn } : {}),
    ...(origin ? { origin } : {}),
  };
}

/**
 * For charts that a stack file generated (Chart.yaml annotated helmforge.dev/generated, named as the stack's
 * metadata.name): where a values key was set in that stack file.
 */
async function stackOrigin(explicit: string | undefined): Promise<ValidateCommandOptions['origin']> {
  const file = explicit ?? 'helmforge.yaml';
  if (!existsSync(file)) return undefined;
  const { stackTracer } = await import('@helmforge/umbrella');
  const tracer = stackTracer(file);
  if (tracer === undefined) return undefined;
  const name = tracer.chartName;
  const generated = new Map<string, boolean>();
  const isGenerated = (chart: string): boolean => {
    let g = generated.get(chart);
    if (g === undefined) {
      try {
        const meta = parse(readFileSync(join(chart, 'Chart.yaml'), 'utf8')) as { name?: unknown; annotations?: Record<string, unknown> } | null;
        g = meta?.annotations?.['helmforge.dev/generated'] === 'true' && meta.name === name && basename(chart) === name;
      } catch {
        g = false;
      }
      generated.set(chart, g);
    }
    return g;
  };
  return (chart, path) => (isGenerated(chart) ? tracer.origin(path) : undefined);
}

export function validateCommand(program: Command, _io: Io, setExit: (code: number) => void): void {
  ruleOptions(renderOptions(program.command('validate')))
    .description('Render charts with the real helm over their values scenarios and check every object against the Kubernetes schemas (kubeconform semantics) and the lint rules.')
    .option('--schema-location <location>', 'kubeconform schema location template, path or URL; "default" for the public collection (repeatable)', collect)
    .option('--schema-bundle <file|url>', 'a _definitions.json bundle or a cluster /openapi/v2 document (repeatable)', collect)
    .option('--crd <file>', 'CustomResourceDefinition YAML used as a schema source (repeatable)', collect)
    .option('--no-strict', 'accept unknown fields and duplicate keys')
    .option('--skip <kinds>', 'comma-separated kinds (or apiVersion/kind) to skip', collectList)
    .option('--reject <kinds>', 'comma-separated kinds (or apiVersion/kind) to reject', collectList)
    .option('--ignore-missing-schemas', 'skip resources whose schema is not found instead of failing')
    .option('--cache <dir>', 'cache downloaded schemas in this directory')
    .option('-n, --workers <n>', 'validation worker threads')
    .option('--no-lint', 'schema checks only: do not run the lint rules')
    .option('--lint-only', 'the lint rules only: no schema checks (as helmforge lint)')
    .option('--shard <k/n>', 'validate only the K-th of N parts (manifest files, or chart renders); merge the reports with helmforge-conform merge')
    .addHelpText(
      'after',
      '\nExit code 0 when every object is valid and no finding reaches --fail-on, 1 otherwise, 2 for a usage error. Progress is shown on stderr when it is a terminal.\nExamples:\n  helmforge validate charts/platform --schema-bundle ../shared/kubernetes-schemas/v1.33/_definitions.json\n  helm template x ./chart | helmforge validate --manifests - --summary\n  helmforge validate oci://registry.local:5000/charts/platform --version 0.1.0',
    )
    .action(async (targets: string[], f: RenderFlags & RuleFlags & SchemaFlags) => {
      await recoverCharts(targets, f, 'validate');
      // Loaded on demand: `helmforge generate` should not pay for the validator's start-up.
      const { validateCommand: runValidate, parseShard } = await import('@helmforge/validator');
      let shard;
      try {
        shard = f.shard === undefined ? undefined : parseShard(f.shard);
      } catch (err) {
        process.stderr.write(`helmforge validate: ${(err as Error).message}\n`);
        setExit(2);
        return;
      }
      const code = await runValidate(targets, {
        ...renderSettings(f),
        ...(await ruleSettings(f)),
        schemaLocations: f.schemaLocation ?? [],
        schemaBundles: f.schemaBundle ?? [],
        crds: f.crd ?? [],
        strict: f.strict,
        skip: f.skip ?? [],
        reject: f.reject ?? [],
        ignoreMissingSchemas: f.ignoreMissingSchemas ?? false,
        lint: f.lintOnly ? 'only' : f.lint ? 'on' : 'off',
        ...(f.cache ? { cache: f.cache } : {}),
        ...(f.workers ? { workers: Number(f.workers) } : {}),
        ...(shard !== undefined ? { shard } : {}),
      });
      setExit(code);
    });
}

export function lintCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  ruleOptions(renderOptions(program.command('lint')))
    .description('Render charts with the real helm over their values scenarios and run the lint rules (security, reliability, cross-resource, deprecations, portability, what the API server refuses) on every release.')
    .option('--list-rules', 'list the rules (ID, category, severity, default, kube-linter name) and exit')
    .addHelpText(
      'after',
      '\nSuppress a rule on one object with the annotation ignore-check.helmforge.dev/<rule>: "<reason>" (kube-linter, Polaris and\nkube-score annotations work for the rules that answer to their checks). Exit code 1 when a finding reaches --fail-on, 2 for a usage error.\nExamples:\n  helmforge lint charts/platform\n  helmforge lint --manifests deploy/ --exclude latest-tag --fail-on warning -o sarif > lint.sarif',
    )
    .action(async (targets: string[], f: RenderFlags & RuleFlags & { listRules?: boolean }) => {
      if (f.listRules) {
        const { RULES } = await import('@helmforge/lint');
        const rows = RULES.map((r) => [r.id, r.category, r.severity, r.enabledByDefault === false ? 'off' : 'on', (r.kubeLinter ?? []).join(',')]);
        const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
        io.out(rows.map((r) => r.map((c, i) => (i < 4 ? c.padEnd(widths[i] as number) : c)).join('  ').trimEnd()).join('\n') + '\n');
        setExit(0);
        return;
      }
      await recoverCharts(targets, f, 'lint');
      const { validateCommand: runValidate } = await import('@helmforge/validator');
      setExit(await runValidate(targets, { ...renderSettings(f), ...(await ruleSettings(f)), lint: 'only', command: 'helmforge lint' }));
    });
}
