// Which values key a finding's value came from: the leaves of the render's merged values that hold the offending
// scalar, ranked by how well their path fits the finding (same field name; the subchart key or alias the template
// belongs to, or else one in the object's name). Reported only when one candidate is best.
import { isRecord } from './k8s/values.js';
import type { Finding } from './types.js';

function leaves(v: unknown, path: string[], out: { path: string[]; value: unknown }[]): void {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, String(i)], out));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else out.push({ path, value: v });
}

/** `web.image.tag`, with list indexes as `[0]`. */
export function valuesKeyText(path: string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * The values section a template reads: `platform/charts/web/templates/x.yaml` (helm's `# Source:` of the subchart
 * aliased `web`) reads `web.*`, and every chart reads `global.*`.
 */
function sectionOf(source: string | undefined): string[] | undefined {
  if (source === undefined) return undefined;
  const parts = source.split('/');
  const out: string[] = [];
  for (let i = 1; i + 1 < parts.length && parts[i] === 'charts'; i += 2) out.push(parts[i + 1] as string);
  return out;
}

/** The values path (as segments) the finding's evidence most likely came from, or undefined. */
export function valuesPathFor(f: Finding, values: unknown): string[] | undefined {
  const evidence = f.evidence;
  if (evidence === undefined || evidence === '' || values === undefined) return undefined;
  const all: { path: string[]; value: unknown }[] = [];
  leaves(values, [], all);
  const field = f.pointer.split('/').at(-1) ?? '';
  const section = sectionOf(f.source);
  const inSection = (path: string[]) => section === undefined || path[0] === 'global' || section.every((s, i) => path[i] === s);
  const candidates = all.filter((l) => inSection(l.path) && (l.value === evidence || (typeof evidence === 'string' && typeof l.value === 'number' && String(l.value) === evidence)));
  if (candidates.length === 0) return undefined;
  const own = (path: string[]) => (section !== undefined ? path[0] !== 'global' : path[0] !== undefined && f.object.name.split('-').includes(path[0]));
  const score = (path: string[]) => (path.at(-1) === field ? 2 : 0) + (own(path) ? 1 : 0);
  // a bare boolean or small number matches too much: only with the same field name
  const weak = typeof evidence === 'boolean' || (typeof evidence === 'number' && evidence < 10);
  const ranked = candidates.map((c) => ({ path: c.path, score: score(c.path) })).filter((c) => (weak ? c.score >= 2 : true));
  if (ranked.length === 0) return undefined;
  const best = Math.max(...ranked.map((c) => c.score));
  const top = ranked.filter((c) => c.score === best);
  return top.length === 1 ? top[0]?.path : undefined;
}
