// Option parsers shared by the commands: repeatable flags, comma-separated lists that may also repeat, and durations.
import { InvalidArgumentError } from 'commander';

export const collect = (value: string, previous: string[] = []) => [...previous, value];
export const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** `30s`, `2m`, `1h` or plain seconds → milliseconds (commander reports a bad value as a usage error, exit 2). */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (m === null || Number(m[1]) <= 0) throw new InvalidArgumentError('give a duration such as 30s, 2m or 90 (seconds)');
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export const TIMEOUT_HELP = 'stop a registry operation that has not finished after this long (e.g. 30s, 2m; default 2m)';
