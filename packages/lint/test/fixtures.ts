// Reading the rule fixtures: test/fixtures/<rule>/bad.yaml and good.yaml. A fixture's comments say what it expects:
// `# expect: <severity> <Kind>/<name> <pointer> <message>` (one line per finding) and `# kubernetes-version: x.y.z`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintRelease, resolveConfig, type Finding, type LintConfig, type LintObject } from '../src/index.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export function fixtureText(rule: string, which: 'bad' | 'good'): string {
  return readFileSync(join(FIXTURES, rule, `${which}.yaml`), 'utf8');
}

export function objectsOf(text: string, file = 'fixture.yaml'): LintObject[] {
  return parseAllDocuments(text)
    .map((d, docIndex) => ({ value: d.toJS() as Record<string, unknown>, file, docIndex, line: 1 }))
    .filter((o) => o.value !== null && typeof o.value === 'object');
}

export function expectations(text: string): string[] {
  return [...text.matchAll(/^# expect: (.*)$/gm)].map((m) => m[1] as string).sort();
}

export function kubernetesVersion(text: string): string | undefined {
  return /^# kubernetes-version: (\S+)$/m.exec(text)?.[1];
}

/** Lints a fixture's text with the given configs; `edit` may change each parsed object first. */
export function lintText(text: string, configs: LintConfig[], edit?: (o: LintObject) => void): Finding[] {
  const version = kubernetesVersion(text);
  const objects = objectsOf(text);
  if (edit !== undefined) objects.forEach(edit);
  return lintRelease({ objects, ...(version !== undefined ? { kubernetesVersion: version } : {}) }, resolveConfig(configs));
}

/** An edit that adds an annotation to every object. */
export function annotate(key: string, value: string): (o: LintObject) => void {
  return (o) => {
    const meta = (o.value.metadata ??= {}) as Record<string, unknown>;
    meta.annotations = { ...((meta.annotations as object | undefined) ?? {}), [key]: value };
  };
}

export function describeFinding(f: Finding): string {
  return `${f.severity} ${f.object.kind}/${f.object.name} ${f.pointer} ${f.message}`;
}
