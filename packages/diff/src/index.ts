// @helmforge/diff: what `helm upgrade` from one render of a chart to another does — objects paired as Helm pairs
// them, and judged by the Kubernetes API's rules: what will fail, what loses data, what is replaced, what restarts.
export { diffCommand, diffSides, renderReport, DiffError, DIFF_OUTPUTS, type DiffOptions, type DiffOutput, type DiffIO } from './command.js';
export { diffReleases, generatedPaths, type GeneratedPaths } from './analyze.js';
export { readRelease, ManifestError, type Release, type ReleaseObject, type Hook, type ReadOptions } from './objects.js';
export { diffValues, type Change } from './changes.js';
export { IMMUTABILITY_RULES, immutabilityFindings, type ImmutabilityRule } from './rules/immutable.js';
export { exitCode, type DiffReport, type ScenarioDiff } from './report.js';
export { VERDICTS, VERDICT_TITLES, type Verdict, type Finding, type ObjectDiff, type ReleaseDiff, type HookRun } from './verdicts.js';
