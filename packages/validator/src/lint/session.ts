// The rules' side of a validation run: which configuration applies (the chart's own .helmforge-lint.yaml, the user's
// --config or the one in the working directory, then --include/--exclude/--fail-on), running the rules over each
// release, finding where each finding is and which values key it came from, and reporting them once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  failsAt, lintRelease, locateFindings, mergeFindings, parseLintConfig, resolveConfig, valuesKeyText, valuesPathFor,
  type Category, type DocumentText, type Finding, type LintConfig, type ReleaseInput, type ResolvedConfig, type Rule, type Severity,
} from '@helmforge/lint';
import { readTarEntries } from '../chart/tgz.js';
import type { Output } from '../output/output.js';
import { decodeFinding, decodeFindings, findingCount, findingOrder, orderLine, type FindingBatch } from './finding-batch.js';

export type LintMode = 'on' | 'off' | 'only';

export interface LintOptions {
  /** Rules with the schema checks (`on`), none (`off`), or rules alone (`only`). */
  lint?: LintMode;
  /** --config files: .helmforge-lint.yaml or kube-linter's .kube-linter.yaml format. */
  lintConfig?: string[];
  /** Rule IDs or kube-linter check names to add or remove. */
  include?: string[];
  exclude?: string[];
  /** Lowest severity that fails the run (default error). */
  failOn?: Severity;
  /** Only rules of these categories (helmforge-conform -api-rules: api). */
  categories?: Category[];
  /**
   * Only the rules that look at one object at a time (`--shard` over manifests: a part's files are not the whole
   * release, so a Service whose pods are in another part's file would be reported as selecting nothing).
   */
  objectRulesOnly?: boolean;
  /** Where a values key of a chart was set (the CLI gives the stack file's positions for the generated platform). */
  origin?: (chart: string, valuesPath: string[]) => Finding['origin'];
}

/** Config file names looked for in a chart and in the working directory (helmforge's first). */
const CONFIG_NAMES = ['.helmforge-lint.yaml', '.helmforge-lint.yml', '.kube-linter.yaml', '.kube-linter.yml'];

function readConfig(file: string, text: string, notes: string[]): LintConfig {
  const parsed = parseLintConfig(text, file);
  notes.push(...parsed.notes);
  return parsed.config;
}

/** The user's configs: --config files, else the first config file found in the working directory. */
export function userConfigs(options: LintOptions, notes: string[]): LintConfig[] {
  const files = options.lintConfig ?? [];
  if (files.length === 0) {
    const found = CONFIG_NAMES.find((n) => existsSync(n));
    if (found !== undefined) files.push(found);
  }
  return files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      throw new Error(`cannot read lint config ${f}: ${(err as Error).message}`);
    }
    return readConfig(f, text, notes);
  });
}

/** A chart's own config: `.helmforge-lint.yaml` at its root (directory or .tgz). */
export function chartConfig(chart: string, notes: string[], label = chart): LintConfig | undefined {
  if (existsSync(chart) && statSync(chart).isDirectory()) {
    for (const n of CONFIG_NAMES.slice(0, 2)) {
      const f = join(chart, n);
      if (existsSync(f)) return readConfig(join(label, n), readFileSync(f, 'utf8'), notes);
    }
    return undefined;
  }
  if (/\.(tgz|tar\.gz)$/.test(chart) && existsSync(chart)) {
    const entries = readTarEntries(readFileSync(chart), (p) => /^[^/]+\/\.helmforge-lint\.ya?ml$/.test(p));
    const [path, content] = [...entries][0] ?? [];
    if (path !== undefined && content !== undefined) return readConfig(`${label}:${path}`, content.toString('utf8'), notes);
  }
  return undefined;
}

export class LintSession {
  readonly config: ResolvedConfig;
  private readonly found: Finding[] = [];

