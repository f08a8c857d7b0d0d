// Label selectors as the API server evaluates them: matchLabels and matchExpressions (In, NotIn, Exists,
// DoesNotExist), all terms ANDed; an empty selector matches everything.
import { isRecord, list, records, str, stringMap } from './values.js';

export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

/** A LabelSelector object (`{matchLabels, matchExpressions}`). */
export function labelSelector(v: unknown): Selector | undefined {
  if (!isRecord(v)) return undefined;
  return {
    matchLabels: stringMap(v.matchLabels),
    matchExpressions: records(v.matchExpressions).map(([e]) => ({ key: str(e.key) ?? '', operator: str(e.operator) ?? '', values: list(e.values).map(String) })),
  };
}

/** A plain map selector (Service `spec.selector`, ReplicationController). */
export function mapSelector(v: unknown): Selector | undefined {
  return isRecord(v) ? { matchLabels: stringMap(v), matchExpressions: [] } : undefined;
}

export function isEmptySelector(s: Selector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

export function matches(s: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels)) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions) {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key] as string)) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key] as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator selects nothing (the API server rejects it)
    }
  }
  return true;
}

/** A selector as kubectl prints it: `a=b,c in (x,y)`. */
export function describeSelector(s: Selector): string {
  const parts = Object.keys(s.matchLabels)
    .sort()
    .map((k) => `${k}=${s.matchLabels[k]}`);
  for (const e of s.matchExpressions) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : '';
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${e.values.join(',')})`);
  }
  return parts.join(',') || '<everything>';
}
