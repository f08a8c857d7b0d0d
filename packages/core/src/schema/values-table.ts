// The README values table: one row per leaf key of the schema, with type, default and description.
import { kindOf, kubernetesVersion } from './kubernetes.js';
import { childSchema, descriptionOf, kubernetesDefinitionOf, resolveRef, type JsonSchema } from './toolkit.js';
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
    // Recurse into objects with declared properties; maps, arrays, scalars and Kubernetes objects are leaves.
    const asOne = (path.length === 1 && whole.includes(path[0] ?? '')) || kubernetesDefinitionOf(schema) !== undefined;
    if (path.length === 0 || (!asOne && props && Object.keys(props).length && s?.additionalProperties !== true)) {
      const keys = new Set([...Object.keys(props ?? {}), ...Object.keys(isPlainObject(value) ? value : {})]);
      for (const key of keys) {
        if (path.length === 0 && skip.includes(key)) continue;
        walk(childSchema(root, s, key), isPlainObject(value) ? value[key] : undefined, [...path, key]);
      }
      return;
    }
    rows.push({ key: path.join('.'), type: typeOf(root, schema), default: value === undefined ? '' : JSON.stringify(value), description: descriptionOf(root, schema) ?? '' });
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

/** The type column: a Kubernetes kind links to its API reference; a map shows its value type. */
function typeOf(root: JsonSchema, schema: JsonSchema | undefined): string {
  const kubernetes = kubernetesDefinitionOf(schema);
  if (kubernetes) return apiReferenceLink(kubernetes);
  const s = resolveRef(root, schema);
  if (!s) return '';
  if (Array.isArray(s.anyOf)) return [...new Set((s.anyOf as JsonSchema[]).map((x) => typeOf(root, x)))].join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.type === 'array') return `${typeOf(root, s.items as JsonSchema) || 'any'}[]`;
  if (s.type === 'object' && s.patternProperties) return 'map';
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties) {
    // a map of scalars shows its value type (nodeSelector: map[string]string); a named map of entries is a map
    const value = s.additionalProperties as JsonSchema;
    const types = (Array.isArray(value.type) ? value.type : [value.type]).filter((t) => t !== 'null');
    return types.length && types.every((t) => SCALARS.has(t)) ? `map[string]${types.join(' \\| ')}` : 'map';
  }
  return Array.isArray(s.type) ? s.type.join(' \\| ') : String(s.type ?? 'any');
}

const SCALARS = new Set<unknown>(['string', 'number', 'integer', 'boolean']);

/** `[Affinity](https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#affinity-v1-core)` for core/v1 kinds. */
function apiReferenceLink(definition: string): string {
  const kind = kindOf(definition);
  const core = /^io\.k8s\.api\.core\.(v1)\./.exec(definition);
  return core ? `[${kind}](https://kubernetes.io/docs/reference/generated/kubernetes-api/v${kubernetesVersion()}/#${kind.toLowerCase()}-${core[1]}-core)` : kind;
}

