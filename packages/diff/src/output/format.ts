// Shared wording of the outputs: a value in a line, a change as `~ path: old → new`, a multi-line value (a config
// file in a ConfigMap) as the lines that changed.
import { diffLines } from 'diff';
import type { Change } from '../changes.js';
import type { Json } from '../objects.js';
import { VERDICT_TITLES, type Verdict } from '../verdicts.js';
import type { DiffReport } from '../report.js';

const MAX_INLINE = 100;
const MAX_LINES = 24;

export function inline(v: Json | undefined): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_INLINE ? `${s.slice(0, MAX_INLINE - 1)}…` : s;
}

export interface ChangeLine {
  /** `+`, `-`, `~`, or ` ` for context. */
  sign: '+' | '-' | '~' | ' ';
  text: string;
}

/** A change as lines: one for a value, the changed lines (with one line of context) for a multi-line string. */
export function changeLines(c: Change): ChangeLine[] {
  if (c.old === undefined && c.new === undefined) return [{ sign: '~', text: `${c.path}: ${c.op} (Secret value hidden)` }];
  if (c.op === 'added') return [{ sign: '+', text: `${c.path}: ${inline(c.new)}` }];
  if (c.op === 'removed') return [{ sign: '-', text: `${c.path}: ${inline(c.old)}` }];
  if (typeof c.old === 'string' && typeof c.new === 'string' && (c.old.includes('\n') || c.new.includes('\n'))) {
    const out: ChangeLine[] = [{ sign: '~', text: `${c.path}:` }];
    const parts = diffLines(c.old, c.new);
    parts.forEach((p, i) => {
      const lines = p.value.replace(/\n$/, '').split('\n');
      if (p.added || p.removed) for (const l of lines) out.push({ sign: p.added ? '+' : '-', text: `    ${l}` });
      else {
        // one line of context on each side of a change
        const before = i > 0 ? lines.slice(0, 1) : [];
        const after = i < parts.length - 1 ? lines.slice(-1) : [];
        const context = lines.length <= 2 ? lines : [...before, ...(before.length + after.length < lines.length ? ['…'] : []), ...after];
        for (const l of context) out.push({ sign: ' ', text: `    ${l}` });
      }
    });
    return out.length > MAX_LINES ? [...out.slice(0, MAX_LINES), { sign: ' ', text: `    … (${out.length - MAX_LINES} more lines)` }] : out;
  }
  return [{ sign: '~', text: `${c.path}: ${inline(c.old)} → ${inline(c.new)}` }];
}

/** `1 will fail, 2 data loss, …` for the verdicts that occurred. */
export function summaryWords(summary: Record<Verdict, number>): string {
  return (Object.keys(VERDICT_TITLES) as Verdict[]).map((v) => `${summary[v]} ${VERDICT_TITLES[v]}`).join(', ');
}

/** The report's verdicts added up over its scenarios. */
export function totals(report: DiffReport): Record<Verdict, number> {
  const t = Object.fromEntries(Object.keys(VERDICT_TITLES).map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of report.scenarios) for (const [v, n] of Object.entries(s.diff.summary)) t[v as Verdict] += n;
  return t;
}
