// Suppression annotations on an object's metadata: helmforge's own, and those of kube-linter, Polaris and
// kube-score for the rules that answer to their check names, so that annotated charts keep working.
import type { ReleaseObject } from './release.js';
import type { Rule } from './types.js';

/** `ignore-check.helmforge.dev/<rule>: "<why>"`: the value is the written reason. */
export const HELMFORGE_IGNORE_PREFIX = 'ignore-check.helmforge.dev/';
const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const POLARIS_ALL = 'polaris.fairwinds.com/exempt';
const KUBE_SCORE = 'kube-score/ignore';

/** Whether an annotation key is one that `suppressedBy` reads. */
export function isSuppression(key: string): boolean {
  return key.startsWith(HELMFORGE_IGNORE_PREFIX) || key.startsWith(KUBE_LINTER_PREFIX) || key === KUBE_LINTER_ALL || key.startsWith('polaris.fairwinds.com/') || key === KUBE_SCORE;
}

/** The annotation that suppresses `rule` on `o`, or undefined. */
export function suppressedBy(rule: Rule, o: ReleaseObject): string | undefined {
  if (!o.annotated) return undefined;
  const a = o.annotations;
  if (Object.hasOwn(a, HELMFORGE_IGNORE_PREFIX + rule.id)) return HELMFORGE_IGNORE_PREFIX + rule.id;
  if (rule.kubeLinter !== undefined) {
    if (Object.hasOwn(a, KUBE_LINTER_ALL)) return KUBE_LINTER_ALL;
    for (const name of rule.kubeLinter) if (Object.hasOwn(a, KUBE_LINTER_PREFIX + name)) return KUBE_LINTER_PREFIX + name;
  }
  if (rule.polaris !== undefined) {
    // Polaris honours only the value "true" (case-insensitive)
    if (a[POLARIS_ALL]?.toLowerCase() === 'true') return POLARIS_ALL;
    for (const id of rule.polaris) if (a[`polaris.fairwinds.com/${id}-exempt`]?.toLowerCase() === 'true') return `polaris.fairwinds.com/${id}-exempt`;
  }
  if (rule.kubeScore !== undefined && a[KUBE_SCORE] !== undefined) {
    const ignored = a[KUBE_SCORE].split(',').map((s) => s.trim());
    if (rule.kubeScore.some((id) => ignored.includes(id))) return KUBE_SCORE;
  }
  return undefined;
}
