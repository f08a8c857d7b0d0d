// Shared by the kubeconform-style CLI and `validateCommand --manifests`: stream, validate, report, exit code.
import { availableParallelism } from 'node:os';
import { createOutput } from '../output/index.js';
import { colorFromEnvironment, type OutputFormat } from '../output/output.js';
import { ReleaseCollector, unreadableResult } from '../lint/collect.js';
import type { LintSession } from '../lint/session.js';
import { readInputs, type Input } from '../resource/files.js';
import type { StreamOptions } from '../validator/pool.js';
import { validateInputs } from '../validator/pool.js';
import { isFailure, type ValidationResult } from '../validator/result.js';
import { BufferedWriter, type CommandIO } from './io.js';

export interface ManifestRunOptions extends StreamOptions {
  output: OutputFormat;
  summary: boolean;
  verbose: boolean;
  exitOnError?: boolean;
  ignoreFilenamePatterns?: string[];
  toolName?: string;
}

/** The rules' part of a manifests run: the whole input is one release, linted after the schema checks. */
export interface ManifestLint {
  session: LintSession;
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
 * `onResult` sees every result after it is reported; `lint` runs the rules over everything read. Neither is part of
 * `options`: those go to the workers.
 */
export async function runManifests(targets: string[], options: ManifestRunOptions, io: CommandIO, onResult?: (r: ValidationResult) => void, lint?: ManifestLint): Promise<number> {
  const out = new BufferedWriter(io.stdout);
  const isStdin = targets.length === 0 || (targets.length === 1 && targets[0] === '-');
  const output = createOutput(options.output, out, {
    summary: options.summary,
    verbose: options.verbose,
    isStdin,
    color: colorFromEnvironment(),
    toolName: options.toolName ?? 'helmforge-conform',
    ...(lint !== undefined ? { rules: lint.session.rules, schemas: lint.schemas } : {}),
  });
  const read = readInputs(targets, {
    ...(options.ignoreFilenamePatterns ? { ignoreFilenamePatterns: options.ignoreFilenamePatterns } : {}),
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(options.maxDocumentBytes !== undefined ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
  });
  const collector = lint !== undefined ? new ReleaseCollector(options.maxDocumentBytes !== undefined ? { maxDocumentBytes: options.maxDocumentBytes } : {}) : undefined;
  const inputs = collector !== undefined ? tap(read, (i) => collector.addInput(i)) : read;
  const report = (r: ValidationResult): boolean => {
    output.write(r);
    onResult?.(r);
    return isFailure(r);
  };
  let failed = false;
  if (lint?.schemas === false && collector !== undefined) {
    for await (const _ of inputs); // read (and parse) everything: only the rules run
    for (const u of collector.unreadable) if (report(unreadableResult(u))) failed = true;
  } else {
    outer: for await (const results of validateInputs(inputs, options)) {
      for (const r of results) {
        if (report(r)) {
          failed = true;
          if (options.exitOnError) break outer;
        }
      }
      // written as each file (or batch) is done rather than every 64 KiB: text waiting in the buffer outlives the
      // main thread's young-generation collections, and in a long run what survives them makes V8 grow the heap
      out.flush();
    }
  }
  if (lint !== undefined && collector !== undefined && !(failed && options.exitOnError === true)) {
    lint.session.lint({ objects: collector.objects, kubernetesVersion: lint.kubernetesVersion }, (f) => collector.linesOf(f));
    if (lint.session.report(output)) failed = true;
  }
  output.flush();
  out.flush();
  return failed ? 1 : 0;
}
