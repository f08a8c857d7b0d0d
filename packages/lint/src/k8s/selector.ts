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

interface Labelled<T> {
  item: T;
  labels: Record<string, string>;
}

/**
 * Items (objects with pods, workloads) by namespace and by each label they carry (key, then value: no joined key
 * string to be ambiguous), so that a selector looks only at the items that have its first matchLabel.
 */
export class LabelIndex<T> {
  private readonly namespaces = new Map<string, { all: Labelled<T>[]; byLabel: Map<string, Map<string, Labelled<T>[]>> }>();

  add(namespace: string, labels: Record<string, string>, item: T): void {
    let ns = this.namespaces.get(namespace);
    if (ns === undefined) this.namespaces.set(namespace, (ns = { all: [], byLabel: new Map() }));
    const entry = { item, labels };
    ns.all.push(entry);
    for (const k in labels) {
      if (!Object.hasOwn(labels, k)) continue;
      let values = ns.byLabel.get(k);
      if (values === undefined) ns.byLabel.set(k, (values = new Map()));
      const v = labels[k] as string;
      const l = values.get(v);
      if (l === undefined) values.set(v, [entry]);
      else l.push(entry);
    }
  }

  /** The items of a namespace whose labels the selector matches, in the order they were added. */
  matching(namespace: string, s: Selector): T[] {
    const ns = this.namespaces.get(namespace);
    if (ns === undefined) return [];
    const first = Object.entries(s.matchLabels)[0];
    const candidates = first === undefined ? ns.all : (ns.byLabel.get(first[0])?.get(first[1]) ?? []);
    const out: T[] = [];
    for (const c of candidates) if (matches(s, c.labels)) out.push(c.item);
    return out;
  }
}