  constructor(
    configs: LintConfig[],
    private readonly options: LintOptions,
  ) {
    const resolved = resolveConfig(configs, { include: options.include ?? [], exclude: options.exclude ?? [], ...(options.failOn !== undefined ? { failOn: options.failOn } : {}) });
    const categories = options.categories;
    const keep = (rule: Rule) => (categories === undefined || categories.includes(rule.category)) && (options.objectRulesOnly !== true || rule.scope === 'object');
    this.config = { ...resolved, rules: resolved.rules.filter((r) => keep(r.rule)) };
  }

  get rules(): Rule[] {
    return this.config.rules.map((r) => r.rule);
  }

  /**
   * Runs the rules over one release; `values` (a chart's merged values) lets findings name their values key. `scope`
   * runs only the object-scoped rules (over part of a release, as it arrives) or only the others (over all of it).
   */
  lint(input: ReleaseInput, textOf: (f: Finding) => DocumentText | undefined, chart?: { dir: string; values: unknown }, scope?: 'object' | 'release'): void {
    if (scope !== 'object') this.releases++;
    const findings = lintRelease(input, this.config, scope);
    if (findings.length === 0) return;
    locateFindings(findings, textOf);
    if (chart !== undefined) {
      for (const f of findings) {
        const path = valuesPathFor(f, chart.values);
        if (path === undefined) continue;
        f.valuesKey = valuesKeyText(path);
        const origin = this.options.origin?.(chart.dir, path);
        if (origin !== undefined) f.origin = origin;
      }
    }
    this.found.push(...findings);
  }

  /** The findings so far, each once (with every scenario it was made in), in file and line order. */
  *findings(): Generator<Finding> {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    if (this.releases > 1) {
      // the same finding of several scenarios is reported once
      const made = this.found;
      for (const b of this.encoded) decodeFindings(b, made);
      yield* mergeFindings(made).sort((a, b) => cmp(a.source ?? a.file, b.source ?? b.file) || orderLine(a) - orderLine(b) || cmp(a.rule, b.rule));
      return;
    }
    // one release (manifests) has nothing to merge: the findings are put in order by their keys alone, and each made
    // when it is reported (tens of thousands of them need not all live at once)
    const batches = this.encoded;
    const n = this.found.length + batches.reduce((k, b) => k + findingCount(b), 0);
    const where: string[] = new Array(n);
    const rule: string[] = new Array(n);
    const line = new Int32Array(n);
    const from = new Int32Array(n); // -1: `found`, else the batch
    const index = new Int32Array(n);
    let i = 0;
    this.found.forEach((f, k) => {
      where[i] = f.source ?? f.file;
      line[i] = orderLine(f);
      rule[i] = f.rule;
      from[i] = -1;
      index[i++] = k;
    });
    batches.forEach((b, j) => {
      for (let k = 0, count = findingCount(b); k < count; k++) {
        const o = findingOrder(b, k);
        where[i] = o.where;
        line[i] = o.line;
        rule[i] = o.rule;
        from[i] = j;
        index[i++] = k;
      }
    });
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => cmp(where[a] as string, where[b] as string) || (line[a] as number) - (line[b] as number) || cmp(rule[a] as string, rule[b] as string));
    for (const k of order) {
      const j = from[k] as number;
      yield j === -1 ? (this.found[index[k] as number] as Finding) : decodeFinding(batches[j] as FindingBatch, index[k] as number);
    }
  }

  private releases = 0;
  /** Findings another thread made, as it sent them (made into objects when reported). */
  private encoded: FindingBatch[] = [];

  /** Findings made elsewhere (where the documents were parsed), as they are. */
  adopt(findings: Finding[] | FindingBatch): void {
    if (Array.isArray(findings)) for (const f of findings) this.found.push(f);
    else this.encoded.push(findings);
  }

  /** Writes the findings; true when one of them fails the run. */
  report(output: Output): boolean {
    let fails = false;
    for (const f of this.findings()) {
      output.finding(f);
      fails ||= failsAt([f], this.config.failOn);
    }
    return fails;
  }
}
