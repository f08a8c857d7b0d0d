// The path-level difference of two objects. Written here rather than taken from a generic JSON diff library
// because Kubernetes lists are merged by key, not by position (containers, env, ports, volumes by name, mounts by
// path): a container added in front of another must read `containers[sidecar]` added, not every index changed.
import { deepEqual } from '@helmforge/lint';
import { isObject, type Json } from './objects.js';

export type Segment = string | number | { key: string };

export interface Change {
  /** Readable path: `spec.template.spec.containers[web].image`, `metadata.annotations["checksum/config"]`. */
  path: string;
  segments: Segment[];
  op: 'added' | 'removed' | 'changed';
  old?: Json;
  new?: Json;
}

// Fields that identify an element of a list, tried in order: the first that is a unique string or number on
// every element makes the list keyed.
const LIST_KEYS = ['name', 'mountPath', 'devicePath', 'containerPort', 'port', 'ip'];

function listKey(list: Json[]): string | undefined {
  if (list.length === 0 || !list.every(isObject)) return undefined;
  for (const k of LIST_KEYS) {
    const seen = new Set<Json>();
    if (list.every((e) => isObject(e) && (typeof e[k] === 'string' || typeof e[k] === 'number') && !seen.has(e[k]) && seen.add(e[k]))) return k;
  }
  return undefined;
}

export function formatPath(segments: Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[${s.key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Every leaf-level difference from `a` to `b`; a value whose type changes is one change. */
export function diffValues(a: Json | undefined, b: Json | undefined, at: Segment[] = []): Change[] {
  const out: Change[] = [];
  const walk = (x: Json | undefined, y: Json | undefined, path: Segment[]): void => {
    if (deepEqual(x, y)) return;
    const push = (op: Change['op']): void => void out.push({ path: formatPath(path), segments: path, op, ...(x !== undefined ? { old: x } : {}), ...(y !== undefined ? { new: y } : {}) });
    if (x === undefined) return push('added');
    if (y === undefined) return push('removed');
    if (isObject(x) && isObject(y)) {
      for (const k of Object.keys(x)) walk(x[k], y[k], [...path, k]);
      for (const k of Object.keys(y)) if (!(k in x)) walk(undefined, y[k], [...path, k]);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const key = listKey(x);
      if (key !== undefined && key === listKey(y)) {
        const byKey = (l: Json[]) => new Map(l.map((e) => [String((e as Record<string, Json>)[key]), e]));
        const mx = byKey(x);
        const my = byKey(y);
        for (const [k, e] of mx) walk(e, my.get(k), [...path, { key: k }]);
        for (const [k, e] of my) if (!mx.has(k)) walk(undefined, e, [...path, { key: k }]);
        return;
      }
      const n = Math.max(x.length, y.length);
      for (let i = 0; i < n; i++) walk(x[i], y[i], [...path, i]);
      return;
    }
    push('changed');
  };
  walk(a, b, at);
  return out;
}

/** A copy of `body` with each of `changes` (made from some `old` to `body`) undone: the old value put back. */
export function revert(body: Json, changes: Change[]): Json {
  const copy = structuredClone(body);
  for (const c of changes) {
    const parents = c.segments.slice(0, -1);
    const last = c.segments[c.segments.length - 1];
    let parent: Json | undefined = copy;
    for (const s of parents) parent = child(parent, s);
    if (last === undefined || parent === undefined || parent === null || typeof parent !== 'object') continue;
    if (Array.isArray(parent)) {
      const i = typeof last === 'object' ? parent.findIndex((e) => matchesKey(e, last.key)) : Number(last);
      if (c.old === undefined) {
        if (i >= 0 && i < parent.length) parent.splice(i, 1);
      } else if (i >= 0) parent[i] = c.old;
      else parent.push(c.old);
    } else if (c.old === undefined) delete parent[String(last)];
    else parent[String(last)] = c.old;
  }
  return copy;
}

const matchesKey = (e: Json, key: string) => isObject(e) && LIST_KEYS.some((k) => e[k] !== undefined && String(e[k]) === key);

function child(v: Json | undefined, s: Segment): Json | undefined {
  if (Array.isArray(v)) return typeof s === 'object' ? v.find((e) => matchesKey(e, s.key)) : v[Number(s)];
  return isObject(v) ? v[String(s)] : undefined;
}
