// Runs the selected rules over one release and collects findings, leaving out what annotations or config exempt.
import type { Exemption, ResolvedConfig } from './config.js';
import { Release, type ReleaseObject } from './release.js';
import { suppressedBy } from './suppress.js';
import type { Finding, ReleaseInput, Report, Rule, Severity } from './types.js';

/**
 * Runs the rules over a release. `scope: 'object'` runs only the rules whose findings depend on each object alone
 * (for any part of a release), `'release'` only the others (for the whole of it); both when not given.
 */
export function lintRelease(input: ReleaseInput, config: ResolvedConfig, scope?: 'object' | 'release'): Finding[] {
  const release = new Release(input, config.settings);
  const findings: Finding[] = [];
  for (const { rule, severity } of config.rules) {
    if (scope !== undefined && (rule.scope === 'object') !== (scope === 'object')) continue;
    const report: Report = (o, pointer, message, extra) => {
      if (suppressedBy(rule, o) !== undefined || exempted(config.exemptions, rule, o, input.scenario)) return;
      findings.push(finding(rule, extra?.severity !== undefined ? adjust(severity, rule.severity, extra.severity) : severity, o, pointer, message, input, extra?.evidence));
    };
    rule.check(release, report);
  }
  return findings;
}

/**
 * A rule may report some findings above or below its default severity (a removed API is an error, a deprecated one
 * a warning); a severity configured for the rule (other than its default) applies to all of them.
 */
function adjust(configured: Severity, ruleDefault: Severity, reported: Severity): Severity {
  if (configured === ruleDefault) return reported;
  return configured;
}

function exempted(exemptions: Exemption[], rule: Rule, o: ReleaseObject, scenario: string | undefined): boolean {
  return exemptions.length > 0 && exemptions.some(
    (e) => e.rule === rule.id && e.name === o.name && (e.kind === undefined || e.kind === o.kind) && (e.namespace === undefined || e.namespace === o.namespace) && (e.scenario === undefined || e.scenario === scenario),
  );
}

function finding(rule: Rule, severity: Severity, o: ReleaseObject, pointer: string, message: string, input: ReleaseInput, evidence: unknown): Finding {
  // one object literal with every property (undefined when absent): findings are made by the ten thousand
  const item = o.input.itemIndex;
  return {
    rule: rule.id,
    category: rule.category,
    severity,
    message,
    object: { apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.namespace },
    pointer: item !== undefined ? `/items/${item}${pointer}` : pointer,
    file: o.input.file,
    line: o.input.line,
    docIndex: o.input.docIndex,
    itemIndex: item,
    source: o.input.source,
    scenarios: input.scenario !== undefined ? [input.scenario] : undefined,
    kubernetesVersion: input.kubernetesVersion,
    evidence: typeof evidence === 'string' || typeof evidence === 'number' || typeof evidence === 'boolean' ? evidence : undefined,
    position: undefined,
    templateLine: undefined,
    valuesKey: undefined,
    origin: undefined,
  };
}

/**
 * The findings of several releases (the scenarios of one chart) with the same finding made in several scenarios
 * reported once, naming all of them.
 */
export function mergeFindings(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = [f.rule, f.severity, f.file, f.source ?? '', f.object.kind, f.object.namespace, f.object.name, f.pointer, f.message].join('\0');
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, { ...f, ...(f.scenarios ? { scenarios: [...f.scenarios] } : {}) });
    else for (const s of f.scenarios ?? []) if (!seen.scenarios?.includes(s)) (seen.scenarios ??= []).push(s);
  }
  return [...byKey.values()];
}

/** Whether findings make the run fail at `failOn` (error < warning < info in strictness). */
export function failsAt(findings: Finding[], failOn: Severity): boolean {
  const rank = { error: 0, warning: 1, info: 2 };
  return findings.some((f) => rank[f.severity] <= rank[failOn]);
}
