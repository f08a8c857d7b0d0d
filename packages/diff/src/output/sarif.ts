// SARIF 2.1.0 for code scanning: one result per finding that is more than a plain change, located at the
// template that renders the object (the new chart's `# Source:`), the object as logical location.
import { join, relative } from 'node:path';
import type { ReleaseObject } from '../objects.js';
import { failingVerdicts, type DiffReport } from '../report.js';
import { subject, type Verdict } from '../verdicts.js';

const RULES: { verdict: Verdict | 'hook'; id: string; name: string; text: string }[] = [
  { verdict: 'will-fail', id: 'HELMFORGE-DIFF-WILL-FAIL', name: 'UpgradeWillFail', text: 'The API server refuses this change (an immutable field): helm upgrade fails.' },
  { verdict: 'data-loss', id: 'HELMFORGE-DIFF-DATA-LOSS', name: 'UpgradeLosesData', text: 'The upgrade deletes or orphans data (a claim, volume, StatefulSet claims, a CRD, generated credentials).' },
  { verdict: 'replaced', id: 'HELMFORGE-DIFF-REPLACED', name: 'ObjectReplaced', text: 'The object is deleted and another created in its place (a rename, a kind or namespace change).' },
  { verdict: 'restart', id: 'HELMFORGE-DIFF-RESTART', name: 'PodsRestart', text: 'The pod template changes: the workload rolls its pods.' },
  { verdict: 'hook', id: 'HELMFORGE-DIFF-HOOK', name: 'HookRuns', text: 'A pre-/post-upgrade hook runs.' },
];

export function renderSarif(report: DiffReport, toolVersion: string): string {
  const failing = failingVerdicts(report);
  const level = (v: Verdict | 'hook') => (v !== 'hook' && failing.includes(v) ? 'error' : v === 'replaced' || v === 'restart' ? 'warning' : 'note');
  const rules = RULES.map((r) => ({ id: r.id, name: r.name, shortDescription: { text: r.text }, defaultConfiguration: { level: level(r.verdict) } }));
  const location = (o: ReleaseObject, field?: string) => {
    const logical = { name: `${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}${field !== undefined ? `#${field}` : ''}`, kind: 'resource' };
    if (o.source === undefined) return { logicalLocations: [logical] };
    const file = report.sourceRoot !== undefined ? relative(process.cwd(), join(report.sourceRoot, o.source)) : o.source;
    return { physicalLocation: { artifactLocation: { uri: encodeURI(file.split('\\').join('/')) } }, logicalLocations: [logical] };
  };
  const results: unknown[] = [];
  for (const s of report.scenarios) {
    const where = report.scenarios.length > 1 ? ` [values: ${s.label}]` : '';
    for (const d of s.diff.objects) {
      for (const f of d.findings) {
        const index = RULES.findIndex((r) => r.verdict === f.verdict);
        const rule = RULES[index];
        if (rule === undefined) continue;
        const text = `${subject(d).component}: ${f.reason}${f.remedy !== undefined ? ` Remedy: ${f.remedy}` : ''}${where}`;
        results.push({ ruleId: rule.id, ruleIndex: index, level: level(f.verdict), message: { text }, locations: [location(subject(d), f.field)] });
      }
    }
    const hookIndex = RULES.findIndex((r) => r.verdict === 'hook');
    for (const h of s.diff.hooks) results.push({ ruleId: 'HELMFORGE-DIFF-HOOK', ruleIndex: hookIndex, level: 'note', message: { text: `${h.hook.component}: ${h.reason}${where}` }, locations: [location(h.hook)] });
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'helmforge diff', version: toolVersion, informationUri: 'https://helm.sh/docs/helm/helm_upgrade/', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
