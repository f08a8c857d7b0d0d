// Merges the JSON, JUnit or SARIF reports of the parts of a sharded run (`--shard K/N`) into the report one run would
// have written: resources of every part, files in the order a run walks them (a directory's files by name, then its
// subdirectories), and the counts added up. A file is validated by exactly one part, so each file's results are
// taken as they are, in the order of their report. Lint findings are per render, and renders of one chart are spread
// over the parts: the same finding made in several parts becomes one with every values scenario (JSON, SARIF), as one
// run reports it; JUnit lists it once per part that made it.
import type { ValidationResult } from '../validator/result.js';
import { importOwnDependency } from '../validator/bundled.js';
import { junitXml, LINT_SUITE, type JunitCase } from './junit.js';

export type MergeFormat = 'json' | 'junit' | 'sarif';

/** The order in which a run reports files: by path segments, a directory's files before its subdirectories. */
export function walkOrder(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const fileX = i === pa.length - 1;
    const fileY = i === pb.length - 1;
    if (fileX !== fileY) return fileX ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** The format of a report, from its text. */
export function reportFormat(text: string): MergeFormat {
  const t = text.trimStart();
  if (t.startsWith('<')) return 'junit';
  const doc = JSON.parse(t) as Record<string, unknown>;
  if (doc.version === '2.1.0' && Array.isArray(doc.runs)) return 'sarif';
  if (Array.isArray(doc.resources)) return 'json';
  throw new Error('not a JSON, JUnit or SARIF report of helmforge-conform or helmforge validate');
}

/** Merges reports of one format (given as texts, in any order); returns the merged report's text. */
export async function mergeReports(texts: readonly string[]): Promise<string> {
  if (texts.length === 0) throw new Error('no reports to merge');
  const formats = new Set(texts.map(reportFormat));
  if (formats.size > 1) throw new Error(`the reports are of different formats (${[...formats].join(', ')}): merge reports of one format`);
  const format = [...formats][0] as MergeFormat;
  if (format === 'json') return mergeJson(texts.map((t) => JSON.parse(t) as JsonReport));
  if (format === 'sarif') return mergeSarif(texts.map((t) => JSON.parse(t) as SarifLog));
  // the XML parser is loaded for this alone (and kept out of the bundles)
  const xml = await importOwnDependency<typeof import('fast-xml-parser') & { default?: typeof import('fast-xml-parser') }>('fast-xml-parser');
  const XMLParser = xml.XMLParser ?? xml.default?.XMLParser; // (its CommonJS build, as require.resolve finds it)
  if (XMLParser === undefined) throw new Error('fast-xml-parser has no XMLParser');
  return mergeJunit(texts, new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }));
}

/** A stable sort of items by the file each belongs to. */
function byFile<T>(items: readonly T[], fileOf: (x: T) => string): T[] {
  return items
    .map((x, i) => ({ x, i, f: fileOf(x) }))
    .sort((a, b) => walkOrder(a.f, b.f) || a.i - b.i)
    .map((e) => e.x);
}

