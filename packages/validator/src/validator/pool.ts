// Validates a stream of documents, in this thread or with worker threads. Results come out in input order.
// Documents are handed to workers in batches; at most a few batches per worker are in flight, so memory stays
// flat however long the stream is. A short stream is validated in this thread: starting workers (each loads Ajv
// and compiles the kinds it meets) costs more than it saves below a few hundred documents. This module does not
// load the validator (Ajv) itself unless it validates in this thread, so that workers start as early as possible.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DefaultFetcher, type Fetcher } from '../registry/fetch.js';
import type { RawDocument } from '../resource/stream.js';
import type { ValidationResult } from './result.js';
import type { ValidatorOptions } from './validator.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface StreamOptions extends ValidatorOptions {
  /** Worker threads (kubeconform -n). 1 or less validates in this thread. */
  workers?: number;
  /** Documents per batch handed to a worker (default 100). */
  batchSize?: number;
  /** A stream of at most this many documents is validated in this thread, whatever `workers` says (default 500). */
  inThreadUpTo?: number;
}

function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  // running from sources (tests): use the built worker
  return new URL(here.href.replace('/src/validator/worker.js', '/dist/validator/worker.js'));
}

/** Validates documents as they come; yields results in input order. */
export async function* validateStream(docs: AsyncIterable<RawDocument>, options: StreamOptions = {}, fetcher?: Fetcher): AsyncGenerator<ValidationResult> {
  const f =
    fetcher ?? new DefaultFetcher({ ...(options.cache !== undefined ? { cacheDir: options.cache } : {}), insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false });
  const n = Math.max(1, Math.floor(options.workers ?? 1));
  if (n <= 1) {
    yield* inThread(docs, [], options, f);
    return;
  }
  // look ahead: a short stream is not worth starting workers
  const it = docs[Symbol.asyncIterator]();
  const head: RawDocument[] = [];
  const limit = options.inThreadUpTo ?? 500;
  for (;;) {
    const r = await it.next();
    if (r.done === true) {
      yield* inThread(undefined, head, options, f);
      return;
    }
    head.push(r.value);
    if (head.length > limit) break;
  }
  yield* pooled(head, { [Symbol.asyncIterator]: () => it }, options, n, f);
}

async function* inThread(docs: AsyncIterable<RawDocument> | undefined, head: RawDocument[], options: StreamOptions, fetcher: Fetcher): AsyncGenerator<ValidationResult> {
  const { Validator } = await import('./validator.js');
  const validator = new Validator(options, fetcher);
  for (const doc of head) yield* await validator.validateDocument(doc);
  if (docs !== undefined) for await (const doc of docs) yield* await validator.validateDocument(doc);
}

async function* pooled(head: RawDocument[], rest: AsyncIterable<RawDocument>, options: StreamOptions, n: number, fetcher: Fetcher): AsyncGenerator<ValidationResult> {
  const batchSize = options.batchSize ?? 100;
  const maxInflight = 3;
  const { workers: _w, batchSize: _b, inThreadUpTo: _i, ...validatorOptions } = options;
  const workers: { worker: Worker; inflight: number }[] = [];
  const done = new Map<number, ValidationResult[]>();
  let failure: Error | undefined;
  let notify: (() => void) | undefined;
  const wake = (): void => {
    const fn = notify;
    notify = undefined;
    fn?.();
  };
  const url = workerUrl();
  for (let i = 0; i < n; i++) {
    const worker = new Worker(url, { workerData: validatorOptions });
    const slot = { worker, inflight: 0 };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'results') {
        done.set(msg.id, msg.results);
        slot.inflight--;
        wake();
      } else if (msg.type === 'fetch') {
        fetcher.fetch(msg.location).then(
          (result) => worker.postMessage({ type: 'fetched', req: msg.req, result } satisfies ToWorker),
          (err: unknown) => worker.postMessage({ type: 'fetched', req: msg.req, error: err instanceof Error ? err.message : String(err) } satisfies ToWorker),
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
  function* drain(): Generator<ValidationResult> {
    for (;;) {
      const r = done.get(nextOut);
      if (r === undefined) return;
      done.delete(nextOut);
      nextOut++;
      yield* r;
    }
  }
  const dispatch = async function* (batch: RawDocument[]): AsyncGenerator<ValidationResult> {
    for (;;) {
      if (failure) throw failure;
      yield* drain();
      const free = workers.filter((w) => w.inflight < maxInflight).sort((a, b) => a.inflight - b.inflight)[0];
      if (free !== undefined && nextId - nextOut < n * maxInflight * 2) {
        free.inflight++;
        free.worker.postMessage({ type: 'batch', id: nextId++, docs: batch } satisfies ToWorker);
        return;
      }
      await wait();
    }
  };
  async function* all(): AsyncGenerator<RawDocument> {
    yield* head;
    head = []; // not kept while the rest streams
    yield* rest;
  }
  try {
    let batch: RawDocument[] = [];
    let bytes = 0;
    for await (const doc of all()) {
      batch.push(doc);
      bytes += doc.text?.length ?? 0;
      if (batch.length >= batchSize || bytes >= 1024 * 1024) {
        yield* dispatch(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) yield* dispatch(batch);
    while (nextOut < nextId) {
      if (failure) throw failure;
      yield* drain();
      if (nextOut < nextId) await wait();
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
