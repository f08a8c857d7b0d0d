// Output formats, as kubeconform has them (text, json, junit, tap, pretty) plus SARIF. Each format is a small
// class: write() per result, finding() per lint finding, flush() at the end. Counting is shared.
import type { Finding, Rule, Severity } from '@helmforge/lint';
import type { Status, Summary, ValidationResult } from '../validator/result.js';

export interface Writer {
  write(s: string): unknown;
}

export interface OutputOptions {
  /** Print the summary (kubeconform -summary). */
  summary?: boolean;
  /** Also report valid and skipped resources (kubeconform -verbose). */
  verbose?: boolean;
  /** The input was standard input (changes the summary wording). */
  isStdin?: boolean;
  /** ANSI colours in `pretty` output. */
  color?: boolean;
  /** Tool name and version in JUnit/SARIF. */
  toolName?: string;
  toolVersion?: string;
  /** The lint rules of the run (SARIF lists them); set when rules ran, which adds the findings' summary line. */
  rules?: readonly Rule[];
  /** Schema checks ran (default true); false with `--lint-only`, which leaves out kubeconform's summary line. */
  schemas?: boolean;
}

export interface Output {
  write(result: ValidationResult): void;
  /** A lint finding (all come after the results). */
  finding(f: Finding): void;
  flush(): void;
  readonly summary: Summary;
}

export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'tap', 'pretty', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The summary counter of each status. */
const SUMMARY_KEY = { valid: 'valid', invalid: 'invalid', error: 'errors', skipped: 'skipped', empty: 'empty' } as const satisfies Record<Status, keyof Summary>;

/** Counts results the way kubeconform does (empty documents only count their file). */
export class Counter {
  readonly summary: Summary = { valid: 0, invalid: 0, errors: 0, skipped: 0, empty: 0, files: 0 };
  private readonly files = new Set<string>();

  count(r: ValidationResult): void {
    if (!this.files.has(r.filename)) {
      this.files.add(r.filename);
      this.summary.files = this.files.size;
    }
    this.summary[SUMMARY_KEY[r.status]]++;
  }

  get resources(): number {
    const s = this.summary;
    return s.valid + s.invalid + s.errors + s.skipped;
  }
}

/** What every format shares: counting, the summary, and the writer and options it was made with. */
export abstract class CountingOutput implements Output {
  protected readonly counter = new Counter();
  constructor(
    protected readonly w: Writer,
    protected readonly opts: OutputOptions = {},
  ) {}

  get summary(): Summary {
    return this.counter.summary;
  }

  write(r: ValidationResult): void {
    this.counter.count(r);
    this.report(r);
  }

  finding(f: Finding): void {
    this.findings[f.severity]++;
    this.reportFinding(f);
  }

  /** Findings counted by severity. */
  protected readonly findings: Record<Severity, number> = { error: 0, warning: 0, info: 0 };

  /** Reports one (already counted) result. */
  protected abstract report(r: ValidationResult): void;

  /** Reports one (already counted) finding. */
  protected abstract reportFinding(f: Finding): void;

  /**
   * The summary lines: kubeconform's (unless only rules ran), and the findings' when rules ran and found something
   * or ran alone (a clean run of schemas and rules says so in kubeconform's one line).
   */
  protected summaryLines(): string {
    const schema = this.opts.schemas === false ? '' : summaryLine(this.counter, this.opts.isStdin ?? false);
    const found = this.findings.error + this.findings.warning + this.findings.info > 0;
    return this.opts.rules !== undefined && (found || this.opts.schemas === false) ? `${schema}${findingsLine(this.findings)}` : schema;
  }
  abstract flush(): void;
}

/** Whether pretty output is coloured: as kubeconform, even when piped, unless NO_COLOR (no-color.org) is set. */
export function colorFromEnvironment(): boolean {
  return (process.env.NO_COLOR ?? '') === '';
}

/** kubeconform's signature.QualifiedName(): `apiVersion/kind/namespace/name`. */
export function qualifiedName(r: ValidationResult): string {
  return `${r.apiVersion}/${r.kind}/${r.namespace}/${r.name}`;
}

/** The path shown for a result: the file, and for chart renders the values scenario. */
export function resultPath(r: ValidationResult): string {
  return r.scenario !== undefined ? `${r.filename} [${r.scenario}]` : r.filename;
}

/** kubeconform's summary line. */
export function summaryLine(c: Counter, isStdin: boolean): string {
  const s = c.summary;
  const n = c.resources;
  // kubeconform's plural rule: "0 resource found in 1 file", "2 resources found in 2 files"
  const rp = n > 1 ? 's' : '';
  const counts = `Valid: ${s.valid}, Invalid: ${s.invalid}, Errors: ${s.errors}, Skipped: ${s.skipped}`;
  if (isStdin) return `Summary: ${n} resource${rp} found parsing stdin - ${counts}\n`;
  return `Summary: ${n} resource${rp} found in ${s.files} file${s.files > 1 ? 's' : ''} - ${counts}\n`;
}

/** The summary of findings: `Lint: 2 errors, 1 warning, 0 info`. */
export function findingsLine(n: Record<Severity, number>): string {
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return `Lint: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${n.info} info\n`;
}

/**
 * Where a finding is: for chart renders the template (`# Source:`) and the line in its rendered output, else the
 * file, line and column; then the values scenarios it was found in.
 */
export function findingPath(f: Finding): string {
  let where: string;
  if (f.source !== undefined) where = f.templateLine !== undefined ? `${f.source}:${f.templateLine}` : f.source;
  else where = f.position !== undefined ? `${f.file}:${f.position.line}:${f.position.column}` : `${f.file}:${f.line}`;
  return f.scenarios !== undefined && f.scenarios.length > 0 ? `${where} [${f.scenarios.join(', ')}]` : where;
}

/** Where the value came from: the values key, and the stack file key it was set by. */
export function findingOrigin(f: Finding): string {
  const parts: string[] = [];
  if (f.valuesKey !== undefined) parts.push(`values ${f.valuesKey}`);
  if (f.origin !== undefined) parts.push(`${f.origin.file}:${f.origin.line}:${f.origin.column} ${f.origin.key}`);
  return parts.length > 0 ? ` (from ${parts.join(', ')})` : '';
}

/** `Deployment web: warning latest-tag: … (at /spec/…)`, the part every text-like format shares. */
export function findingText(f: Finding): string {
  const what = [f.object.kind, f.object.name].filter((x) => x !== '').join(' ');
  return `${what}: ${f.severity} ${f.rule}: ${f.message} (at ${f.pointer || '/'})${findingOrigin(f)}`;
}
