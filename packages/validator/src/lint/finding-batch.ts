// How a validation worker sends the findings of its documents to the main thread: one table of distinct strings and
// one Int32Array of fields per finding (transferred, not copied), as result-batch.ts does for results. A run of
// 21,000 resources makes ~40,000 findings; as objects each would be copied field by field into the main thread and
// kept there until the report. Findings are made again, with the properties the engine gives them, when reported.
import type { Finding } from '@helmforge/lint';
import { stringTable } from '../validator/string-table.js';

/**
 * Int32 fields per finding: rule, category, severity, message, apiVersion, kind, name, namespace, pointer, file, line,
 * docIndex, itemIndex, source, scenarios, kubernetesVersion, evidence type, evidence, position line, position column,
 * templateLine, valuesKey, origin.
 */
const FIELDS = 23;
const NONE = -1;
const EVIDENCE = { none: 0, string: 1, number: 2, true: 3, false: 4 } as const;

export interface FindingBatch {
  strings: string[];
  /** Evidence that is a number. */
  numbers: number[];
  fields: Int32Array;
}

export function encodeFindings(findings: readonly Finding[]): FindingBatch {
  const { strings, id } = stringTable();
  const optional = (s: string | undefined): number => (s === undefined ? NONE : id(s));
  const numbers: number[] = [];
  const fields = new Int32Array(findings.length * FIELDS);
  for (let n = 0; n < findings.length; n++) {
    const f = findings[n] as Finding;
    const at = n * FIELDS;
    fields[at] = id(f.rule);
    fields[at + 1] = id(f.category);
    fields[at + 2] = id(f.severity);
    fields[at + 3] = id(f.message);
    fields[at + 4] = id(f.object.apiVersion);
    fields[at + 5] = id(f.object.kind);
    fields[at + 6] = id(f.object.name);
    fields[at + 7] = id(f.object.namespace);
    fields[at + 8] = id(f.pointer);
    fields[at + 9] = id(f.file);
    fields[at + 10] = f.line;
    fields[at + 11] = f.docIndex;
    fields[at + 12] = f.itemIndex ?? NONE;
    fields[at + 13] = optional(f.source);
    fields[at + 14] = f.scenarios === undefined ? NONE : id(JSON.stringify(f.scenarios));
    fields[at + 15] = optional(f.kubernetesVersion);
    const e = f.evidence;
    if (typeof e === 'string') {
      fields[at + 16] = EVIDENCE.string;
      fields[at + 17] = id(e);
    } else if (typeof e === 'number') {
      fields[at + 16] = EVIDENCE.number;
      fields[at + 17] = numbers.push(e) - 1;
    } else fields[at + 16] = e === undefined ? EVIDENCE.none : e ? EVIDENCE.true : EVIDENCE.false;
    fields[at + 18] = f.position?.line ?? NONE;
    fields[at + 19] = f.position?.column ?? NONE;
    fields[at + 20] = f.templateLine ?? NONE;
    fields[at + 21] = optional(f.valuesKey);
    fields[at + 22] = f.origin === undefined ? NONE : id(JSON.stringify(f.origin));
  }
  return { strings, numbers, fields };
}

export function findingCount(batch: FindingBatch): number {
  return batch.fields.length / FIELDS;
}

/** The findings again, with the properties (and their order) that the engine gives them. */
export function decodeFindings(batch: FindingBatch, out: Finding[] = []): Finding[] {
  const n = findingCount(batch);
  for (let k = 0; k < n; k++) out.push(decodeFinding(batch, k));
  return out;
}

/** The `k`-th finding of a batch. */
export function decodeFinding(batch: FindingBatch, k: number): Finding {
  const { strings, numbers, fields } = batch;
  const at = k * FIELDS;
  const s = (i: number): string => strings[i] as string;
  const optional = (i: number): string | undefined => (i === NONE ? undefined : (strings[i] as string));
  const type = fields[at + 16] as number;
  const evidence = type === EVIDENCE.string ? s(fields[at + 17] as number) : type === EVIDENCE.number ? numbers[fields[at + 17] as number] : type === EVIDENCE.none ? undefined : type === EVIDENCE.true;
  const line = fields[at + 18] as number;
  const scenarios = fields[at + 14] as number;
  const origin = fields[at + 22] as number;
  return {
    rule: s(fields[at] as number),
    category: s(fields[at + 1] as number) as Finding['category'],
    severity: s(fields[at + 2] as number) as Finding['severity'],
    message: s(fields[at + 3] as number),
    object: { apiVersion: s(fields[at + 4] as number), kind: s(fields[at + 5] as number), name: s(fields[at + 6] as number), namespace: s(fields[at + 7] as number) },
    pointer: s(fields[at + 8] as number),
    file: s(fields[at + 9] as number),
    line: fields[at + 10] as number,
    docIndex: fields[at + 11] as number,
    itemIndex: fields[at + 12] === NONE ? undefined : fields[at + 12],
    source: optional(fields[at + 13] as number),
    scenarios: scenarios === NONE ? undefined : (JSON.parse(s(scenarios)) as string[]),
    kubernetesVersion: optional(fields[at + 15] as number),
    evidence,
    position: line === NONE ? undefined : { line, column: fields[at + 19] as number },
    templateLine: fields[at + 20] === NONE ? undefined : fields[at + 20],
    valuesKey: optional(fields[at + 21] as number),
    origin: origin === NONE ? undefined : (JSON.parse(s(origin)) as Finding['origin']),
  };
}

/** The line a finding is reported in order of: in its template for a chart's, else in its file. */
export function orderLine(f: Finding): number {
  return f.source !== undefined ? (f.templateLine ?? 0) : (f.position?.line ?? f.line);
}

/** `orderLine` and the rest of what findings are reported in order of (template or file, rule), without making the finding. */
export function findingOrder(batch: FindingBatch, k: number): { where: string; line: number; rule: string } {
  const { strings, fields } = batch;
  const at = k * FIELDS;
  const source = fields[at + 13] as number;
  const position = fields[at + 18] as number;
  const templateLine = fields[at + 20] as number;
  const line = source !== NONE ? (templateLine === NONE ? 0 : templateLine) : position !== NONE ? position : (fields[at + 10] as number);
  return { where: strings[source !== NONE ? source : (fields[at + 9] as number)] as string, line, rule: strings[fields[at] as number] as string };
}
