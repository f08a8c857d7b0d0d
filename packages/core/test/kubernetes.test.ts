// Typed Kubernetes fields: where their definitions come from (kubernetes/definitions.json, kept equal to the 1.33
// bundle), what values they accept, and that every schema that uses them carries them (self-contained draft-07).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Affinity, Containers, ContainerSecurityContext, EnvVars, KUBERNETES_DEFINITIONS_FILE, NodeSelector, Resources, T, Tolerations, Volumes,
  kubernetesDefinitionsDocument, missingDescriptions, patternsWithoutMessage, renderValuesTable, untitledAlternatives, unportablePatterns, toJsonSchema, validateAgainst, valuesSchema, type JsonSchema,
} from '../src/index.js';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';

const BUNDLE = join(REPO_ROOT, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');

const schema = toJsonSchema(
  valuesSchema('demo', 'A demo chart.', {
    affinity: Affinity(),
    tolerations: Tolerations(),
    nodeSelector: NodeSelector(),
    extraVolumes: Volumes(),
    extraEnv: EnvVars(),
    sidecars: Containers(),
    securityContext: ContainerSecurityContext(),
    resources: Resources(),
  }),
);
const valid = {
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }] } } },
  tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  extraVolumes: [{ name: 'cache', emptyDir: { sizeLimit: '1Gi' } }, { name: 'data', nfs: { server: '192.168.1.10', path: '/nfsdata' } }],
  extraEnv: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
  sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ containerPort: 9901, name: 'admin' }], readinessProbe: { httpGet: { path: '/ready', port: 'admin' } } }],
  securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  resources: { requests: { cpu: '100m', memory: 256 }, limits: { memory: '512Mi' } },
};

describe('kubernetes/definitions.json', () => {
  it('is what tools/kubernetes-definitions.mjs makes of the Kubernetes 1.33 bundle (run it after changing the roots)', () => {
    const committed = JSON.parse(readFileSync(KUBERNETES_DEFINITIONS_FILE, 'utf8'));
    expect(committed).toEqual(kubernetesDefinitionsDocument(JSON.parse(readFileSync(BUNDLE, 'utf8')), '1.33'));
    expect(Object.keys(committed.definitions)).toContain('io.k8s.api.core.v1.Affinity');
  });
});

describe('typed Kubernetes fields', () => {
  it('accept real Kubernetes values', () => {
    expect(validateAgainst(schema, valid)).toEqual([]);
  });

  it('reject a misspelt field at any depth, naming it', () => {
    expect(validateAgainst(schema, { ...valid, affinity: { nodeAfinity: {} } })).toEqual([expect.objectContaining({ pointer: '/affinity/nodeAfinity', message: 'unknown key "nodeAfinity"' })]);
    const sidecar = { name: 'proxy', image: 'envoy', readinessProbe: { httpGet: { path: '/', port: 80, shceme: 'HTTP' } } };
    expect(validateAgainst(schema, { ...valid, sidecars: [sidecar] })).toEqual([expect.objectContaining({ pointer: '/sidecars/0/readinessProbe/httpGet/shceme' })]);
  });

  it('reject a missing required key and a wrong type', () => {
    expect(validateAgainst(schema, { ...valid, extraVolumes: [{ emptyDir: {} }] })).toEqual([expect.objectContaining({ pointer: '/extraVolumes/0', message: 'missing required key "name"' })]);
    expect(validateAgainst(schema, { ...valid, tolerations: [{ tolerationSeconds: 'soon' }] })[0]).toMatchObject({ pointer: '/tolerations/0/tolerationSeconds' });
  });

  it('say what a quantity looks like instead of showing its regular expression', () => {
    expect(validateAgainst(schema, { ...valid, resources: { limits: { memory: 'lots' } } })).toEqual([
      { pointer: '/resources/limits/memory', message: 'must be a quantity such as `500m`, `256Mi`, `10Gi` or `1.5`' },
    ]);
  });

  it('accept null where Helm values use it to drop a default, but not for the field itself or a list entry', () => {
    expect(validateAgainst(schema, { ...valid, resources: { limits: { cpu: null } }, securityContext: { seccompProfile: null, readOnlyRootFilesystem: null } })).toEqual([]);
    expect(validateAgainst(schema, { ...valid, affinity: null })).not.toEqual([]);
    expect(validateAgainst(schema, { ...valid, tolerations: [null] })).not.toEqual([]);
    expect(validateAgainst(schema, { ...valid, extraVolumes: [{ name: null }] })).not.toEqual([]);
  });

  it('pass the checks generation makes on a chart\'s own schema text: descriptions, portable patterns with messages, titled alternatives', () => {
    const kubernetes = { definitions: schema.definitions };
    expect([missingDescriptions(kubernetes), unportablePatterns(kubernetes), patternsWithoutMessage(kubernetes), untitledAlternatives(kubernetes)]).toEqual([[], [], [], []]);
    // the checks do look into them
    expect(missingDescriptions({ definitions: { x: { properties: { a: { type: 'string' } } } } })).toEqual(['/definitions/x/properties/a']);
    expect(Object.keys(schema.definitions as JsonSchema).length).toBeGreaterThan(90);
  });

  it('carry exactly the definitions they refer to, so every reference resolves inside the schema', () => {
    const definitions = schema.definitions as Record<string, JsonSchema>;
    const refs = new Set([...JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]));
    expect([...refs].sort()).toEqual(Object.keys(definitions));
    expect(Object.keys(definitions)).toContain('io.k8s.api.core.v1.NodeAffinity');
    // a schema without typed fields carries none
    expect(toJsonSchema(valuesSchema('plain', 'Plain.', { replicas: T.Integer({ description: 'Replicas.' }) })).definitions).toBeUndefined();
  });

  it('show their Kubernetes type, linked to the API reference, as one row of the values table', () => {
    const table = renderValuesTable(schema, valid);
    expect(table).toContain('| `affinity` | [Affinity](https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#affinity-v1-core) |');
    expect(table).toContain('| `tolerations` | [Toleration](https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#toleration-v1-core)[] |');
    expect(table).toContain('| `sidecars` | [Container](https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.33/#container-v1-core)[] |');
    expect(table).toContain('| `nodeSelector` | map[string]string |');
    expect(table).not.toContain('affinity.nodeAffinity');
  });
});