/** Values scenarios in one order whatever the parts: the defaults first, then by name. */
function scenarioOrder(a: string, b: string): number {
  const d = Number(!a.startsWith('defaults')) - Number(!b.startsWith('defaults'));
  return d || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Items with the same key (a finding, found in renders of several parts) become one: the one of the earliest
 * scenario, with every scenario (a run keeps the first render's, and renders the defaults first).
 */
function byScenarios<T>(items: readonly T[], keyOf: (x: T) => string, scenariosOf: (x: T) => readonly string[], rebuild: (x: T, scenarios: string[]) => T): T[] {
  const groups = new Map<string, { first: T; scenarios: Set<string> }>();
  const earliest = (x: T) => [...scenariosOf(x)].sort(scenarioOrder)[0] ?? '';
  for (const x of items) {
    const k = keyOf(x);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, { first: x, scenarios: new Set(scenariosOf(x)) });
    else {
      if (scenarioOrder(earliest(x), earliest(g.first)) < 0) g.first = x;
      for (const sc of scenariosOf(x)) g.scenarios.add(sc);
    }
  }
  return [...groups.values()].map((g) => rebuild(g.first, [...g.scenarios].sort(scenarioOrder)));
}

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface JsonFindingEntry {
  rule: string;
  severity: string;
  message: string;
  kind: string;
  namespace: string;
  name: string;
  path: string;
  filename: string;
  line: number;
  source?: string;
  templateLine?: number;
  scenarios?: string[];
}

/** Findings of every part, each once, in a run's order (file, line, rule), then by object and pointer. */
function mergeJsonFindings(findings: readonly JsonFindingEntry[]): JsonFindingEntry[] {
  const key = (f: JsonFindingEntry) => [f.rule, f.severity, f.filename, f.source ?? '', f.kind, f.namespace, f.name, f.path, f.message].join('\0');
  const merged = byScenarios(findings, key, (f) => f.scenarios ?? [], (f, scenarios) => (f.scenarios !== undefined ? { ...f, scenarios } : f));
  const line = (f: JsonFindingEntry) => (f.source !== undefined ? (f.templateLine ?? 0) : f.line);
  return merged.sort((a, b) => text(a.source ?? a.filename, b.source ?? b.filename) || line(a) - line(b) || text(a.rule, b.rule) || text(key(a), key(b)));
}

interface JsonReport {
  resources: { filename: string }[];
  summary?: Record<string, number>;
  findings?: JsonFindingEntry[];
  [key: string]: unknown;
}

function mergeJson(reports: readonly JsonReport[]): string {
  const merged: Record<string, unknown> = {};
  for (const r of reports) {
    for (const [k, v] of Object.entries(r)) {
      if (Array.isArray(v)) merged[k] = [...((merged[k] as unknown[] | undefined) ?? []), ...v];
      else if (k === 'summary' && v !== null && typeof v === 'object') {
        const sum = (merged.summary as Record<string, unknown> | undefined) ?? {};
        for (const [name, n] of Object.entries(v as Record<string, unknown>)) if (typeof n === 'number') sum[name] = ((sum[name] as number | undefined) ?? 0) + n;
        merged.summary = sum;
      } else merged[k] ??= v;
    }
  }
  merged.resources = byFile(merged.resources as JsonReport['resources'], (r) => r.filename);
  if (merged.findings !== undefined) {
    const findings = mergeJsonFindings(merged.findings as JsonFindingEntry[]);
    merged.findings = findings;
    // counted again: a finding several parts made is one
    if (merged.summary !== undefined) {
      const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
      (merged.summary as Record<string, unknown>).findings = { error: count('error'), warning: count('warning'), info: count('info') };
    }
  }
  return `${JSON.stringify(merged, null, 2)}\n`;
}

interface SarifResult {
  ruleId?: string;
  level?: string;
  message?: { text?: string };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } }; logicalLocations?: { fullyQualifiedName?: string }[] }[];
  properties?: { scenarios?: string[] };
}

interface SarifLog {
  runs: { tool: { driver: { rules?: { id: string }[] } }; results: SarifResult[] }[];
  [key: string]: unknown;
}

