import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES, PROMETHEUS_CRD, validateYaml } from './helpers.js';

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
${spec}`;

describe('validation semantics (v1.33 bundle, kubeconform default-schema semantics)', () => {
  it('an unknown field is invalid in strict mode and valid otherwise', async () => {
    const doc = deployment('  replicaz: 2\n');
    const [strict] = await validateYaml(doc, { strict: true });
    expect(strict?.status).toBe('invalid');
    expect(strict?.errors).toEqual([{ path: '/spec', message: "additionalProperties 'replicaz' not allowed" }]);
    const [lax] = await validateYaml(doc, { strict: false });
    expect(lax?.status).toBe('valid');
  });

  it('a wrong type is invalid, with a kubeconform-style message', async () => {
    const [r] = await validateYaml(deployment('  replicas: "3"\n'), { strict: true });
    expect(r).toMatchObject({ status: 'invalid', kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' });
    expect(r?.message).toMatch(/^problem validating schema\. Check JSON formatting: jsonschema: '\/spec\/replicas' does not validate with .*: expected integer or null, but got string$/);
  });

  it('a missing required field is invalid', async () => {
    const [r] = await validateYaml('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template: {}\n', { strict: true });
    expect(r?.status).toBe('invalid');
    expect(r?.errors).toContainEqual({ path: '/spec', message: "missing properties: 'selector'" });
  });

  it('optional fields accept null, required ones do not', async () => {
    const ok = await validateYaml(deployment('  replicas: null\n  strategy: null\n').replace('    spec:\n', '    spec:\n      volumes: null\n'), { strict: true });
    expect(ok[0]?.status).toBe('valid');
    const [bad] = await validateYaml(deployment('').replace('image: nginx', 'image: nginx\n          ports: [{containerPort: null}]'), { strict: true });
    expect(bad?.status).toBe('invalid');
    expect(bad?.errors?.[0]?.path).toBe('/spec/template/spec/containers/0/ports/0/containerPort');
  });

  it('int-or-string accepts a string or an integer, nothing else', async () => {
    const strategy = (v: string): string => deployment(`  strategy:\n    rollingUpdate:\n      maxSurge: ${v}\n      maxUnavailable: 0\n`);
    expect((await validateYaml(strategy('25%'), { strict: true }))[0]?.status).toBe('valid');
    expect((await validateYaml(strategy('1'), { strict: true }))[0]?.status).toBe('valid');
    const [bad] = await validateYaml(strategy('1.5'), { strict: true });
    expect(bad?.status).toBe('invalid');
    expect((await validateYaml(strategy('true'), { strict: true }))[0]?.status).toBe('invalid');
  });

  it('a quantity accepts a string or a number', async () => {
    const res = (v: string): string => deployment('').replace('image: nginx', `image: nginx\n          resources: {requests: {cpu: ${v}}}`);
    expect((await validateYaml(res('100m'), { strict: true }))[0]?.status).toBe('valid');
    expect((await validateYaml(res('0.5'), { strict: true }))[0]?.status).toBe('valid');
    expect((await validateYaml(res('[1]'), { strict: true }))[0]?.status).toBe('invalid');
  });

  it('int32 fields reject integers out of range', async () => {
    const [r] = await validateYaml(deployment('  replicas: 3000000000\n'), { strict: true });
    expect(r?.status).toBe('invalid');
    expect(r?.errors?.[0]?.message).toBe("3e+09 is not valid 'int32'");
  });

  it('expands List documents into their items', async () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: b}
    data: {n: 1}
`;
    const results = await validateYaml(list, { strict: true });
    expect(results.map((r) => [r.itemIndex, r.name, r.status])).toEqual([
      [0, 'a', 'valid'],
      [1, 'b', 'invalid'],
    ]);
    const cmList = await validateYaml(list.replace('kind: List', 'kind: ConfigMapList'), { strict: true });
    expect(cmList).toHaveLength(2);
  });

  it('missing apiVersion or kind is an error', async () => {
    expect((await validateYaml('apiVersion: v1\nmetadata: {name: a}\n'))[0]).toMatchObject({ status: 'error', message: "missing 'kind' key" });
    expect((await validateYaml('kind: ConfigMap\nmetadata: {name: a}\n'))[0]).toMatchObject({ status: 'error', message: "missing 'apiVersion' key" });
  });

  it('a kind without schema is an error, or skipped with ignoreMissingSchemas', async () => {
    const doc = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
    expect((await validateYaml(doc))[0]).toMatchObject({ status: 'error', message: 'could not find schema for Widget' });
    expect((await validateYaml(doc, { ignoreMissingSchemas: true }))[0]?.status).toBe('skipped');
  });

  it('skip and reject take kinds or apiVersion/kind', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: 1}\n';
    expect((await validateYaml(doc, { skip: ['ConfigMap'] }))[0]?.status).toBe('skipped');
    expect((await validateYaml(doc, { skip: ['v1/ConfigMap'] }))[0]?.status).toBe('skipped');
    expect((await validateYaml(doc, { skip: ['apps/v1/ConfigMap'] }))[0]?.status).toBe('invalid');
    expect((await validateYaml(doc, { reject: ['ConfigMap'] }))[0]).toMatchObject({ status: 'error', message: 'prohibited resource kind ConfigMap' });
    expect((await validateYaml(doc, { reject: ['v1/ConfigMap'] }))[0]?.status).toBe('error');
  });

  it('empty documents are reported as empty', async () => {
    const results = await validateYaml('---\n# only a comment\n---\n');
    expect(results.map((r) => r.status)).toEqual(['empty', 'empty', 'empty']);
  });

  it('duplicate keys are an error in strict mode only', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: a\n  k: b\n';
    expect((await validateYaml(doc, { strict: true }))[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/mapping key "k" already defined/) });
    expect((await validateYaml(doc, { strict: false }))[0]?.status).toBe('valid');
  });

  it("YAML errors name the line in the file, not in the document", async () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n';
    const block = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata:\n  k: a\n  j: b\n  k: c\n';
    const flow = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {x: "1", x: "2"}}\n';
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  bad: [\n';
    const results = await validateYaml(`${first}${block}---\n${flow}---\n${broken}`, { strict: true });
    expect(results.map((r) => r.message)).toEqual([
      undefined,
      'error unmarshalling resource: mapping key "k" already defined at line 11',
      'error unmarshalling resource: mapping key "x" already defined at line 15',
      'error unmarshalling resource: Flow sequence in block collection must be sufficiently indented and end with a ] at line 22, column 1',
    ]);
  });

  describe('custom resources from the Prometheus CRD YAML', () => {
    const prom = (spec: string): string => `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: main\nspec:\n${spec}`;
    it('a valid Prometheus is valid', async () => {
      const [r] = await validateYaml(prom('  replicas: 2\n  retention: 15d\n  serviceMonitorSelector: {}\n  resources:\n    requests: {memory: 400Mi}\n'), { crds: [PROMETHEUS_CRD], strict: true });
      expect(r).toMatchObject({ status: 'valid', kind: 'Prometheus' });
    });
    it('wrong types and unknown fields are invalid', async () => {
      const [r] = await validateYaml(prom('  replicas: two\n  retentionz: 15d\n'), { crds: [PROMETHEUS_CRD], strict: true });
      expect(r?.status).toBe('invalid');
      expect(r?.errors).toEqual(
        expect.arrayContaining([
          { path: '/spec/replicas', message: 'expected integer, but got string' },
          { path: '/spec', message: "additionalProperties 'retentionz' not allowed" },
        ]),
      );
      const [lax] = await validateYaml(prom('  retentionz: 15d\n'), { crds: [PROMETHEUS_CRD], strict: false });
      expect(lax?.status).toBe('valid');
    });
  });
});

