// The rules where the documents are parsed: a validation worker (or this thread, for a small input) hands each
// document it has parsed to a DocumentLinter, which runs the rules that look at one object at a time on the objects
// of a batch of documents, finds each finding's line and column in its document's text, and keeps of each object
// only what the rules that need the whole release read (releaseProjection), for the end of the run.
import { lintRelease, locateFindings, releaseProjection, indexText, type DocumentText, type Finding, type LintConfig, type LintObject, type ResolvedConfig } from '@helmforge/lint';
import { parseManifest, type ParseResult } from '../resource/parse.js';
import type { RawDocument } from '../resource/stream.js';
import { LintSession, type LintOptions } from './session.js';

/** What a thread needs to run the rules as the main thread resolved them (no functions: they cannot cross threads). */
export interface LintThreadData {
  configs: LintConfig[];
  options: Omit<LintOptions, 'origin'>;
  kubernetesVersion: string;
  /** Keep each object's projection for the rules that need the whole release (false when none of them runs). */
  release: boolean;
}

/** The rules' part of a batch of documents: the object rules' findings, and what release rules will read. */
export interface LintBatch<F = Finding[]> {
  findings: F;
  objects: LintObject[];
}

/** The objects of a parsed document for the rules: the document's, or the items of a `…List`. */
function lintObjects(doc: RawDocument, value: unknown): LintObject[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const v = value as Record<string, unknown>;
  if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
    const out: LintObject[] = [];
    v.items.forEach((item, i) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) out.push(lintObject(doc, item as Record<string, unknown>, i));
    });
    return out;
  }
  return [lintObject(doc, v, undefined)];
}

/**
 * A document read for the rules: its objects, and why it cannot be read (what the schema check would report), if it
 * cannot. `parsed` is the validator's parse of it (strict or not: the value is the same), else it is parsed here.
 */
export function readDocument(doc: RawDocument, parsed?: ParseResult): { objects: LintObject[]; error: string | undefined } {
  if (doc.text === undefined) return { objects: [], error: doc.error ?? 'unreadable document' };
  const p = parsed ?? parseManifest(doc.text, { strict: false, firstLine: doc.line });
  return { objects: p.value === undefined ? [] : lintObjects(doc, p.value), error: p.ok ? undefined : p.error };
}

/** (a literal with the same properties each time: objects made by spreading a base cost more, by the ten thousand) */
function lintObject(doc: RawDocument, value: Record<string, unknown>, itemIndex: number | undefined): LintObject {
  const o: LintObject = { value, file: doc.filename, docIndex: doc.docIndex, line: doc.line };
  if (doc.source !== undefined) o.source = doc.source;
  if (itemIndex !== undefined) o.itemIndex = itemIndex;
  return o;
}

/**
 * Objects the rules run over at a time: each run has a cost of its own (a Release, a pass over the rules), and the
 * parsed objects it waits for live until it is done.
 */
const LINT_BATCH = 100;

export class DocumentLinter {
  private readonly config: ResolvedConfig;
  private readonly objectRules: boolean;
  private objects: LintObject[] = [];
  /** The text of each document of the batch that has objects, by file and document index. */
  private texts = new Map<string, Map<number, RawDocument>>();

  constructor(private readonly data: LintThreadData) {
    this.config = new LintSession(data.configs, data.options).config;
    this.objectRules = this.config.rules.some((r) => r.rule.scope === 'object');
  }

  /** Adds a document (see readDocument); returns why it cannot be read, if it cannot. */
  add(doc: RawDocument, parsed?: ParseResult): string | undefined {
    const { objects, error } = readDocument(doc, parsed);
    if (objects.length > 0) {
      for (const o of objects) this.objects.push(o);
      let docs = this.texts.get(doc.filename);
      if (docs === undefined) this.texts.set(doc.filename, (docs = new Map()));
      docs.set(doc.docIndex, doc);
    }
    return error;
  }

  /** Whether enough objects wait for the rules to run over them. */
  get full(): boolean {
    return this.objects.length >= LINT_BATCH;
  }

  /** Runs the object rules over the documents added since the last call; what release rules need of them. */
  take(): LintBatch | undefined {
    const objects = this.objects;
    if (objects.length === 0) return undefined;
    const texts = this.texts;
    this.objects = [];
    this.texts = new Map();
    const findings = this.objectRules ? lintRelease({ objects, kubernetesVersion: this.data.kubernetesVersion }, this.config, 'object') : [];
    // a finding is located in its document's own text (lines counted from the document's first line in its file)
    locateFindings(findings, (f): DocumentText | undefined => {
      const doc = texts.get(f.file)?.get(f.docIndex);
      if (doc?.text === undefined) return undefined;
      const text = indexText(doc.text);
      return { text, first: 0, offset: doc.line - 1, end: text.lineCount };
    });
    const kept = this.data.release ? objects.map((o) => ({ ...o, value: releaseProjection(o.value) })) : [];
    return { findings, objects: kept };
  }
}
