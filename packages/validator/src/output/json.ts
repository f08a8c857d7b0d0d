// kubeconform's JSON output: {"resources": [...], "summary": {...}}; written at the end. With -verbose, every result is
// listed, empty documents too (with an empty status, as kubeconform lists them). When rules ran, a "findings" array
// (and their counts in the summary) follows.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, resultPath } from './output.js';

const STATUS = { valid: 'statusValid', invalid: 'statusInvalid', error: 'statusError', skipped: 'statusSkipped', empty: '' } as const;

export interface JsonResource {
  filename: string;
  kind: string;
  name: string;
  version: string;
  status: string;
  msg: string;
  validationErrors?: { path: string; msg: string }[];
  line: number;
  source?: string;
  scenario?: string;
}

export interface JsonFinding {
  rule: string;
  category: string;
  severity: string;
  message: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  /** JSON pointer into the object. */
  path: string;
  filename: string;
  line: number;
  column?: number;
  source?: string;
  /** Line in the rendered template (chart renders). */
  templateLine?: number;
  scenarios?: string[];
  valuesKey?: string;
  origin?: { file: string; line: number; column: number; key: string };
}

export class JsonOutput extends CountingOutput {
  private readonly resources: JsonResource[] = [];
  private readonly findingList: JsonFinding[] = [];

  protected reportFinding(f: Finding): void {
    const o = f.object;
    const entry: JsonFinding = {
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      message: f.message,
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.name,
      namespace: o.namespace,
      path: f.pointer,
      filename: f.file,
      line: f.position?.line ?? f.line,
    };
    if (f.position !== undefined) entry.column = f.position.column;
    if (f.source !== undefined) entry.source = f.source;
    if (f.templateLine !== undefined) entry.templateLine = f.templateLine;
    if (f.scenarios !== undefined) entry.scenarios = f.scenarios;
    if (f.valuesKey !== undefined) entry.valuesKey = f.valuesKey;
    if (f.origin !== undefined) entry.origin = f.origin;
    this.findingList.push(entry);
  }

  protected report(r: ValidationResult): void {
    if (!this.opts.verbose && (r.status === 'valid' || r.status === 'skipped' || r.status === 'empty')) return;
    const entry: JsonResource = {
      filename: resultPath(r),
      kind: r.kind,
      name: r.name,
      version: r.apiVersion,
      status: STATUS[r.status],
      msg: r.message ?? '',
      line: r.line,
    };
    if (r.errors !== undefined) entry.validationErrors = r.errors.map((e) => ({ path: e.path, msg: e.message }));
    if (r.source !== undefined) entry.source = r.source;
    if (r.scenario !== undefined) entry.scenario = r.scenario;
    this.resources.push(entry);
  }

  flush(): void {
    const s = this.counter.summary;
    const lint = this.opts.rules !== undefined;
    const doc: Record<string, unknown> = { resources: this.resources };
    if (lint) doc.findings = this.findingList;
    if (this.opts.summary) doc.summary = { valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped, ...(lint ? { findings: { ...this.findings } } : {}) };
    this.w.write(`${JSON.stringify(doc, null, 2)}\n`);
  }
}
