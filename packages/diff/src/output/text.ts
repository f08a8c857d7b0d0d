// Text for a terminal: the worst first, each object with what happens, why and what to do, then its changes;
// coloured when the output is a terminal (picocolors; NO_COLOR turns it off).
import { createColors } from 'picocolors';
import { describe } from '../objects.js';
import { exitCode, failingVerdicts, type DiffReport } from '../report.js';
import { VERDICT_TITLES, subject, type ObjectDiff, type Verdict } from '../verdicts.js';
import { changeLines, summaryWords, totals } from './format.js';

export interface TextOptions {
  color: boolean;
  /** Also list unchanged objects. */
  verbose?: boolean;
}

const MARK: Record<Verdict, string> = { 'will-fail': '✗', 'data-loss': '✗', replaced: '!', restart: '↻', changed: '~', added: '+', removed: '-', unchanged: '=' };

export function renderText(report: DiffReport, options: TextOptions): string {
  const c = createColors(options.color);
  const failing = failingVerdicts(report);
  const paint = (v: Verdict, s: string): string => (failing.includes(v) ? c.red(c.bold(s)) : v === 'replaced' || v === 'restart' ? c.yellow(s) : v === 'added' ? c.green(s) : v === 'removed' ? c.magenta(s) : c.dim(s));
  const lines: string[] = [c.bold(`helmforge diff: ${report.old} → ${report.new} (release ${report.release}, namespace ${report.namespace})`)];
  for (const s of report.scenarios) {
    lines.push('', c.bold(`── values: ${s.label} ──`));
    const shown = s.diff.objects.filter((d) => options.verbose === true || d.verdict !== 'unchanged');
    if (shown.length === 0) lines.push(c.dim('no change to any object'));
    for (const d of shown) lines.push(...objectLines(d, report.namespace, paint, c.dim));
    if (s.diff.hooks.length > 0) {
      lines.push('', c.bold('hooks that run:'));
      for (const h of s.diff.hooks) lines.push(`  ▶ ${h.hook.component}: ${h.reason}`);
    }
    const masked = s.diff.objects.filter((d) => d.masked.length > 0);
    if (masked.length > 0) {
      lines.push('', c.dim(`generated at render time, masked (lookup finds nothing without a cluster, so they differ on every render; on a cluster the chart's lookup keeps them): ${masked.map((d) => `${describe(subject(d), report.namespace)} ${d.masked.join(', ')}`).join('; ')}`));
    }
    lines.push('', `${summaryWords(s.diff.summary)}`);
  }
  const code = exitCode(report);
  const all = totals(report);
  const worst = (Object.keys(VERDICT_TITLES) as Verdict[]).find((v) => all[v] > 0 && failing.includes(v));
  lines.push('', code === 0 ? c.green(c.bold('safe to upgrade: nothing will fail or lose data')) : c.red(c.bold(`not safe: ${worst !== undefined ? VERDICT_TITLES[worst] : 'see above'} (exit 1)`)));
  return `${lines.join('\n')}\n`;
}

function objectLines(d: ObjectDiff, namespace: string, paint: (v: Verdict, s: string) => string, dim: (s: string) => string): string[] {
  const o = subject(d);
  const what = d.change === 'replaced' && d.old !== undefined ? `${describe(d.old, namespace)} → ${describe(o, namespace)}` : describe(o, namespace);
  const out = [`${paint(d.verdict, `${MARK[d.verdict]} ${VERDICT_TITLES[d.verdict].padEnd(9)}`)} ${o.component}: ${what}`];
  for (const f of d.findings) {
    out.push(`    ${paint(f.verdict, VERDICT_TITLES[f.verdict])}: ${f.reason}`);
    if (f.remedy !== undefined) out.push(`      remedy: ${f.remedy}`);
    if (f.rule !== undefined) out.push(dim(`      rule: ${f.rule}`));
  }
  for (const ch of d.changes) for (const l of changeLines(ch)) out.push(dim(`      ${l.sign} ${l.text}`));
  return out;
}