describe("messages worded as kubeconform 0.6's (santhosh-tekuri/jsonschema v5.3)", () => {
  const MIXED = join(FIXTURES, 'engines', 'mixed-bundle.json');
  const widget = (spec: string, metadata = '{name: w}'): string => `apiVersion: example.com/v1\nkind: Widget\nmetadata: ${metadata}\nspec: ${spec}\n`;
  const messages = async (doc: string): Promise<string[]> =>
    ((await validateYaml(doc, { schemaBundles: [MIXED], strict: true }))[0]?.errors ?? []).map((e) => `${e.path}: ${e.message}`);

  it('types, enums, consts, formats and bounds', async () => {
    expect(await messages(widget('{size: 0, mode: medium, fixed: "no", ratio: 1.5, tags: []}'))).toEqual([
      "/spec/size: must be >= 1 but found 0",
      '/spec/mode: value must be one of "fast", "slow"',
      '/spec/ratio: must be < 1 but found 1.5',
      '/spec/tags: minimum 1 items required, but found 0 items',
      '/spec/fixed: value must be "yes"',
    ]);
    expect(await messages(widget('{size: 12}'))).toEqual(['/spec/size: must be <= 10 but found 12']);
    expect(await messages(widget('{size: 3000000000}'))).toEqual(['/spec/size: must be <= 10 but found 3e+09', "/spec/size: 3e+09 is not valid 'int32'"]);
    // every JSON number is a "number" to jsonschema v5, integers too
    expect(await messages(widget('{size: 3, mode: 7}'))).toEqual(['/spec/mode: expected string or null, but got number']);
  });

  it('patterns, lengths, unique items, alternatives', async () => {
    expect(await messages(widget('{size: 3, tags: [a, b, a], target: {name: ""}}', '{name: "Not_Valid-and-far-too-long"}'))).toEqual([
      '/metadata/name: length must be <= 20, but got 26',
      "/metadata/name: does not match pattern '^[a-z0-9-]+$'",
      '/spec/tags: items at index 0 and 2 are equal',
      '/spec/target: expected string, but got object',
      '/spec/target/name: length must be >= 1, but got 0',
      '/spec/target: oneOf failed',
    ]);
  });

  it('a property named like an inherited member (constructor, toString) counts only when the document has it', async () => {
    // Target lists `constructor` (a string) and `toString`: every JavaScript object inherits both
    expect(await messages(widget('{size: 3, target: {name: t}}'))).toEqual([]);
    expect(await messages(widget('{size: 3, target: {name: t, constructor: 5}}'))).toEqual([
      '/spec/target: expected string, but got object',
      '/spec/target/constructor: expected string or null, but got number',
      '/spec/target: oneOf failed',
    ]);
  });

  it('one message per object for its missing and for its unknown properties', async () => {
    expect(await messages(widget('{ratio: 0.5, colour: red, shape: round}'))).toEqual([
      "/spec: additionalProperties 'colour', 'shape' not allowed",
      "/spec: missing properties: 'size'",
    ]);
  });
});
