// Worker thread: validates batches of raw documents or whole small files (split here). Schemas are compiled once per
// run, in the main thread (schemas.ts): a worker asks for a kind and gets the schema graph nodes it does not have yet,
// then builds its closures from them (microseconds), so that no worker parses, converts or downloads a schema.
// With the lint rules on, it also runs the rules that look at one object at a time on the documents it has parsed,
// and sends their findings and what the other rules need of each object with the results.
import { parentPort, workerData } from 'node:worker_threads';
import type { Finding, LintObject } from '@helmforge/lint';
import type { DocumentLinter, LintBatch, LintThreadData } from '../lint/document-linter.js';
import { encodeFindings, type FindingBatch } from '../lint/finding-batch.js';
import { DocumentSplitter, type RawDocument, type SplitOptions } from '../resource/stream.js';
import type { SchemaNode } from './graph.js';
import type { KindSchema, KindSchemas } from './schemas.js';
import { DocumentValidator } from './document.js';
import type { ValidatorOptions } from './validator.js';
import type { ValidationResult } from './result.js';
import { encodeResults, type ResultBatch } from './result-batch.js';

const PIECE = 8 * 1024;

export type WorkerData = ValidatorOptions & SplitOptions & { lint?: LintThreadData };
export type ToWorker =
  | { type: 'docs'; id: number; docs: RawDocument[] }
  | { type: 'files'; id: number; files: { filename: string; data: Uint8Array }[] }
  | { type: 'schema'; req: number; schema?: KindSchema | null; nodes: SchemaNode[]; error?: string };
export type FromWorker = { type: 'results'; id: number; results: ResultBatch; lint?: LintBatch<FindingBatch> } | { type: 'schema'; req: number; apiVersion: string; kind: string };

const port = parentPort;
if (port === null) throw new Error('worker.js must run in a worker thread');

/** The main thread's schemas, asked for once per kind; nodes arrive with the answers. */
class MainThreadSchemas implements KindSchemas {
  readonly nodes: SchemaNode[] = [];
  private nextReq = 0;
  private readonly waiting = new Map<number, { resolve: (s: KindSchema | null) => void; reject: (e: Error) => void }>();
  private readonly byKind = new Map<string, Promise<KindSchema | null>>();

  lookup(apiVersion: string, kind: string): Promise<KindSchema | null> {
    const gvk = `${apiVersion}/${kind}`;
    let p = this.byKind.get(gvk);
    if (p === undefined) {
      const req = this.nextReq++;
      p = new Promise((resolve, reject) => {
        this.waiting.set(req, { resolve, reject });
        (port as NonNullable<typeof port>).postMessage({ type: 'schema', req, apiVersion, kind } satisfies FromWorker);
      });
      this.byKind.set(gvk, p);
      p.catch(() => this.byKind.delete(gvk)); // a failure (a download) is asked again by the next resource
    }
    return p;
  }

  answer(msg: Extract<ToWorker, { type: 'schema' }>): void {
    for (const n of msg.nodes) this.nodes.push(n);
    const w = this.waiting.get(msg.req);
    this.waiting.delete(msg.req);
    if (msg.error !== undefined) w?.reject(new Error(msg.error));
    else w?.resolve(msg.schema ?? null);
  }
}

const { lint: lintData, ...options } = workerData as WorkerData;
const schemas = new MainThreadSchemas();
// (the rules, their configuration's YAML library and the locating code are loaded only when they run: a bundle of
// their own, tools/bundle.mjs --split)
const linter: DocumentLinter | undefined = lintData !== undefined ? new (await import('../lint/rules-run.js')).DocumentLinter(lintData) : undefined;
const validator = new DocumentValidator(options, schemas, linter);

/**
 * The rules' part of the documents validated since the last call, added to what the message gives back: at the end
 * of a message, or once enough objects wait (the rules run over batches: each run has a cost of its own).
 */
function lint(into: { findings: Finding[]; objects: LintObject[] }, end: boolean): void {
  if (linter === undefined || (!end && !linter.full)) return;
  const batch = linter.take();
  if (batch === undefined) return;
  for (const f of batch.findings) into.findings.push(f);
  for (const o of batch.objects) into.objects.push(o);
}

async function validate(docs: RawDocument[], results: ValidationResult[]): Promise<void> {
  for (const doc of docs) {
    for (const r of await validator.validateDocument(doc)) results.push(r);
  }
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'schema') {
    schemas.answer(msg);
    return;
  }
  void (async () => {
    const results: ValidationResult[] = [];
    const linted: LintBatch = { findings: [], objects: [] };
    if (msg.type === 'docs') {
      await validate(msg.docs, results);
    } else {
      for (const f of msg.files) {
        // split a piece at a time: only the documents being validated are alive (less garbage promoted to the old
        // generation than with all the documents of the file)
        const splitter = new DocumentSplitter(f.filename, options);
        const data = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
        const docs: RawDocument[] = [];
        for (let at = 0; at < data.length; at += PIECE) {
          splitter.push(data.subarray(at, at + PIECE), docs);
          await validate(docs, results);
          lint(linted, false);
          docs.length = 0;
        }
        splitter.end(docs);
        await validate(docs, results);
      }
    }
    lint(linted, true);
    const batch = encodeResults(results);
    const findings = linter !== undefined ? encodeFindings(linted.findings) : undefined;
    const transfer = [batch.fields.buffer as ArrayBuffer, ...(findings !== undefined ? [findings.fields.buffer as ArrayBuffer] : [])];
    port.postMessage({ type: 'results', id: msg.id, results: batch, ...(findings !== undefined ? { lint: { findings, objects: linted.objects } } : {}) } satisfies FromWorker, transfer);
  })();
});
