// The values a chart render used, merged as Helm merges them: each dependency's own values.yaml under its key (or
// alias), the chart's values.yaml over them, then the scenario's values file. Used to name the values key a finding's
// value came from; approximate where templates compute values, which is why it only serves messages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Values = Record<string, unknown>;

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function merge(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

function readYaml(file: string): unknown {
  try {
    return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as unknown) : undefined;
  } catch {
    return undefined; // helm reports a broken values file itself
  }
}

/**
 * The merged values of a chart directory before any scenario: its dependencies' values under their keys, its own over
 * them (undefined when the chart is not a directory). The same for every scenario of the chart: made once per chart.
 */
export function chartValues(chart: string): unknown {
  const own = readYaml(join(chart, 'values.yaml'));
  if (own === undefined && !existsSync(join(chart, 'Chart.yaml'))) return undefined;
  let values: unknown = {};
  const meta = readYaml(join(chart, 'Chart.yaml'));
  const deps = isMap(meta) && Array.isArray(meta.dependencies) ? meta.dependencies : [];
  for (const d of deps) {
    if (!isMap(d) || typeof d.name !== 'string') continue;
    const key = typeof d.alias === 'string' ? d.alias : d.name;
    const sub = readYaml(join(chart, 'charts', d.name, 'values.yaml'));
    if (isMap(sub)) values = merge(values, { [key]: sub });
  }
  return merge(values, own ?? {});
}

/** A scenario's values: its values file over the chart's values (which are not changed). */
export function scenarioValues(chart: unknown, valuesFile: string | undefined): unknown {
  return chart === undefined || valuesFile === undefined ? chart : merge(chart, readYaml(valuesFile) ?? {});
}
