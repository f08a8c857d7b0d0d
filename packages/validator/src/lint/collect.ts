// The objects of a chart render, parsed for the rules (helm template's output: one release), and the text of the
// inputs of a manifests run, for the findings of the rules that run at its end. Documents that do not parse are left
// to the schema check, which reports them.
import { readFileSync } from 'node:fs';
import { indexText, type DocumentText, type Finding, type IndexedText, type LintObject } from '@helmforge/lint';
import type { Input } from '../resource/files.js';
import { splitText, type RawDocument } from '../resource/stream.js';
import type { ValidationResult } from '../validator/result.js';
import { readDocument } from './document-linter.js';

/** The objects of one chart render (helm template's output) and the text each document is in. */
export function renderObjects(chart: string, stdout: string): { objects: LintObject[]; unreadable: { doc: RawDocument; error: string }[]; textOf: (f: Finding) => DocumentText } {
  const objects: LintObject[] = [];
  const unreadable: { doc: RawDocument; error: string }[] = [];
  for (const doc of splitText(chart, stdout)) {
    const read = readDocument(doc);
    if (read.error !== undefined) unreadable.push({ doc, error: read.error });
    else for (const o of read.objects) objects.push(o);
  }
  return { objects, unreadable, textOf: renderText(stdout) };
}

/** Where the findings of a render are: its text, indexed when first asked (findings' lines count from its start). */
export function renderText(stdout: string): (f: Finding) => DocumentText {
  let text: IndexedText | undefined;
  return (f) => ({ text: (text ??= indexText(stdout)), first: f.line - 1 });
}

/** The text of a manifests run's inputs, for findings made after their documents are gone: files read again, stdin kept. */
export class InputText {
  /** The lines of standard input (which cannot be read again), placed at their line numbers as documents pass. */
  private readonly stdinLines: string[] = [];
  private stdin: IndexedText | undefined;
  /** The file read again last (findings are located a file at a time). */
  private file: { name: string; text: IndexedText | undefined } | undefined;

  /** Sees an input as it passes (keeps what cannot be read again). */
  see(input: Input): void {
    const doc = input.doc;
    if (doc?.text === undefined || doc.filename !== 'stdin') return;
    const lines = doc.text.split('\n');
    // a text ending in a newline leaves an empty last piece: that line is the next document's marker
    const n = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    for (let i = 0; i < n; i++) this.stdinLines[doc.line - 1 + i] = lines[i] as string;
  }

  /** The text a finding's document is in. */
  textOf(f: Finding): DocumentText | undefined {
    if (f.file === 'stdin') {
      // the lines between documents are their markers
      this.stdin ??= indexText(Array.from(this.stdinLines, (l) => l ?? '---').join('\n'));
      return { text: this.stdin, first: f.line - 1 };
    }
    if (this.file?.name !== f.file) {
      let text: IndexedText | undefined;
      try {
        text = indexText(readFileSync(f.file, 'utf8'));
      } catch {
        text = undefined;
      }
      this.file = { name: f.file, text };
    }
    return this.file.text === undefined ? undefined : { text: this.file.text, first: f.line - 1 };
  }
}

/** An unreadable document as the error result the schema check would give it. */
export function unreadableResult(u: { doc: RawDocument; error: string }): ValidationResult {
  const r: ValidationResult = { status: 'error', filename: u.doc.source ?? u.doc.filename, docIndex: u.doc.docIndex, line: u.doc.line, kind: '', apiVersion: '', name: '', namespace: '', message: u.error };
  if (u.doc.source !== undefined) r.source = u.doc.source;
  return r;
}
