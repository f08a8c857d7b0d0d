// The objects of a release, parsed for the rules: from a chart render's text, or from manifest inputs as they
// stream past (before their bytes are handed to a worker thread). Documents that do not parse are left to the
// schema check, which reports them.
import { readFileSync } from 'node:fs';
import type { Finding, LintObject } from '@helmforge/lint';
import { inputDocuments, type Input } from '../resource/files.js';
import { parseManifest } from '../resource/parse.js';
import { splitText, type RawDocument, type SplitOptions } from '../resource/stream.js';
import type { ValidationResult } from '../validator/result.js';

export class ReleaseCollector {
  readonly objects: LintObject[] = [];
  /** Documents that do not parse (reported by the schema check, or by the rules' run alone with --lint-only). */
  readonly unreadable: { doc: RawDocument; error: string }[] = [];
  /** Texts of documents that cannot be read again (standard input), by file and index. */
  private readonly streamed = new Map<string, string>();

  constructor(private readonly options: SplitOptions & { strict?: boolean } = {}) {}

  addInput(input: Input): void {
    if (input.doc !== undefined) {
      if (input.doc.text !== undefined && input.doc.filename === 'stdin') this.streamed.set(`stdin\0${input.doc.docIndex}`, input.doc.text);
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

  /** The text of a finding's document: kept for standard input, read again (and split) for files. */
  textOf(f: Finding): string | undefined {
    const kept = this.streamed.get(`${f.file}\0${f.docIndex}`);
    if (kept !== undefined || f.file === 'stdin') return kept;
    let docs = this.files.get(f.file);
    if (docs === undefined) {
      try {
        docs = splitText(f.file, readFileSync(f.file), this.options);
      } catch {
        docs = [];
      }
      this.files.set(f.file, docs);
    }
    return docs[f.docIndex]?.text;
  }

  private readonly files = new Map<string, RawDocument[]>();
}

/** The objects of one chart render (helm template's output) and a way back to each document's text. */
export function renderObjects(chart: string, stdout: string): { collector: ReleaseCollector; textOf: (f: Finding) => string | undefined } {
  const docs = splitText(chart, stdout);
  const collector = new ReleaseCollector();
  for (const d of docs) collector.addDocument(d);
  return { collector, textOf: (f) => docs[f.docIndex]?.text };
}

/** An unreadable document as the error result the schema check would give it. */
export function unreadableResult(u: { doc: RawDocument; error: string }): ValidationResult {
  const r: ValidationResult = { status: 'error', filename: u.doc.source ?? u.doc.filename, docIndex: u.doc.docIndex, line: u.doc.line, kind: '', apiVersion: '', name: '', namespace: '', message: u.error };
  if (u.doc.source !== undefined) r.source = u.doc.source;
  return r;
}