/** A lint finding's result (it names its scenarios) made by several parts, once: the message names every scenario. */
function mergeSarifFindings(results: readonly SarifResult[]): SarifResult[] {
  const where = / \(values scenario [^)]*\)/;
  const findings = results.filter((r) => r.properties?.scenarios !== undefined);
  const key = (r: SarifResult) => {
    const loc = r.locations?.[0];
    // the message without its scenarios and values origin; the region is the first render's
    const message = (r.message?.text ?? '').replace(where, '').replace(/ \(from [^)]*\)$/, '');
    return [r.ruleId, r.level, loc?.physicalLocation?.artifactLocation?.uri, loc?.logicalLocations?.[0]?.fullyQualifiedName, message].join('\0');
  };
  const rebuild = (r: SarifResult, scenarios: string[]): SarifResult => ({
    ...r,
    message: { ...r.message, text: (r.message?.text ?? '').replace(where, ` (values scenario ${scenarios.join(', ')})`) },
    properties: { ...r.properties, scenarios },
  });
  const merged = byScenarios(findings, key, (r) => r.properties?.scenarios ?? [], rebuild).sort((a, b) => text(key(a), key(b)));
  return [...results.filter((r) => r.properties?.scenarios === undefined), ...merged];
}

function mergeSarif(logs: readonly SarifLog[]): string {
  const first = logs[0] as SarifLog;
  const run = first.runs[0];
  if (run === undefined) throw new Error('a SARIF report without a run');
  const rules = new Map<string, { id: string }>();
  const results: SarifResult[] = [];
  for (const log of logs) {
    for (const r of log.runs) {
      for (const rule of r.tool.driver.rules ?? []) if (!rules.has(rule.id)) rules.set(rule.id, rule);
      results.push(...r.results);
    }
  }
  const uri = (r: SarifResult): string => decodeURI(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '');
  const merged = { ...first, runs: [{ ...run, tool: { ...run.tool, driver: { ...run.tool.driver, rules: [...rules.values()] } }, results: byFile(mergeSarifFindings(results), uri) }] };
  return `${JSON.stringify(merged, null, 2)}\n`;
}

const STATUS_OF: Record<string, ValidationResult['status']> = { failure: 'invalid', error: 'error', skipped: 'skipped' };

function mergeJunit(texts: readonly string[], parser: { parse(text: string): unknown }): string {
  const suites = new Map<string, JunitCase[]>();
  let toolName = 'helmforge-conform';
  let time = 0;
  for (const text of texts) {
    const doc = parser.parse(text) as { testsuites?: { name?: string; time?: string; testsuite?: Record<string, unknown>[] } };
    const root = doc.testsuites;
    if (root === undefined) throw new Error('a JUnit report without <testsuites>');
    toolName = root.name ?? toolName;
    time += Number(root.time ?? 0);
    for (const suite of root.testsuite ?? []) {
      const name = String(suite.name);
      const cases = suites.get(name) ?? [];
      for (const c of (suite.testcase as Record<string, unknown>[] | undefined) ?? []) {
        const kind = ['failure', 'error', 'skipped'].find((k) => c[k] !== undefined);
        const detail = kind === undefined ? undefined : (c[kind] as Record<string, unknown> | string);
        const type = typeof detail === 'object' && typeof detail.type === 'string' && detail.type !== '' ? detail.type : undefined;
        cases.push({
          name: String(c.name ?? ''),
          classname: String(c.classname ?? ''),
          status: kind === undefined ? 'valid' : (STATUS_OF[kind] as ValidationResult['status']),
          message: typeof detail === 'object' ? String(detail.message ?? '') : '',
          ...(type !== undefined ? { type } : {}),
          ...(c['system-out'] !== undefined ? { out: String(c['system-out']) } : {}),
        });
      }
      suites.set(name, cases);
    }
  }
  // files in a run's order, then the lint rules' suites, as a run writes them
  const isRule = ([name]: [string, JunitCase[]]) => name.startsWith(LINT_SUITE);
  const ordered = new Map([...byFile([...suites].filter((e) => !isRule(e)), ([name]) => name), ...[...suites].filter(isRule).sort(([a], [b]) => text(a, b))]);
  const all = [...ordered.values()].flat();
  const count = (s: ValidationResult['status']): number => all.filter((c) => c.status === s).length;
  return junitXml(toolName, time.toFixed(3), { tests: all.length, failures: count('invalid'), disabled: count('skipped'), errors: count('error') }, ordered);
}
