// Markdown for a pull-request comment: the verdict first, a table of what happens to each object that changes,
// the changes folded away under <details>.
import { describe } from '../objects.js';
import { exitCode, failingVerdicts, type DiffReport } from '../report.js';
import { VERDICT_TITLES, subject, type Verdict } from '../verdicts.js';
import { changeLines, summaryWords } from './format.js';

const ICON: Record<Verdict, string> = { 'will-fail': '🔴', 'data-loss': '🔴', replaced: '🟠', restart: '🟡', changed: '🔵', added: '🟢', removed: '⚪', unchanged: '⚪' };

/** Text safe inside a table cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: DiffReport): string {
  const failing = failingVerdicts(report);
  const out: string[] = [`### helmforge diff: \`${report.old}\` → \`${report.new}\``, ''];
  out.push(exitCode(report) === 0 ? '**Safe to upgrade**: nothing will fail or lose data.' : `**Not safe to upgrade**: ${failing.map((v) => VERDICT_TITLES[v]).join(' or ')} below.`, '');
  out.push(`Release \`${report.release}\` in namespace \`${report.namespace}\`.`, '');
  for (const s of report.scenarios) {
    out.push(`#### Values: ${s.label}`, '', summaryWords(s.diff.summary), '');
    const shown = s.diff.objects.filter((d) => d.verdict !== 'unchanged');
    if (shown.length > 0) {
      out.push('| | Object | Chart | What happens |', '|---|---|---|---|');
      for (const d of shown) {
        const o = subject(d);
        const what = d.change === 'replaced' && d.old !== undefined ? `${describe(d.old, report.namespace)} → ${describe(o, report.namespace)}` : describe(o, report.namespace);
        const why = d.findings.map((f) => `**${VERDICT_TITLES[f.verdict]}**: ${f.reason}${f.remedy !== undefined ? ` _Remedy_: ${f.remedy}` : ''}`).join('<br>');
        out.push(`| ${ICON[d.verdict]} ${VERDICT_TITLES[d.verdict]} | ${cell(what)} | ${cell(o.component)} | ${cell(why || `${d.changes.length} field(s) ${d.change}`)} |`);
      }
      const withChanges = shown.filter((d) => d.changes.length > 0);
      if (withChanges.length > 0) {
        out.push('', '<details><summary>Changes, field by field</summary>', '', '```diff');
        for (const d of withChanges) {
          out.push(`# ${describe(subject(d), report.namespace)}`);
          for (const c of d.changes) for (const l of changeLines(c)) out.push(`${l.sign === '~' ? '!' : l.sign} ${l.text}`);
        }
        out.push('```', '', '</details>');
      }
      out.push('');
    }
    if (s.diff.hooks.length > 0) {
      out.push('Hooks that run:', '');
      for (const h of s.diff.hooks) out.push(`- ${h.hook.component}: ${h.reason}`);
      out.push('');
    }
    const masked = s.diff.objects.filter((d) => d.masked.length > 0);
    if (masked.length > 0) out.push(`<sub>Generated at render time and masked (lookup finds nothing without a cluster): ${masked.map((d) => `${describe(subject(d), report.namespace)} ${d.masked.join(', ')}`).join('; ')}</sub>`, '');
  }
  return `${out.join('\n')}\n`;
}
