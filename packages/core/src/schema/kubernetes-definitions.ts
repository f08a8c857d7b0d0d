// kubernetes/definitions.json: the Kubernetes API definitions the charts' typed values fields are built from
// (see kubernetes.ts), and how they are taken from a `_definitions.json` bundle. tools/kubernetes-definitions.mjs
// writes the file; a test checks that it is what the bundle gives.
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './toolkit.js';

export const KUBERNETES_DEFINITIONS_FILE = fileURLToPath(new URL('../../kubernetes/definitions.json', import.meta.url));

/** What tools/kubernetes-definitions.mjs writes. */
export interface KubernetesDefinitionsFile {
  kubernetesVersion: string;
  source: string;
  roots: string[];
  definitions: Record<string, JsonSchema>;
}

/** The definitions the charts' typed fields need: everything a PodSpec refers to. */
export const KUBERNETES_ROOTS = ['io.k8s.api.core.v1.PodSpec'];

/** How a schema refers to one of its definitions. */
export const REF_PREFIX = '#/definitions/';

/** The named definitions `roots` refer to, transitively, verbatim and sorted by name. */
export function extractDefinitions(bundle: { definitions: Record<string, JsonSchema> }, roots: string[]): Record<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (found.has(name)) continue;
    const def = bundle.definitions[name];
    if (!def) throw new Error(`the bundle has no definition ${name}`);
    found.set(name, def);
    pending.push(...refsIn(def));
  }
  return Object.fromEntries([...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The content of kubernetes/definitions.json, made from a bundle (tools/kubernetes-definitions.mjs; a test compares). */
export function kubernetesDefinitionsDocument(bundle: { definitions: Record<string, JsonSchema> }, kubernetesVersion: string): KubernetesDefinitionsFile {
  return {
    kubernetesVersion,
    source: `_definitions.json of Kubernetes ${kubernetesVersion} (the kubernetes-json-schema collection), the definitions the roots refer to, verbatim`,
    roots: KUBERNETES_ROOTS,
    definitions: extractDefinitions(bundle, KUBERNETES_ROOTS),
  };
}

/** Names of the definitions a schema refers to directly (`#/definitions/<name>`). */
export function refsIn(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) for (const s of schema) refsIn(s, out);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) out.push(value.slice(REF_PREFIX.length));
      else refsIn(value, out);
    }
  }
  return out;
}
