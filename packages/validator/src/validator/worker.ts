// Worker thread: validates batches of raw documents or whole small files (split here) with its own Validator (own
// compiled schemas); schema downloads are forwarded to the main thread so that each URL is fetched (and cached)
// once. Local schema files are read here.
import { parentPort, workerData } from 'node:worker_threads';
import { fetcherFor, isUrl, type FetchResult, type Fetcher } from '../registry/fetch.js';
import { DocumentSplitter, type RawDocument, type SplitOptions } from '../resource/stream.js';

const PIECE = 8 * 1024;
import { Validator, type ValidatorOptions } from './validator.js';
import type { ValidationResult } from './result.js';
import { encodeResults, type ResultBatch } from './result-batch.js';

export type WorkerData = ValidatorOptions & SplitOptions;
export type ToWorker =
  | { type: 'docs'; id: number; docs: RawDocument[] }
  | { type: 'files'; id: number; files: { filename: string; data: Uint8Array }[] }
  | { type: 'fetched'; req: number; result?: FetchResult; error?: string };
export type FromWorker = { type: 'results'; id: number; results: ResultBatch } | { type: 'fetch'; req: number; location: string };

const port = parentPort;
if (port === null) throw new Error('worker.js must run in a worker thread');

let nextReq = 0;
const waiting = new Map<number, { resolve: (r: FetchResult) => void; reject: (e: Error) => void }>();
const local = fetcherFor({ debug: (workerData as WorkerData).debug === true });
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

const options = workerData as WorkerData;
const validator = new Validator(options, fetcher);

async function validate(docs: RawDocument[], results: ValidationResult[]): Promise<void> {
  for (const doc of docs) {
    for (const r of await validator.validateDocument(doc)) results.push(r);
  }
}

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
    if (msg.type === 'docs') await validate(msg.docs, results);
    else {
      for (const f of msg.files) {
        // split a piece at a time: only the documents being validated are alive (less garbage promoted to the old
        // generation than with all the documents of the file)
        const splitter = new DocumentSplitter(f.filename, options);
        const data = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
        const docs: RawDocument[] = [];
        for (let at = 0; at < data.length; at += PIECE) {
          splitter.push(data.subarray(at, at + PIECE), docs);
          await validate(docs, results);
          docs.length = 0;
        }
        splitter.end(docs);
        await validate(docs, results);
      }
    }
    const batch = encodeResults(results);
    port.postMessage({ type: 'results', id: msg.id, results: batch } satisfies FromWorker, [batch.fields.buffer as ArrayBuffer]);
  })();
});
