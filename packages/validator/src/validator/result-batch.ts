// How a worker sends a batch's results to the main thread: one table of distinct strings and one Int32Array of
// fields per result (transferred, not copied), instead of an array of objects. Most results are "valid" and differ
// only in a name and a line; as objects, each arrived with its own copies of the file name, kind and apiVersion,
// and the batches waiting for their turn to be reported survived the main thread's young-generation collections,
// which made V8 grow the main thread's heap during long runs. Objects are made again when the batch is reported,
// and die young. Results with a message (invalid, error) are sent whole.
import type { Status, ValidationResult } from './result.js';
import { stringTable } from './string-table.js';

const STATUSES: readonly Status[] = ['valid', 'invalid', 'error', 'skipped', 'empty'];
/** Int32 fields per result: filename, docIndex, line, source, itemIndex, status, kind, apiVersion, name, namespace. */
const FIELDS = 10;
const NONE = -1;
/** `fields[i * FIELDS + 5]` of a result sent whole: its index in `whole`. */
const WHOLE = -2;

export interface ResultBatch {
  strings: string[];
  fields: Int32Array;
  /** Results that carry a message or anything else the compact form has no field for. */
  whole: ValidationResult[];
}

const COMPACT_KEYS = new Set(['filename', 'docIndex', 'line', 'source', 'itemIndex', 'status', 'kind', 'apiVersion', 'name', 'namespace']);

function isCompact(r: ValidationResult): boolean {
  for (const k in r) if (!COMPACT_KEYS.has(k)) return false;
  return isInt32(r.docIndex) && isInt32(r.line) && (r.itemIndex === undefined || isInt32(r.itemIndex));
}

function isInt32(n: unknown): boolean {
  return typeof n === 'number' && (n | 0) === n;
}

export function encodeResults(results: readonly ValidationResult[]): ResultBatch {
  const { strings, id } = stringTable();
  const fields = new Int32Array(results.length * FIELDS);
  const whole: ValidationResult[] = [];
  results.forEach((r, n) => {
    const at = n * FIELDS;
    if (!isCompact(r)) {
      fields[at + 5] = WHOLE;
      fields[at] = whole.length;
      whole.push(r);
      return;
    }
    fields[at] = id(r.filename);
    fields[at + 1] = r.docIndex;
    fields[at + 2] = r.line;
    fields[at + 3] = r.source === undefined ? NONE : id(r.source);
    fields[at + 4] = r.itemIndex ?? NONE;
    fields[at + 5] = STATUSES.indexOf(r.status);
    fields[at + 6] = id(r.kind);
    fields[at + 7] = id(r.apiVersion);
    fields[at + 8] = id(r.name);
    fields[at + 9] = id(r.namespace);
  });
  return { strings, fields, whole };
}

/** The results again, as validateDocument made them (same properties, in the same order). */
export function decodeResults(batch: ResultBatch): ValidationResult[] {
  const { strings, fields, whole } = batch;
  const out: ValidationResult[] = [];
  for (let at = 0; at < fields.length; at += FIELDS) {
    const status = fields[at + 5] as number;
    if (status === WHOLE) {
      out.push(whole[fields[at] as number] as ValidationResult);
      continue;
    }
    const r: Record<string, unknown> = { filename: strings[fields[at] as number], docIndex: fields[at + 1], line: fields[at + 2] };
    if (fields[at + 3] !== NONE) r.source = strings[fields[at + 3] as number];
    if (fields[at + 4] !== NONE) r.itemIndex = fields[at + 4];
    r.status = STATUSES[status];
    r.kind = strings[fields[at + 6] as number];
    r.apiVersion = strings[fields[at + 7] as number];
    r.name = strings[fields[at + 8] as number];
    r.namespace = strings[fields[at + 9] as number];
    out.push(r as unknown as ValidationResult);
  }
  return out;
}
