// The result of `helmforge diff`: one release diff per values scenario, and whether the upgrade is safe.
import { ALWAYS_FAILING, type ReleaseDiff, type Verdict } from './verdicts.js';

export interface ScenarioDiff {
  /** `defaults`, `ci/ha-values.yaml`, or `values given` (-f/--set). */
  label: string;
  diff: ReleaseDiff;
}

export interface DiffReport {
  /** How the two sides were given (a chart path, an oci:// reference, a manifest file). */
  old: string;
  new: string;
  release: string;
  namespace: string;
  scenarios: ScenarioDiff[];
  /** Verdicts that fail the run besides will-fail and data-loss (--fail-on). */
  failOn: Verdict[];
  /** Directory that `# Source:` paths of the new side are relative to (its chart's parent), when it is on disk. */
  sourceRoot?: string;
}

export function failingVerdicts(report: DiffReport): Verdict[] {
  return [...new Set([...ALWAYS_FAILING, ...report.failOn])];
}

/** 0 when the upgrade is safe, 1 when something will fail or lose data (or is a verdict named by --fail-on). */
export function exitCode(report: DiffReport): number {
  const failing = failingVerdicts(report);
  return report.scenarios.some((s) => s.diff.objects.some((o) => failing.includes(o.verdict))) ? 1 : 0;
}
