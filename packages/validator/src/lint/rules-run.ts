// What a manifests run needs to run the lint rules, in one module: loaded only when the rules run, so that a
// kubeconform-style run (helmforge-conform without -api-rules) does not load the rule table, the YAML library of the
// configuration files or the locating code; its bundle keeps them in a file of their own (tools/bundle.mjs --split).
export { LintSession } from './session.js';
export { ManifestLinter } from './manifests.js';
export { DocumentLinter } from './document-linter.js';
export { unreadableResult } from './collect.js';
