import type { OutputFormat } from '@helmforge/validator';
import { Option, type Command } from 'commander';
import { recoverInterrupted } from '@helmforge/core';
import { resolve } from 'node:path';
import { show } from '../errors.js';
import { parseDuration, TIMEOUT_HELP } from '../options.js';
import type { Io } from '../program.js';
import { collect, collectList } from './options.js';

// The validator's OUTPUT_FORMATS, spelled out so that parsing the command line does not load the validator;
// `satisfies` keeps the two lists in step.
const OUTPUT_CHOICES = ['text', 'json', 'junit', 'tap', 'pretty', 'sarif'] satisfies OutputFormat[];


interface ValidateFlags {
  manifests?: boolean;
  kubernetesVersion?: string[];
  schemaLocation?: string[];
  schemaBundle?: string[];
  crd?: string[];
  strict: boolean;
  output: OutputFormat;
  summary?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  skip?: string[];
  reject?: string[];
  ignoreMissingSchemas?: boolean;
  cache?: string;
  workers?: string;
  helmBin?: string;
  values?: string[];
  scenarios: boolean;
  version?: string;
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  shard?: string;
  timeout?: number;
}

export function validateCommand(program: Command, _io: Io, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('Render charts with the real helm over their values scenarios and validate every object against the Kubernetes schemas (kubeconform semantics).')
    .argument('[targets...]', 'chart directories, .tgz files or oci:// references; with --manifests: YAML/JSON files, directories, or - for stdin')
    .option('--manifests', 'validate manifest files instead of charts')
    .option('-k, --kubernetes-version <version>', 'Kubernetes version to render and validate for (repeatable; default 1.33.0)', collect)
    .option('--schema-location <location>', 'kubeconform schema location template, path or URL; "default" for the public collection (repeatable)', collect)
    .option('--schema-bundle <file|url>', 'a _definitions.json bundle or a cluster /openapi/v2 document (repeatable)', collect)
    .option('--crd <file>', 'CustomResourceDefinition YAML used as a schema source (repeatable)', collect)
    .option('--no-strict', 'accept unknown fields and duplicate keys')
    .addOption(new Option('-o, --output <format>', 'report format').choices(OUTPUT_CHOICES).default('text'))
    .option('--summary', 'print a summary line (the default for text output)')
    .option('-q, --quiet', 'print nothing but the problems found (no summary, no progress)')
    .option('--verbose', 'also list valid resources')
    .option('--skip <kinds>', 'comma-separated kinds (or apiVersion/kind) to skip', collectList)
    .option('--reject <kinds>', 'comma-separated kinds (or apiVersion/kind) to reject', collectList)
    .option('--ignore-missing-schemas', 'skip resources whose schema is not found instead of failing')
    .option('--cache <dir>', 'cache downloaded schemas in this directory')
    .option('-n, --workers <n>', 'validation worker threads')
    .option('--helm-bin <path>', 'helm binary (default: $HELM_BIN, then helm on PATH)')
    .option('-f, --values <file>', 'an extra values file to render as one more scenario (repeatable)', collect)
    .option('--no-scenarios', 'render the default values only, not ci/*-values.yaml')
    .option('--version <version>', 'chart version of oci:// references (as helm pull --version; default: the newest)')
    .option('--plain-http', 'the OCI registry speaks plain HTTP (as helm pull --plain-http)')
    .option('--insecure-skip-tls-verify', "accept the registry's and schema servers' certificates unchecked")
    .option('--timeout <duration>', `${TIMEOUT_HELP}; also how long a schema download waits for a connection or for more data (default 30s)`, parseDuration)
    .option('--shard <k/n>', 'validate only the K-th of N parts (manifest files, or chart renders); merge the reports with helmforge-conform merge')
    .addHelpText(
      'after',
      '\nExit code 0 when every object is valid, 1 otherwise, 2 for a usage error. Progress is shown on stderr when it is a terminal.\nExamples:\n  helmforge validate charts/platform --schema-bundle ../shared/kubernetes-schemas/v1.33/_definitions.json\n  helm template x ./chart | helmforge validate --manifests - --summary\n  helmforge validate oci://registry.local:5000/charts/platform --version 0.1.0',
    )
    .action(async (targets: string[], f: ValidateFlags) => {
      // a chart that an interrupted generate left half-swapped is put right first
      const charts = f.manifests === true ? [] : targets.filter((t) => !t.startsWith('oci://')).map((t) => resolve(t));
      for (const line of await recoverInterrupted(charts, 'validate', show)) process.stderr.write(`${line}\n`);
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
        manifests: f.manifests ?? false,
        kubernetesVersions: f.kubernetesVersion ?? ['1.33.0'],
        schemaLocations: f.schemaLocation ?? [],
        schemaBundles: f.schemaBundle ?? [],
        crds: f.crd ?? [],
        strict: f.strict,
        output: f.output,
        // a successful run says so in one line, unless --quiet
        summary: f.summary ?? (f.quiet !== true && f.output === 'text'),
        progress: f.quiet !== true && process.stderr.isTTY === true,
        verbose: f.verbose ?? false,
        skip: f.skip ?? [],
        reject: f.reject ?? [],
        ignoreMissingSchemas: f.ignoreMissingSchemas ?? false,
        scenarios: f.scenarios,
        ...(f.cache ? { cache: f.cache } : {}),
        ...(f.workers ? { workers: Number(f.workers) } : {}),
        ...(f.helmBin ? { helmBin: f.helmBin } : {}),
        ...(f.values ? { valuesFiles: f.values } : {}),
        ...(f.version ? { chartVersion: f.version } : {}),
        ...(f.plainHttp ? { plainHttp: true } : {}),
        ...(f.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
        ...(f.timeout !== undefined ? { timeoutMs: f.timeout } : {}),
        ...(shard !== undefined ? { shard } : {}),
      });
      setExit(code);
    });
}
