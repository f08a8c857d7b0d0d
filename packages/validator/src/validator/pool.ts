// Validates a stream of documents, in this thread or with worker threads. Results come out in input order.
// Documents are handed to workers in batches; at most a few batches per worker are in flight, so memory stays
// flat however long the stream is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DefaultFetcher, type Fetcher } from '../registry/fetch.js';
import type { RawDocument } from '../resource/stream.js';
import type { ValidationResult } from './result.js';
import { Validator, type ValidatorOptions } from './validator.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface StreamOptions extends ValidatorOptions {
  /** Worker threads (kubeconform -n). 1 or less validates in this thread. */
  workers?: number;
  /** Documents per batch handed to a worker (default 100). */
  batchSize?: number;
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
    const validator = new Validator(options, f);
    for await (const doc of docs) yield* await validator.validateDocument(doc);
    return;
  }
  yield* pooled(docs, options, n, f);
}

async function* pooled(docs: AsyncIterable<RawDocument>, options: StreamOptions, n: number, fetcher: Fetcher): AsyncGenerator<ValidationResult> {
  const batchSize = options.batchSize ?? 100;
  const maxInflight = 3;
  const { workers: _w, batchSize: _b, ...validatorOptions } = options;
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
  try {
    let batch: RawDocument[] = [];
    let bytes = 0;
    for await (const doc of docs) {
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
