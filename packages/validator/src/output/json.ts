// kubeconform's JSON output: {"resources": [...], "summary": {...}}; written at the end. With -verbose, every result is
// listed, empty documents too (with an empty status, as kubeconform lists them).
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

export class JsonOutput extends CountingOutput {
  private readonly resources: JsonResource[] = [];
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
    const doc = this.opts.summary
      ? { resources: this.resources, summary: { valid: s.valid, invalid: s.invalid, errors: s.errors, skipped: s.skipped } }
      : { resources: this.resources };
    this.w.write(`${JSON.stringify(doc, null, 2)}\n`);
  }
}
