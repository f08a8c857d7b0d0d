// Reading untyped parsed YAML without casts everywhere.
import type { Json } from '../types.js';

export function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function rec(v: unknown): Json | undefined {
  return isRecord(v) ? v : undefined;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/** A list, or an empty one (shared: not to be changed) for anything else. */
export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : EMPTY;
}

const NONE: readonly [Json, number][] = Object.freeze([]);

/** The records of a list, each with its index (non-records are skipped: the schema check reports them). */
export function records(v: unknown): readonly [Json, number][] {
  // most optional lists (env, ports, volumes …) are absent: no allocation for them
  if (!Array.isArray(v) || v.length === 0) return NONE;
  const out: [Json, number][] = [];
  for (let i = 0; i < v.length; i++) if (isRecord(v[i])) out.push([v[i] as Json, i]);
  return out;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A map of strings (labels, annotations, matchLabels); other values are shown as YAML would print them. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : String(x);
  return out;
}

/** JSON pointer of `base` extended by segments (RFC 6901 escaping). */
export function ptr(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) {
    const t = String(s);
    out += t.includes('~') || t.includes('/') ? `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${t}`;
  }
  return out;
}

/** A JSON pointer's segments, unescaped (RFC 6901): what `ptr` joined. */
export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  const parts = pointer.split('/');
  const out: string[] = new Array(parts.length - 1);
  for (let i = 1; i < parts.length; i++) {
    const s = parts[i] as string;
    out[i - 1] = s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s;
  }
  return out;
}

/** Deep equality of parsed YAML values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
