// Shared by the kubeconform-style CLI and `validateCommand --manifests`: stream, validate, report, exit code.
import { availableParallelism } from 'node:os';
import { createOutput } from '../output/index.js';
import { colorFromEnvironment, type OutputFormat } from '../output/output.js';
import type { LintConfig } from '@helmforge/lint';
import type { ManifestLinter } from '../lint/manifests.js';
import type { LintOptions } from '../lint/session.js';
import { inputDocuments, inputSize, readInputs, type Input } from '../resource/files.js';
import type { RawDocument, SplitOptions } from '../resource/stream.js';
import type { StreamOptions } from '../validator/pool.js';
import { validateInputs } from '../validator/pool.js';
import { schemaProvider } from '../validator/schemas.js';
import { isFailure, type ValidationResult } from '../validator/result.js';
import { BufferedWriter, type CommandIO } from './io.js';
import type { Shard } from '../resource/shard.js';

export interface ManifestRunOptions extends StreamOptions {
  output: OutputFormat;
  summary: boolean;
  verbose: boolean;
  exitOnError?: boolean;
  ignoreFilenamePatterns?: string[];
  toolName?: string;
  /** Only this part of the files (`--shard K/N`). */
  shard?: Shard;
}

/** The rules' part of a manifests run: the whole input is one release. */
export interface ManifestLint {
  /** The configurations in order (a chart's, the user's) and the command line's rule options. */
  configs: LintConfig[];
  options: Omit<LintOptions, 'origin'>;
  kubernetesVersion: string;
  /** Run the schema checks too (false: --lint-only). */
  schemas: boolean;
}

export function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

/** Passes inputs on after `fn` has seen them (before a worker thread takes their bytes). */
async function* tap(inputs: AsyncIterable<Input>, fn: (input: Input) => void): AsyncGenerator<Input> {
  for await (const input of inputs) {
    fn(input);
    yield input;
  }
}

/**
 * `onResult` sees every result before it is reported, and may stop the run there (nothing more is reported); `lint`
 * runs the rules over everything read. Neither is part of `options`: those go to the workers.
 */
export async function runManifests(targets: string[], options: ManifestRunOptions, io: CommandIO, onResult?: (r: ValidationResult) => 'stop' | undefined, lint?: ManifestLint): Promise<number> {
  const out = new BufferedWriter(io.stdout);
  const isStdin = targets.length === 0 || (targets.length === 1 && targets[0] === '-');
  const readsStdin = targets.length === 0 || targets.includes('-');
  // (the rules are loaded only when they run: a kubeconform-style run does not pay for starting them)
  const rulesModules = lint !== undefined ? await loadLint() : undefined;
  const session = lint !== undefined && rulesModules !== undefined ? new rulesModules.LintSession(lint.configs, lint.options) : undefined;
  const output = createOutput(options.output, out, {
    summary: options.summary,
    verbose: options.verbose,
    isStdin,
    color: colorFromEnvironment(),
    toolName: options.toolName ?? 'helmforge-conform',
    ...(session !== undefined ? { rules: session.rules, schemas: lint?.schemas ?? true } : {}),
  });
  const schemas = schemaProvider(options);
  const discover = {
    ...(options.ignoreFilenamePatterns ? { ignoreFilenamePatterns: options.ignoreFilenamePatterns } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
  };
  const read = readInputs(targets, {
    ...discover,
    // (process.stdin is made on first read, which costs a run of files ~1.5 ms: asked for only when read)
    ...(readsStdin && io.stdin ? { stdin: io.stdin } : {}),
    ...(options.maxDocumentBytes !== undefined ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
  });
  const linter =
    lint !== undefined && session !== undefined && rulesModules !== undefined
      ? new rulesModules.ManifestLinter(session, { configs: lint.configs, options: lint.options, kubernetesVersion: lint.kubernetesVersion, release: session.config.rules.some((r) => r.rule.scope !== 'object') })
      : undefined;
  const inputs = linter !== undefined ? tap(read, (i) => linter.see(i)) : read;
  const report = (r: ValidationResult): Verdict => {
    if (onResult?.(r) === 'stop') return 'stop';
    output.write(r);
    return isFailure(r);
  };
  let outcome: Verdict;
  if (lint?.schemas === false && linter !== undefined && rulesModules !== undefined) outcome = await readOnly(rulesModules, inputs, linter, options, report);
  else {
    // the size of the files decides how many workers are worth starting (-n is the most)
    const bytes = options.workers !== undefined && options.workers > 1 ? await inputSize(targets, discover) : undefined;
    const rules = linter !== undefined ? { data: linter.data, adopt: (b: Parameters<ManifestLinter['adopt']>[0]) => linter.adopt(b) } : undefined;
    outcome = await validateAll(validateInputs(inputs, bytes === undefined ? options : { ...options, inputBytes: bytes }, undefined, schemas, rules), options, report, out);
  }
  if (outcome === 'stop') return 1;
  let failed = outcome;
  if (linter !== undefined && session !== undefined && !(failed && options.exitOnError === true)) {
    linter.finish();
    if (session.report(output)) failed = true;
  }
  output.flush();
  out.flush();
  io.stats?.(schemas.stats);
  return failed ? 1 : 0;
}

/** Whether a result is a failure, or 'stop' when the run ends there (onResult said so). */
type Verdict = boolean | 'stop';

/** The modules that run the rules (see rules-run.ts). */
function loadLint(): Promise<typeof import('../lint/rules-run.js')> {
  return import('../lint/rules-run.js');
}

/** --lint-only: reads and parses every input for the rules; documents that do not parse are the only results. */
async function readOnly(
  { DocumentLinter, unreadableResult }: Awaited<ReturnType<typeof loadLint>>,
  inputs: AsyncIterable<Input>,
  linter: ManifestLinter,
  options: SplitOptions,
  report: (r: ValidationResult) => Verdict,
): Promise<Verdict> {
  const documents = new DocumentLinter(linter.data);
  const unreadable: { doc: RawDocument; error: string }[] = [];
  for await (const input of inputs) {
    for (const doc of inputDocuments(input, options)) {
      const error = documents.add(doc);
      if (error !== undefined) unreadable.push({ doc, error });
    }
    const batch = documents.take();
    if (batch !== undefined) linter.adopt(batch);
  }
  let failed = false;
  for (const u of unreadable) {
    const verdict = report(unreadableResult(u));
    if (verdict === 'stop') return 'stop';
    if (verdict) failed = true;
  }
  return failed;
}

/** Reports every batch of results; with -exit-on-error, stops at the first failure. True when something failed, 'stop' when onResult stopped the run. */
async function validateAll(batches: AsyncIterable<ValidationResult[]>, options: ManifestRunOptions, report: (r: ValidationResult) => Verdict, out: BufferedWriter): Promise<Verdict> {
  let failed = false;
  for await (const results of batches) {
    for (const r of results) {
      const verdict = report(r);
      if (verdict === 'stop') return 'stop';
      if (verdict) {
        failed = true;
        if (options.exitOnError) return true;
      }
    }
    // written as each file (or batch) is done rather than every 64 KiB: text waiting in the buffer outlives the
    // main thread's young-generation collections, and in a long run what survives them makes V8 grow the heap
    out.flush();
  }
  return failed;
}
