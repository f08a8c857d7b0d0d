#!/usr/bin/env node
// Writes packages/core/kubernetes/definitions.json: the Kubernetes API definitions that the charts' typed values
// fields use (everything a core/v1 PodSpec refers to), taken verbatim from a `_definitions.json` bundle.
// Usage (after a build): node tools/kubernetes-definitions.mjs [BUNDLE]
//   BUNDLE defaults to ../shared/kubernetes-schemas/v1.33/_definitions.json beside the checkout.
// The bundle itself is not part of the repository; packages/core/test/kubernetes.test.ts checks that the committed
// file is what this script makes of it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KUBERNETES_DEFINITIONS_FILE, kubernetesDefinitionsDocument } from '../packages/core/dist/schema/kubernetes-definitions.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundlePath = resolve(process.argv[2] ?? resolve(root, '../shared/kubernetes-schemas/v1.33/_definitions.json'));
const document = kubernetesDefinitionsDocument(JSON.parse(readFileSync(bundlePath, 'utf8')), '1.33');
const temp = `${KUBERNETES_DEFINITIONS_FILE}.helmforge-tmp`;
writeFileSync(temp, `${JSON.stringify(document, null, 2)}\n`);
renameSync(temp, KUBERNETES_DEFINITIONS_FILE);
console.log(`wrote ${KUBERNETES_DEFINITIONS_FILE} (${Object.keys(document.definitions).length} definitions from ${bundlePath})`);
