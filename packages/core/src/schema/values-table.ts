// The README values table: one row per leaf key of the schema, with type, default and description.
import { childSchema, descriptionOf, resolveRef, type JsonSchema } from './toolkit.js';
import { isPlainObject } from '../merge.js';

export interface ValueRow {
  key: string;
  type: string;
  default: string;
  description: string;
}

export interface ValueTableOptions {
  /** Top-level keys left out (default: global, which the umbrella documents). */
  skip?: string[];
  /** Top-level keys shown as one row each (the umbrella's subchart sections, documented in their own READMEs). */
  whole?: string[];
}

export function valueRows(root: JsonSchema, values: unknown, { skip = ['global'], whole = [] }: ValueTableOptions = {}): ValueRow[] {
  const rows: ValueRow[] = [];
  const walk = (schema: JsonSchema | undefined, value: unknown, path: string[]): void => {
    const s = resolveRef(root, schema);
    const props = s?.properties as Record<string, JsonSchema> | undefined;
    // Recurse into objects with declared properties; maps, arrays and scalars are leaves.
    const asOne = path.length === 1 && whole.includes(path[0] ?? '');
    if (path.length === 0 || (!asOne && props && Object.keys(props).length && s?.additionalProperties !== true)) {
      const keys = new Set([...Object.keys(props ?? {}), ...Object.keys(isPlainObject(value) ? value : {})]);
      for (const key of keys) {
        if (path.length === 0 && skip.includes(key)) continue;
        walk(childSchema(root, s, key), isPlainObject(value) ? value[key] : undefined, [...path, key]);
      }
      return;
    }
    rows.push({ key: path.join('.'), type: typeOf(root, s), default: value === undefined ? '' : JSON.stringify(value), description: descriptionOf(root, schema) ?? '' });
  };
  walk(root, values, []);
  return rows;
}

export function renderValuesTable(root: JsonSchema, values: unknown, options: ValueTableOptions = {}): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| Key | Type | Default | Description |', '|-----|------|---------|-------------|'];
  for (const r of valueRows(root, values, options)) {
    lines.push(`| \`${esc(r.key)}\` | ${esc(r.type)} | ${r.default ? `\`${esc(r.default)}\`` : ''} | ${esc(r.description)} |`);
  }
  return lines.join('\n');
}

function typeOf(root: JsonSchema, s: JsonSchema | undefined): string {
  if (!s) return '';
  if (Array.isArray(s.anyOf)) return [...new Set((s.anyOf as JsonSchema[]).map((x) => typeOf(root, resolveRef(root, x))))].join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `${typeOf(root, resolveRef(root, s.items as JsonSchema)) || 'any'}[]`;
  if (s.type === 'object' && (s.patternProperties || (s.additionalProperties && typeof s.additionalProperties === 'object'))) return 'map';
  return String(s.type ?? 'any');
}

