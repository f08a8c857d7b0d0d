// Cron schedules as the CronJob controller parses them (five fields, or the @-macros).
const FIELDS: [number, number, string[]?][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']],
  [0, 6, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']],
];
const MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function value(s: string, [lo, hi, names]: [number, number, string[]?]): number | undefined {
  const named = names?.indexOf(s.toUpperCase());
  if (named !== undefined && named >= 0) return named + lo;
  if (!/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= lo && n <= hi ? n : undefined;
}

/** Answers so far, per schedule: a release's CronJobs share a few schedules. */
const known = new Map<string, string | undefined>();

/** Why a schedule does not parse, or undefined when it does. */
export function cronError(schedule: string): string | undefined {
  if (known.has(schedule)) return known.get(schedule);
  const err = parseError(schedule);
  if (known.size < 10_000) known.set(schedule, err);
  return err;
}

function parseError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (/^(TZ|CRON_TZ)=/.test(s)) return 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead';
  if (s.startsWith('@')) {
    if (MACROS.includes(s) || /^@every \d+(\.\d+)?(ns|us|µs|ms|s|m|h)(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))*$/.test(s)) return undefined;
    return `unrecognized descriptor: ${s}`;
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: ${s}`;
  for (const [i, part] of parts.entries()) {
    const f = FIELDS[i] as [number, number, string[]?];
    for (const term of part.split(',')) {
      const [range = '', step] = term.split('/');
      if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return `failed to parse int from ${step}: ${term}`;
      if (range === '*' || range === '?') continue;
      const [a = '', b] = range.split('-');
      const from = value(a, f);
      const to = b === undefined ? from : value(b, f);
      if (from === undefined || to === undefined) return `failed to parse ${part}: value out of range or not a number`;
      if (from > to) return `beginning of range (${from}) beyond end of range (${to}): ${term}`;
    }
  }
  return undefined;
}
