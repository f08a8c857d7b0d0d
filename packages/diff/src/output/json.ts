// JSON for scripts: the report with each object's identity, verdict, findings and changes (Secret values never
// included), and the exit code.
import type { ReleaseObject } from '../objects.js';
import { exitCode, type DiffReport } from '../report.js';
import { totals } from './format.js';

const identity = (o: ReleaseObject | undefined) =>
  o === undefined ? undefined : { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name, component: o.component, ...(o.source !== undefined ? { source: o.source } : {}) };

export function renderJson(report: DiffReport): string {
  const doc = {
    old: report.old,
    new: report.new,
    release: report.release,
    namespace: report.namespace,
    exitCode: exitCode(report),
    summary: totals(report),
    scenarios: report.scenarios.map((s) => ({
      scenario: s.label,
      summary: s.diff.summary,
      objects: s.diff.objects.map((d) => ({
        verdict: d.verdict,
        change: d.change,
        ...(d.old !== undefined ? { old: identity(d.old) } : {}),
        ...(d.new !== undefined ? { new: identity(d.new) } : {}),
        findings: d.findings,
        changes: d.changes.map((c) => ({ path: c.path, op: c.op, ...(c.old !== undefined ? { old: c.old } : {}), ...(c.new !== undefined ? { new: c.new } : {}) })),
        masked: d.masked,
      })),
      hooks: s.diff.hooks.map((h) => ({ ...identity(h.hook), events: h.events, reason: h.reason })),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
