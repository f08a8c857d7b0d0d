// Worker thread: validates batches of raw documents with its own Validator (own compiled schemas); schema
// downloads are forwarded to the main thread so that each URL is fetched (and cached) once. Local schema files
// are read here.
import { parentPort, workerData } from 'node:worker_threads';
import { DefaultFetcher, isUrl, type FetchResult, type Fetcher } from '../registry/fetch.js';
import type { RawDocument } from '../resource/stream.js';
import { Validator, type ValidatorOptions } from './validator.js';
import type { ValidationResult } from './result.js';

export type ToWorker = { type: 'batch'; id: number; docs: RawDocument[] } | { type: 'fetched'; req: number; result?: FetchResult; error?: string };
export type FromWorker = { type: 'results'; id: number; results: ValidationResult[] } | { type: 'fetch'; req: number; location: string } | { type: 'rss'; maxRSS: number };

const port = parentPort;
if (port === null) throw new Error('worker.js must run in a worker thread');

let nextReq = 0;
const waiting = new Map<number, { resolve: (r: FetchResult) => void; reject: (e: Error) => void }>();
const local = new DefaultFetcher();
const fetcher: Fetcher = {
  fetch(location) {
    if (!isUrl(location)) return local.fetch(location);
    const req = nextReq++;
    return new Promise((resolve, reject) => {
      waiting.set(req, { resolve, reject });
      port.postMessage({ type: 'fetch', req, location } satisfies FromWorker);
    });
  },
};

const validator = new Validator(workerData as ValidatorOptions, fetcher);

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'fetched') {
    const w = waiting.get(msg.req);
    waiting.delete(msg.req);
    if (msg.error !== undefined) w?.reject(new Error(msg.error));
    else if (msg.result !== undefined) w?.resolve(msg.result);
    return;
  }
  void (async () => {
    const results: ValidationResult[] = [];
    for (const doc of msg.docs) {
      for (const r of await validator.validateDocument(doc)) results.push(r);
    }
    port.postMessage({ type: 'results', id: msg.id, results } satisfies FromWorker);
  })();
});
