// The rules over a manifests run: every input is one release. Inputs are parsed as they stream past (before a
// validation worker takes their bytes). A small input is linted in this thread at the end; from 256 KiB on, a lint
// thread takes over: it parses and runs the object-scoped rules as inputs arrive, beside the validation workers, and
// the rules that need the whole release at the end, so that this thread keeps feeding the validation workers.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, LintConfig } from '@helmforge/lint';
import type { Input } from '../resource/files.js';
import { siblingBundle } from '../validator/bundled.js';
import { ReleaseCollector } from './collect.js';
import type { LintOptions, LintSession } from './session.js';

/** What a lint thread needs to resolve the same configuration (no functions: they cannot cross threads). */
export interface LintThreadData {
  configs: LintConfig[];
  options: Omit<LintOptions, 'origin'>;
  kubernetesVersion: string;
  maxDocumentBytes?: number;
}

export type ToLintThread = { type: 'input'; input: { filename: string; data: Uint8Array } | { doc: NonNullable<Input['doc']> } } | { type: 'end' };
export type FromLintThread = { type: 'findings'; findings: Finding[] };

/** Inputs up to this size are linted in this thread (starting a thread costs more). */
const IN_THREAD_UP_TO_BYTES = 256 * 1024;

function lintThreadUrl(): URL {
  const bundle = siblingBundle('lint-worker', import.meta.url);
  if (bundle !== undefined) return bundle;
  const module = new URL('./lint-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(module))) return module;
  // running from sources (tests): a worker thread cannot run TypeScript, so the build's
  return new URL(import.meta.url.replace('/src/lint/manifests.ts', '/dist/lint/lint-worker.mjs'));
}

export class ManifestLinter {
  readonly collector: ReleaseCollector;
  private buffered: Input[] = [];
  private bytes = 0;
  private thread: Worker | undefined;
  private result: Promise<Finding[]> | undefined;

  constructor(
    private readonly session: LintSession,
    private readonly data: LintThreadData,
    /** Whether a lint thread may be started (the run uses worker threads). */
    private readonly threads: boolean,
  ) {
    this.collector = new ReleaseCollector(data.maxDocumentBytes !== undefined ? { maxDocumentBytes: data.maxDocumentBytes } : {});
  }

  /** Sees an input before it goes on to validation (its bytes may be moved to a worker after this). */
  add(input: Input): void {
    if (this.thread !== undefined) return this.post(input);
    if (!this.threads) return this.collector.addInput(input);
    this.buffered.push(input.doc !== undefined ? input : { filename: input.filename, data: Buffer.from(input.data) });
    this.bytes += input.doc !== undefined ? (input.doc.text?.length ?? 0) : input.data.length;
    if (this.bytes > IN_THREAD_UP_TO_BYTES) this.start();
  }

  /** Runs what remains and hands the findings to the session. */
  async finish(): Promise<void> {
    if (this.thread === undefined) {
      for (const input of this.buffered) this.collector.addInput(input);
      this.buffered = [];
      this.session.lint({ objects: this.collector.objects, kubernetesVersion: this.data.kubernetesVersion }, (f) => this.collector.linesOf(f));
      return;
    }
    this.thread.postMessage({ type: 'end' } satisfies ToLintThread);
    const findings = await (this.result as Promise<Finding[]>);
    await this.thread.terminate();
    this.session.adopt(findings);
  }

  /** Stops the lint thread without results (the run stopped early). */
  async abort(): Promise<void> {
    await this.thread?.terminate();
  }

  private start(): void {
    const thread = new Worker(lintThreadUrl(), { workerData: this.data satisfies LintThreadData });
    this.thread = thread;
    this.result = new Promise((resolve, reject) => {
      thread.on('message', (m: FromLintThread) => resolve(m.findings));
      thread.on('error', reject);
      thread.on('exit', (code) => reject(new Error(`the lint thread stopped (exit code ${code})`)));
    });
    this.result.catch(() => undefined); // observed by finish()
    for (const input of this.buffered) this.post(input);
    this.buffered = [];
  }

  private post(input: Input): void {
    // the bytes are copied into the message: the validation worker still gets the original
    const message: ToLintThread = { type: 'input', input: input.doc !== undefined ? { doc: input.doc } : { filename: input.filename, data: input.data } };
    (this.thread as Worker).postMessage(message);
  }
}
