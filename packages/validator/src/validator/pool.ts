// Validates a stream of documents, in this thread or with worker threads. Results come out in input order.
// Work is handed to workers in batches (documents, or small files whole: the worker splits them); at most a few
// batches per worker are in flight, so memory stays flat however long the stream is. An input of up to 16 MiB is
// validated in this thread: starting a worker costs more than it saves below that. Schemas are compiled here,
// once, and workers get the compiled form (schemas.ts). This module loads the validator (closures) only to validate
// in this thread, so that workers start as early as possible.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Fetcher } from '../registry/fetch.js';
import { inputDocuments, type Input } from '../resource/files.js';
import { siblingBundle } from './bundled.js';
import type { RawDocument, SplitOptions } from '../resource/stream.js';
import type { ValidationResult } from './result.js';
import { decodeResults, type ResultBatch } from './result-batch.js';
import type { ValidatorOptions } from './validator.js';
import { schemaProvider, type KindSchema, type SchemaProvider } from './schemas.js';
import type { FromWorker, ToWorker, WorkerData } from './worker.js';
import type { Finding } from '@helmforge/lint';
import type { LintBatch, LintThreadData } from '../lint/document-linter.js';
import type { FindingBatch } from '../lint/finding-batch.js';

/** The lint rules that run where documents are validated: what they need, and who takes their part of each batch (in input order). */
export interface StreamLint {
  data: LintThreadData;
  adopt(batch: LintBatch<Finding[] | FindingBatch>): void;
}

export interface StreamOptions extends ValidatorOptions, SplitOptions {
  /** Worker threads (kubeconform -n). 1 or less validates in this thread. */
  workers?: number;
  /** Documents per batch handed to a worker (default 100). */
  batchSize?: number;
  /**
   * Workers are started only for an input larger than this many bytes, one per this many bytes up to `workers`
   * (default 16 MiB): below it, starting a worker (its own V8 to start and warm up, ~0.1–0.2 s of CPU) costs more
   * than it saves, and the memory of a worker is spent for nothing.
   */
  inThreadUpToBytes?: number;
  /** The size of the whole input when it is known beforehand (files); otherwise it is read ahead up to the limit. */
  inputBytes?: number;
}

const IN_THREAD_UP_TO_BYTES = 16 * 1024 * 1024;

/** Whole files handed to a worker in one batch: up to this many bytes (at least one file). */
const FILE_BATCH_BYTES = 64 * 1024;
/** Documents handed to a worker in one batch: up to this many bytes (and `batchSize` documents). */
const DOC_BATCH_BYTES = 1024 * 1024;
/** Batches in flight per worker. */
const MAX_INFLIGHT = 3;
/**
 * Young generation of a worker's heap (3 × the semi-space: 2 MiB semi-spaces). V8 grows a busy thread's semi-spaces
 * up to 8 MiB (16 MiB for the main thread) as survivors accumulate; measured on the benchmark corpus, 2 MiB
 * semi-spaces validate as fast as 8 MiB ones (the documents of a batch die young either way) and keep ~25 MB less
 * resident for two workers.
 */
const WORKER_YOUNG_GENERATION_MB = 6;
/**
 * With the lint rules, a batch's parsed documents live until the rules have run over the whole batch, and its
 * findings and projections until they are sent. With 6 MiB each worker spent 0.9 s of its 3.7 s in the garbage
 * collector (CPU profile, 210,000 resources, -n 2); 16 MiB measured 4.7 s instead of 5.6 s for the run, at the same
 * peak RSS; 24 MiB was no faster.
 */
const LINT_WORKER_YOUNG_GENERATION_MB = 16;

/** The worker's code: its bundle (one file: a fifth of the worker's start), else the module. */
function workerUrl(): URL {
  const bundle = siblingBundle('worker', import.meta.url);
  if (bundle !== undefined) return bundle;
  const module = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(module))) return module;
  // running from sources (tests): a worker thread cannot run TypeScript, so the build's
  return new URL(import.meta.url.replace('/src/validator/pool.ts', '/dist/validator/worker.mjs'));
}

/** Validates documents as they come; yields results in input order. */
export async function* validateStream(docs: AsyncIterable<RawDocument>, options: StreamOptions = {}, fetcher?: Fetcher): AsyncGenerator<ValidationResult> {
  async function* inputs(): AsyncGenerator<Input> {
    for await (const doc of docs) yield { doc };
  }
  for await (const results of validateInputs(inputs(), options, fetcher)) yield* results;
}

