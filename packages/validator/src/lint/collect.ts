// The objects of a release, parsed for the rules: from a chart render's text, or from manifest inputs as they
// stream past (before their bytes are handed to a worker thread). Documents that do not parse are left to the
// schema check, which reports them.
import { readFileSync } from 'node:fs';
import type { DocumentLines, Finding, LintObject } from '@helmforge/lint';
import { inputDocuments, type Input } from '../resource/files.js';
import { parseManifest } from '../resource/parse.js';
import { splitText, type RawDocument, type SplitOptions } from '../resource/stream.js';
import type { ValidationResult } from '../validator/result.js';

export class ReleaseCollector {
  readonly objects: LintObject[] = [];
  /** Documents that do not parse (reported by the schema check, or by the rules' run alone with --lint-only). */
  readonly unreadable: { doc: RawDocument; error: string }[] = [];
  /** The lines of standard input (which cannot be read again), placed at their line numbers as documents pass. */
  private readonly stdinLines: string[] = [];
  private stdinView: string[] | undefined;
  /** Files read again for their findings' positions, split into lines once each. */
  private readonly files = new Map<string, string[]>();

  constructor(private readonly options: SplitOptions & { strict?: boolean } = {}) {}

  addInput(input: Input): void {
    if (input.doc !== undefined) {
      if (input.doc.text !== undefined && input.doc.filename === 'stdin') {
        const lines = input.doc.text.split('\n');
        // a text ending in a newline leaves an empty last piece: that line is the next document's marker
        const n = lines.at(-1) === '' ? lines.length - 1 : lines.length;
        for (let i = 0; i < n; i++) this.stdinLines[input.doc.line - 1 + i] = lines[i] as string;
      }
      this.addDocument(input.doc);
      return;
    }
    for (const doc of inputDocuments(input, this.options)) this.addDocument(doc);
  }

  addDocument(doc: RawDocument): void {
    if (doc.text === undefined) {
      this.unreadable.push({ doc, error: doc.error ?? 'unreadable document' });
      return;
    }
    const parsed = parseManifest(doc.text, { strict: false, firstLine: doc.line });
    if (!parsed.ok) this.unreadable.push({ doc, error: parsed.error });
    if (!parsed.ok || parsed.value === undefined) return;
    const base = { file: doc.filename, docIndex: doc.docIndex, line: doc.line, ...(doc.source !== undefined ? { source: doc.source } : {}) };
    const v = parsed.value as Record<string, unknown>;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
        v.items.forEach((item, i) => {
          if (item !== null && typeof item === 'object' && !Array.isArray(item)) this.objects.push({ ...base, value: item as Record<string, unknown>, itemIndex: i });
        });
      } else this.objects.push({ ...base, value: v });
    }
  }

  /** The lines a finding's document is in: standard input as kept, files read again. */
  linesOf(f: Finding): DocumentLines | undefined {
    if (f.file === 'stdin') {
      // the lines between documents are their markers
      this.stdinView ??= Array.from(this.stdinLines, (l) => l ?? '---');
      return { lines: this.stdinView, first: f.line - 1 };
    }
    let lines = this.files.get(f.file);
    if (lines === undefined) {
      try {
        lines = readFileSync(f.file, 'utf8').split('\n');
      } catch {
        lines = [];
      }
      this.files.set(f.file, lines);
    }
    return lines.length === 0 ? undefined : { lines, first: f.line - 1 };
  }
}

/** The objects of one chart render (helm template's output) and the lines each document is in. */
export function renderObjects(chart: string, stdout: string): { collector: ReleaseCollector; linesOf: (f: Finding) => DocumentLines } {
  const collector = new ReleaseCollector();
  for (const d of splitText(chart, stdout)) collector.addDocument(d);
  let lines: string[] | undefined;
  return { collector, linesOf: (f) => ({ lines: (lines ??= stdout.split('\n')), first: f.line - 1 }) };
}

/** An unreadable document as the error result the schema check would give it. */
export function unreadableResult(u: { doc: RawDocument; error: string }): ValidationResult {
  const r: ValidationResult = { status: 'error', filename: u.doc.source ?? u.doc.filename, docIndex: u.doc.docIndex, line: u.doc.line, kind: '', apiVersion: '', name: '', namespace: '', message: u.error };
  if (u.doc.source !== undefined) r.source = u.doc.source;
  return r;
}
