// @helmforge/lint: rules over the objects of a rendered release. Pure: objects in, findings out.
export { lintRelease, mergeFindings, failsAt } from './engine.js';
export { RULES, ruleNamed } from './rules/index.js';
export { parseLintConfig, resolveConfig, ruleId, LintConfigError, DEFAULT_CLUSTER_CIDRS, DEFAULT_NODE_PORT_RANGE, type LintConfig, type ResolvedConfig, type Exemption } from './config.js';
export { DEPRECATIONS, deprecationOf, type Deprecation } from './deprecations.js';
export { IndexedText, indexText, locateFindings, type DocumentText } from './locate.js';
export { valuesPathFor, valuesKeyText } from './provenance.js';
export { rulesMarkdown } from './docs.js';
export { HELMFORGE_IGNORE_PREFIX } from './suppress.js';
export { releaseProjection } from './projection.js';
export type { ExternalReference, LintSettings } from './release.js';
export { SEVERITIES, CATEGORIES, type Category, type Finding, type LintObject, type ObjectRef, type ReleaseInput, type Rule, type Severity } from './types.js';
export { isClusterScoped } from './k8s/scope.js';
export { parseQuantity } from './k8s/quantity.js';
export { deepEqual } from './k8s/values.js';