/** Validates what `readInputs` yields; yields the results of each input (file or document) in input order. */

export async function* validateInputs(
  inputs: AsyncIterable<Input>,
  options: StreamOptions = {},
  fetcher?: Fetcher,
  /** The run's schemas (to read its compile statistics afterwards); by default made from `options`. */
  schemas: SchemaProvider = schemaProvider(options, fetcher),
  /** The lint rules to run on the documents as they are validated. */
  lint?: StreamLint,
): AsyncGenerator<ValidationResult[]> {
  const limit = options.inThreadUpToBytes ?? IN_THREAD_UP_TO_BYTES;
  const most = Math.max(1, Math.floor(options.workers ?? 1));
  // right-sized: as many workers as the input is worth, -n at most
  const worth = (bytes: number): number => (bytes <= limit ? 1 : Math.min(most, Math.ceil(bytes / Math.max(1, limit))));
  if (most <= 1 || (options.inputBytes !== undefined && worth(options.inputBytes) <= 1)) {
    yield* inThread([], inputs, options, schemas, lint);
    return;
  }
  if (options.inputBytes !== undefined) {
    yield* pooled([], inputs, options, worth(options.inputBytes), schemas, lint);
    return;
  }
  // a stream of unknown length: read ahead up to the limit
  const it = inputs[Symbol.asyncIterator]();
  const head: Input[] = [];
  let bytes = 0;
  for (;;) {
    const r = await it.next();
    if (r.done === true) {
      yield* inThread(head, undefined, options, schemas, lint);
      return;
    }
    head.push(r.value);
    bytes += inputBytes(r.value);
    if (bytes > limit) break;
  }
  yield* pooled(head, { [Symbol.asyncIterator]: () => it }, options, most, schemas, lint);
}

/**
 * The memory of file contents that this thread alone holds (not Node's shared pool of small buffers): moved to the
 * worker rather than copied, so that it is freed by the worker as soon as the documents are validated instead of
 * waiting here for a garbage collection (the main thread allocates little, so its collections are rare).
 */
function ownedBuffers(files: { data: Uint8Array }[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const f of files) {
    const b = f.data.buffer;
    if (b instanceof ArrayBuffer && f.data.byteOffset === 0 && f.data.byteLength === b.byteLength && !out.includes(b)) out.push(b);
  }
  return out;
}

function inputBytes(input: Input): number {
  return input.doc !== undefined ? (input.doc.text?.length ?? 0) : input.data.length;
}

async function* inThread(head: Input[], rest: AsyncIterable<Input> | undefined, options: StreamOptions, schemas: SchemaProvider, lint: StreamLint | undefined): AsyncGenerator<ValidationResult[]> {
  const { Validator } = await import('./validator.js');
  const linter = lint !== undefined ? new (await import('../lint/rules-run.js')).DocumentLinter(lint.data) : undefined;
  const { encodeFindings } = await import('../lint/finding-batch.js');
  // (findings kept as workers send them: tens of thousands of objects would otherwise live until the report)
  const adopt = (b: LintBatch | undefined): void => {
    if (b !== undefined) lint?.adopt({ findings: encodeFindings(b.findings), objects: b.objects });
  };
  const validator = new Validator(options, undefined, schemas, linter);
  const validate = async (input: Input): Promise<ValidationResult[]> => {
    const results: ValidationResult[] = [];
    for (const doc of inputDocuments(input, options)) {
      for (const r of await validator.validateDocument(doc)) results.push(r);
      if (linter?.full === true) adopt(linter.take());
    }
    adopt(linter?.take());
    return results;
  };
  // (the read-ahead inputs are let go as they are done)
  for (let input = head.shift(); input !== undefined; input = head.shift()) yield await validate(input);
  if (rest !== undefined) for await (const input of rest) yield await validate(input);
}

type Batch = { type: 'docs'; docs: RawDocument[] } | { type: 'files'; files: { filename: string; data: Uint8Array }[] };

