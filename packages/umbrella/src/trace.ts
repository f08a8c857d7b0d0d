// From a values key of the generated umbrella chart back to the stack-file key that set it: `web.image.tag` is
// `apps.web.image.tag` in helmforge.yaml, `registry.persistence.existingClaim` and `global.…` are themselves. Keys
// the stack file does not set (chart defaults) have no origin there.
import { isPlainObject, parseYamlSource } from '@helmforge/core';
import { readFileSync } from 'node:fs';
import { COMPONENTS } from './components.js';

export interface StackOrigin {
  file: string;
  line: number;
  column: number;
  /** The key as written in the stack file, e.g. `apps.web.image.tag`. */
  key: string;
}

/** The stack-file path of an umbrella values path. */
function stackPath(valuesPath: string[], apps: string[]): string[] | undefined {
  const [head, ...rest] = valuesPath;
  if (head === undefined) return undefined;
  if (head === 'global' || COMPONENTS.some((c) => c.key === head)) return valuesPath;
  if (apps.includes(head)) return ['apps', head, ...rest];
  return undefined;
}

/** A path as the stack file's key is written: `['jobs', 'cronJobs', 'backup', 'volumes', '1']` → `jobs.cronJobs.backup.volumes[1]`. */
export function stackKey(path: string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function has(value: unknown, path: string[]): boolean {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return false;
    v = (v as Record<string, unknown>)[p];
  }
  return true;
}

export interface StackTracer {
  /** The stack file's metadata.name: the chart it generates (charts/<name>/). */
  chartName: unknown;
  /** The stack-file position of an umbrella values path; undefined when the stack file does not set it. */
  origin: (valuesPath: string[]) => StackOrigin | undefined;
}

/** A tracer for a stack file that parses (one parse serves both); undefined when the file cannot be read or parsed. */
export function stackTracer(file: string): StackTracer | undefined {
  let source;
  try {
    source = parseYamlSource(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
  const doc = source.value as Record<string, unknown> | null;
  const apps = isPlainObject(doc) && isPlainObject(doc.apps) ? Object.keys(doc.apps) : [];
  return {
    chartName: isPlainObject(doc) && isPlainObject(doc.metadata) ? doc.metadata.name : undefined,
    origin: (valuesPath) => {
      const path = stackPath(valuesPath, apps);
      if (path === undefined || !has(doc, path)) return undefined;
      const pos = source.locate(`/${path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`);
      if (pos === undefined) return undefined;
      return { file, line: pos.line, column: pos.column, key: stackKey(path) };
    },
  };
}
