// Shared by the kubeconform-style CLI and `validateCommand --manifests`: stream, validate, report, exit code.
import { availableParallelism } from 'node:os';
import { createOutput } from '../output/index.js';
import { colorFromEnvironment, type OutputFormat } from '../output/output.js';
import { inputSize, readInputs } from '../resource/files.js';
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

export function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * `onResult` sees every result before it is reported, and may stop the run there (nothing more is reported); it is
 * not part of `options`, which go to the workers.
 */
export async function runManifests(targets: string[], options: ManifestRunOptions, io: CommandIO, onResult?: (r: ValidationResult) => 'stop' | undefined): Promise<number> {
  const out = new BufferedWriter(io.stdout);
  const isStdin = targets.length === 0 || (targets.length === 1 && targets[0] === '-');
  const output = createOutput(options.output, out, {
    summary: options.summary,
    verbose: options.verbose,
    isStdin,
    color: colorFromEnvironment(),
    toolName: options.toolName ?? 'helmforge-conform',
  });
  let failed = false;
  const schemas = schemaProvider(options);
  const discover = {
    ...(options.ignoreFilenamePatterns ? { ignoreFilenamePatterns: options.ignoreFilenamePatterns } : {}),
    ...(options.shard !== undefined ? { shard: options.shard } : {}),
  };
  const inputs = readInputs(targets, {
    ...discover,
    ...(io.stdin ? { stdin: io.stdin } : {}),
    ...(options.maxDocumentBytes !== undefined ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
  });
  // the size of the files decides how many workers are worth starting (-n is the most)
  const bytes = options.workers !== undefined && options.workers > 1 ? await inputSize(targets, discover) : undefined;
  outer: for await (const results of validateInputs(inputs, bytes === undefined ? options : { ...options, inputBytes: bytes }, undefined, schemas)) {
    for (const r of results) {
      if (onResult?.(r) === 'stop') return 1;
      output.write(r);
      if (isFailure(r)) {
        failed = true;
        if (options.exitOnError) break outer;
      }
    }
    // written as each file (or batch) is done rather than every 64 KiB: text waiting in the buffer outlives the
    // main thread's young-generation collections, and in a long run what survives them makes V8 grow the heap
    out.flush();
  }
  output.flush();
  out.flush();
  io.stats?.(schemas.stats);
  return failed ? 1 : 0;
}