async function* pooled(head: Input[], rest: AsyncIterable<Input>, options: StreamOptions, n: number, schemas: SchemaProvider, lint: StreamLint | undefined): AsyncGenerator<ValidationResult[]> {
  const batchSize = options.batchSize ?? 100;
  const { workers: _w, batchSize: _b, inThreadUpToBytes: _i, inputBytes: _s, ...validatorOptions } = options;
  const workers: { worker: Worker; inflight: number; nodesSent: number }[] = [];
  const done = new Map<number, { results: ResultBatch; lint: LintBatch<FindingBatch> | undefined }>();
  let failure: Error | undefined;
  let notify: (() => void) | undefined;
  const wake = (): void => {
    const fn = notify;
    notify = undefined;
    fn?.();
  };
  const url = workerUrl();
  for (let i = 0; i < n; i++) {
    const data: WorkerData = lint !== undefined ? { ...validatorOptions, lint: lint.data } : validatorOptions;
    const worker = new Worker(url, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: lint !== undefined ? LINT_WORKER_YOUNG_GENERATION_MB : WORKER_YOUNG_GENERATION_MB } });
    const slot = { worker, inflight: 0, nodesSent: 0 };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'results') {
        done.set(msg.id, { results: msg.results, lint: msg.lint });
        slot.inflight--;
        wake();
      } else if (msg.type === 'schema') {
        // compiled here, once for all workers; the worker gets the graph nodes it does not have yet
        const reply = (answer: { schema?: KindSchema | null; error?: string }): void => {
          const nodes = schemas.nodes.slice(slot.nodesSent);
          slot.nodesSent += nodes.length;
          worker.postMessage({ type: 'schema', req: msg.req, nodes, ...answer } satisfies ToWorker);
        };
        schemas.lookup(msg.apiVersion, msg.kind).then(
          (schema) => reply({ schema }),
          (err: unknown) => reply({ error: err instanceof Error ? err.message : String(err) }),
        );
      }
    });
    worker.on('error', (err) => {
      failure = err;
      wake();
    });
    workers.push(slot);
  }
  let nextId = 0;
  let nextOut = 0;
  const wait = (): Promise<void> => new Promise((resolve) => (notify = resolve));
  function* drain(): Generator<ValidationResult[]> {
    for (;;) {
      const r = done.get(nextOut);
      if (r === undefined) return;
      done.delete(nextOut);
      nextOut++;
      if (r.lint !== undefined) lint?.adopt(r.lint);
      yield decodeResults(r.results);
    }
  }
  const dispatch = async function* (batch: Batch): AsyncGenerator<ValidationResult[]> {
    for (;;) {
      if (failure) throw failure;
      yield* drain();
      let free: (typeof workers)[number] | undefined;
      for (const w of workers) if (w.inflight < MAX_INFLIGHT && (free === undefined || w.inflight < free.inflight)) free = w;
      if (free !== undefined && nextId - nextOut < n * MAX_INFLIGHT * 2) {
        free.inflight++;
        const id = nextId++;
        if (batch.type === 'docs') free.worker.postMessage({ type: 'docs', id, docs: batch.docs } satisfies ToWorker);
        else free.worker.postMessage({ type: 'files', id, files: batch.files } satisfies ToWorker, ownedBuffers(batch.files));
        return;
      }
      await wait();
    }
  };
  async function* all(): AsyncGenerator<Input> {
    yield* head;
    head = []; // not kept while the rest streams
    yield* rest;
  }
  try {
    let docs: RawDocument[] = [];
    let files: { filename: string; data: Uint8Array }[] = [];
    let bytes = 0;
    for await (const input of all()) {
      // one kind of batch at a time, so that results stay in input order
      if (input.doc !== undefined) {
        if (files.length > 0) {
          yield* dispatch({ type: 'files', files });
          files = [];
          bytes = 0;
        }
        docs.push(input.doc);
        bytes += input.doc.text?.length ?? 0;
        if (docs.length >= batchSize || bytes >= DOC_BATCH_BYTES) {
          yield* dispatch({ type: 'docs', docs });
          docs = [];
          bytes = 0;
        }
      } else {
        if (docs.length > 0) {
          yield* dispatch({ type: 'docs', docs });
          docs = [];
          bytes = 0;
        }
        files.push({ filename: input.filename, data: input.data });
        bytes += input.data.length;
        if (bytes >= FILE_BATCH_BYTES) {
          yield* dispatch({ type: 'files', files });
          files = [];
          bytes = 0;
        }
      }
    }
    if (docs.length > 0) yield* dispatch({ type: 'docs', docs });
    if (files.length > 0) yield* dispatch({ type: 'files', files });
    while (nextOut < nextId) {
      if (failure) throw failure;
      yield* drain();
      if (nextOut < nextId) await wait();
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
