// The rules over a manifests run, where every input is one release. The rules that look at one object at a time run
// where the documents are parsed and validated (validation workers, or this thread for a small input: see
// document-linter.ts); their findings, and each object's projection for the rules that need the whole release, come
// back here with the results. At the end those rules run over the projections, and their findings are located in
// the inputs' text (files read again, stdin kept).
import type { LintObject } from '@helmforge/lint';
import type { Input } from '../resource/files.js';
import { InputText } from './collect.js';
import type { LintBatch, LintThreadData } from './document-linter.js';
import type { FindingBatch } from './finding-batch.js';
import type { LintSession } from './session.js';

export class ManifestLinter {
  private readonly texts = new InputText();
  private readonly objects: LintObject[] = [];

  constructor(
    private readonly session: LintSession,
    readonly data: LintThreadData,
  ) {}

  /** Sees an input before it goes on to validation (its bytes may be moved to a worker after this). */
  see(input: Input): void {
    this.texts.see(input);
  }

  /** The rules' part of a batch of documents, in input order. */
  adopt(batch: LintBatch<LintBatch['findings'] | FindingBatch>): void {
    this.session.adopt(batch.findings);
    for (const o of batch.objects) this.objects.push(o);
  }

  /** Runs the rules that need the whole release, and hands their findings to the session. */
  finish(): void {
    this.session.lint({ objects: this.objects, kubernetesVersion: this.data.kubernetesVersion }, (f) => this.texts.textOf(f), undefined, 'release');
    this.objects.length = 0;
  }
}
