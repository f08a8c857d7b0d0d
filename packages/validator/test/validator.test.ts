// Verdicts and messages. Expected messages are kubeconform 0.6.2's (run on the same documents with the same standalone
// schema files) or derived from its schema engine's source (santhosh-tekuri/jsonschema v5.3, schema.go); where
// helmforge differs on purpose, the test says "deliberate difference".
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ValidatorOptions } from '../src/index.js';
import { BUNDLE, FIXTURES, PROMETHEUS_CRD, PROMETHEUS_RULE_CRD, STANDALONE, validateYaml } from './helpers.js';

const deployment = (spec: string, metadata = '  name: web\n'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
${metadata}spec:
${spec}  selector:
    matchLabels: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx
`;

const standalone = { schemaLocations: [STANDALONE], kubernetesVersion: '1.33.0', strict: true };
const deploymentUrl = pathToFileURL(join(STANDALONE, 'v1.33.0-standalone-strict', 'deployment-apps-v1.json')).href;
const PROBLEM = 'problem validating schema. Check JSON formatting: jsonschema:';

describe("single-error resources: kubeconform's message, byte for byte (standalone strict schemas)", () => {
  const cases: [string, string, string, { path: string; message: string }[]][] = [
    [
      'a wrong type',
      deployment('  replicas: "3"\n'),
      `${PROBLEM} '/spec/replicas' does not validate with ${deploymentUrl}#/properties/spec/properties/replicas/type: expected integer or null, but got string`,
      [{ path: '/spec/replicas', message: 'expected integer or null, but got string' }],
    ],
    [
      'an int-or-string of neither type (the first oneOf branch words it; the list says oneOf failed)',
      deployment('  strategy: {rollingUpdate: {maxSurge: true}}\n'),
      `${PROBLEM} '/spec/strategy/rollingUpdate/maxSurge' does not validate with ${deploymentUrl}#/properties/spec/properties/strategy/properties/rollingUpdate/properties/maxSurge/oneOf/0/type: expected string or null, but got boolean`,
      [{ path: '/spec/strategy/rollingUpdate/maxSurge', message: 'oneOf failed' }],
    ],
    [
      'a key with a slash (a JSON pointer token)',
      deployment('', '  name: web\n  labels:\n    app.kubernetes.io/name: 5\n'),
      `${PROBLEM} '/metadata/labels/app.kubernetes.io~1name' does not validate with ${deploymentUrl}#/properties/metadata/properties/labels/additionalProperties/type: expected string or null, but got number`,
      [{ path: '/metadata/labels/app.kubernetes.io~1name', message: 'expected string or null, but got number' }],
    ],
    [
      'a key with a space and a semicolon (URL-path-escaped, as jsonschema escapes tokens)',
      deployment('', '  name: web\n  labels:\n    "a b;c": 5\n'),
      `${PROBLEM} '/metadata/labels/a%20b%3Bc' does not validate with ${deploymentUrl}#/properties/metadata/properties/labels/additionalProperties/type: expected string or null, but got number`,
      [{ path: '/metadata/labels/a%20b%3Bc', message: 'expected string or null, but got number' }],
    ],
    [
      'a missing required property',
      deployment('').replace('  selector:\n    matchLabels: {app: web}\n', ''),
      `${PROBLEM} '/spec' does not validate with ${deploymentUrl}#/properties/spec/required: missing properties: 'selector'`,
      [{ path: '/spec', message: "missing properties: 'selector'" }],
    ],
    [
      'an unknown property',
      deployment('  replicaz: 2\n'),
      `${PROBLEM} '/spec' does not validate with ${deploymentUrl}#/properties/spec/additionalProperties: additionalProperties 'replicaz' not allowed`,
      [{ path: '/spec', message: "additionalProperties 'replicaz' not allowed" }],
    ],
  ];
  it.each(cases)('%s', async (_title, doc, message, errors) => {
    const [r] = await validateYaml(doc, standalone);
    expect(r).toMatchObject({ status: 'invalid', kind: 'Deployment', name: 'web', message, errors });
  });

  it('deliberate difference: several errors are all reported, the first as kubeconform words one (kubeconform shows one, picked by Go map order)', async () => {
    const [r] = await validateYaml(deployment('  replicas: "3"\n  replicaz: 2\n'), standalone);
    expect(r?.message).toBe(
      `${PROBLEM} '/spec/replicas' does not validate with ${deploymentUrl}#/properties/spec/properties/replicas/type: expected integer or null, but got string - '/spec': additionalProperties 'replicaz' not allowed`,
    );
  });

  it('the same verdicts and messages from the v1.33 bundle, which names the definition instead of the file', async () => {
    const [r] = await validateYaml(deployment('  replicas: "3"\n'), { schemaBundles: [BUNDLE], strict: true });
    expect(r?.message).toBe(
      `${PROBLEM} '/spec/replicas' does not validate with ${pathToFileURL(BUNDLE).href}#/definitions/io.k8s.api.apps.v1.Deployment/properties/spec/properties/replicas/type: expected integer or null, but got string`,
    );
  });
});

describe('verdicts of kubeconform with its default (standalone) schemas, from the bundle and from the files', () => {
  const sources: [string, ValidatorOptions][] = [
    ['v1.33 bundle', { schemaBundles: [BUNDLE] }],
    ['standalone schemas', { schemaLocations: [STANDALONE], kubernetesVersion: '1.33.0' }],
  ];
  for (const [source, options] of sources) {
    describe(source, () => {
      it('an unknown field is invalid in strict mode and valid otherwise', async () => {
        expect((await validateYaml(deployment('  replicaz: 2\n'), { ...options, strict: true }))[0]?.status).toBe('invalid');
        expect((await validateYaml(deployment('  replicaz: 2\n'), { ...options, strict: false }))[0]?.status).toBe('valid');
      });

      it('optional fields accept null, required ones do not', async () => {
        const ok = await validateYaml(deployment('  replicas: null\n  strategy: null\n').replace('    spec:\n', '    spec:\n      volumes: null\n'), { ...options, strict: true });
        expect(ok[0]?.status).toBe('valid');
        const [bad] = await validateYaml(deployment('').replace('image: nginx', 'image: nginx\n          ports: [{containerPort: null}]'), { ...options, strict: true });
        expect(bad?.errors).toEqual([{ path: '/spec/template/spec/containers/0/ports/0/containerPort', message: 'expected integer, but got null' }]);
      });

      it('int-or-string accepts a string or an integer, nothing else', async () => {
        const strategy = (v: string): string => deployment(`  strategy:\n    rollingUpdate:\n      maxSurge: ${v}\n      maxUnavailable: 0\n`);
        expect((await validateYaml(strategy('25%'), { ...options, strict: true }))[0]?.status).toBe('valid');
        expect((await validateYaml(strategy('1'), { ...options, strict: true }))[0]?.status).toBe('valid');
        expect((await validateYaml(strategy('1.5'), { ...options, strict: true }))[0]?.errors).toEqual([{ path: '/spec/strategy/rollingUpdate/maxSurge', message: 'oneOf failed' }]);
        expect((await validateYaml(strategy('true'), { ...options, strict: true }))[0]?.status).toBe('invalid');
      });

      it('deliberate difference: an optional int-or-string accepts null (kubeconform: "valid against schemas at indexes 0 and 1"; the API server takes it as unset)', async () => {
        const [r] = await validateYaml(deployment('  strategy: {rollingUpdate: {maxSurge: null}}\n'), { ...options, strict: true });
        expect(r?.status).toBe('valid');
      });

      it('a quantity accepts a string or a number; null twice, so not at all (as kubeconform)', async () => {
        const res = (v: string): string => deployment('').replace('image: nginx', `image: nginx\n          resources: {requests: {cpu: ${v}}}`);
        expect((await validateYaml(res('100m'), { ...options, strict: true }))[0]?.status).toBe('valid');
        expect((await validateYaml(res('0.5'), { ...options, strict: true }))[0]?.status).toBe('valid');
        expect((await validateYaml(res('[1]'), { ...options, strict: true }))[0]?.status).toBe('invalid');
        expect((await validateYaml(res('null'), { ...options, strict: true }))[0]?.errors).toEqual([
          { path: '/spec/template/spec/containers/0/resources/requests/cpu', message: 'valid against schemas at indexes 0 and 1' },
        ]);
      });

      it("deliberate difference: int32 ranges are enforced (kubeconform 0.6's schema engine asserts no format and calls 3000000000 replicas valid; the API server rejects it)", async () => {
        const [r] = await validateYaml(deployment('  replicas: 3000000000\n'), { ...options, strict: true });
        expect(r?.errors).toEqual([{ path: '/spec/replicas', message: "3e+09 is not valid 'int32'" }]);
      });
    });
  }

  it('`kind: List` is expanded into its items; other *List kinds are validated as they are, against their own schema', async () => {
    const list = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: b}
    data: {k: 1}
`;
    const results = await validateYaml(list, { strict: true });
    expect(results.map((r) => [r.itemIndex, r.name, r.status])).toEqual([
      [0, 'a', 'valid'],
      [1, 'b', 'invalid'],
    ]);
    const cmList = await validateYaml(list.replace('kind: List', 'kind: ConfigMapList'), { strict: true });
    expect(cmList.map((r) => [r.kind, r.status, r.errors])).toEqual([['ConfigMapList', 'invalid', [{ path: '/items/1/data/k', message: 'expected string or null, but got number' }]]]);
  });

  it("missing apiVersion or kind: kubeconform's error while parsing", async () => {
    expect((await validateYaml('apiVersion: v1\nmetadata: {name: a}\n'))[0]).toMatchObject({ status: 'error', message: "error while parsing: missing 'kind' key" });
    expect((await validateYaml('kind: ConfigMap\nmetadata: {name: a}\n'))[0]).toMatchObject({ status: 'error', kind: 'ConfigMap', name: 'a', message: "error while parsing: missing 'apiVersion' key" });
  });

  it("a signature field of the wrong type fails as kubeconform's decoding of it does (a scalar is read as a string)", async () => {
    expect((await validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [a]}\n'))[0]).toMatchObject({
      status: 'error',
      message: 'error while parsing: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field .Metadata.Name of type string',
    });
    expect((await validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: 5\n'))[0]?.message).toMatch(/^error while parsing: .*cannot unmarshal number into Go struct field \.Metadata of type struct/);
    // a scalar name is a name for the report, and a type error for the schema
    expect((await validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 5}\n', { strict: true }))[0]).toMatchObject({ status: 'invalid', name: '5' });
  });

  it('a generated name is named as kubeconform names it', async () => {
    expect((await validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: job-}\n'))[0]).toMatchObject({ status: 'valid', name: 'job-{{ generateName }}' });
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

  it('comment-only and marker-only documents are empty', async () => {
    const results = await validateYaml('# only a comment\n---\n---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    expect(results.map((r) => r.status)).toEqual(['empty', 'empty', 'valid']);
  });

  it("duplicate keys in strict mode: every one, with kubeconform's wording and lines (counted in the document), the resource still named", async () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n';
    const block = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: a\n  j: b\n  k: c\n  j: d\n';
    const flow = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {x: "1", x: "2"}}\n';
    const results = await validateYaml(`${first}${block}---\n${flow}`, { strict: true });
    expect(results.map((r) => [r.status, r.kind, r.name, r.message])).toEqual([
      ['valid', 'ConfigMap', 'a', undefined],
      [
        'error',
        'ConfigMap',
        'b',
        'error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 8: key "k" already set in map\n  line 9: key "j" already set in map',
      ],
      ['error', 'ConfigMap', 'c', 'error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key "x" already set in map'],
    ]);
    expect((await validateYaml(`${block}`, { strict: false }))[0]?.status).toBe('valid');
    // the yaml library (anchors take the document off the fast parser) finds the same
    const anchored = await validateYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  a: &v x\n  b: *v\n  a: y\n', { strict: true });
    expect(anchored[0]?.message).toBe('error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "a" already set in map');
  });

  it('YAML syntax errors name the line in the file', async () => {
    const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n';
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  bad: [\n';
    const results = await validateYaml(`${first}${broken}`, { strict: true });
    expect(results.map((r) => r.message)).toEqual([undefined, 'error unmarshalling resource: Flow sequence in block collection must be sufficiently indented and end with a ] at line 10, column 1']);
  });
});

describe("custom resources from CRD YAML, as kubeconform validates them with schemas its openapi2jsonschema.py converted", () => {
  const prom = (spec: string): string => `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: main\nspec:\n${spec}`;
  const crds = { crds: [PROMETHEUS_CRD, PROMETHEUS_RULE_CRD] };

  it('a valid Prometheus is valid', async () => {
    const [r] = await validateYaml(prom('  replicas: 2\n  retention: 15d\n  serviceMonitorSelector: {}\n  resources:\n    requests: {memory: 400Mi}\n'), { ...crds, strict: true });
    expect(r).toMatchObject({ status: 'valid', kind: 'Prometheus' });
  });

  it('wrong types and unknown nested fields are invalid, strict or not (nested objects are closed); the root stays open', async () => {
    for (const strict of [true, false]) {
      const [r] = await validateYaml(prom('  replicas: two\n  retentionz: 15d\n'), { ...crds, strict });
      expect(r?.errors).toEqual([
        { path: '/spec/replicas', message: 'expected integer, but got string' },
        { path: '/spec', message: "additionalProperties 'retentionz' not allowed" },
      ]);
    }
    expect((await validateYaml(`${prom('  replicas: 2\n')}status2: {}\n`, { ...crds, strict: true }))[0]?.status).toBe('valid');
  });

  it('a Go-only pattern (PrometheusRule: ^(?i)(abort|warn)?$) is translated, not dropped nor failing every object', async () => {
    const rule = (strategy: string): string =>
      `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n    - name: g\n      partial_response_strategy: ${strategy}\n      rules: [{alert: A, expr: up == 0}]\n`;
    for (const ok of ['ABORT', 'warn', '""']) expect((await validateYaml(rule(ok), { ...crds, strict: true }))[0]?.status).toBe('valid');
    const [bad] = await validateYaml(rule('never'), { ...crds, strict: true });
    expect(bad?.errors).toEqual([{ path: '/spec/groups/0/partial_response_strategy', message: "does not match pattern '^(?i)(abort|warn)?$'" }]);
  });
});

describe("messages worded as kubeconform 0.6's schema engine (jsonschema v5.3) words them, in its order", () => {
  const MIXED = join(FIXTURES, 'engines', 'mixed-bundle.json');
  const widget = (spec: string, metadata = '{name: w}'): string => `apiVersion: example.com/v1\nkind: Widget\nmetadata: ${metadata}\nspec: ${spec}\n`;
  const messages = async (doc: string): Promise<string[]> =>
    ((await validateYaml(doc, { schemaBundles: [MIXED], strict: true }))[0]?.errors ?? []).map((e) => `${e.path}: ${e.message}`);

  it('enum, const and bounds (properties in the order of the document)', async () => {
    expect(await messages(widget('{size: 0, mode: medium, fixed: "no", ratio: 1.5, tags: []}'))).toEqual([
      '/spec/size: must be >= 1 but found 0',
      '/spec/mode: value must be one of "fast", "slow"',
      '/spec/fixed: value must be "yes"',
      '/spec/ratio: must be < 1 but found 1.5',
      '/spec/tags: minimum 1 items required, but found 0 items',
    ]);
    expect(await messages(widget('{size: 12}'))).toEqual(['/spec/size: must be <= 10 but found 12']);
    // every JSON number is a "number" to jsonschema, integers too
    expect(await messages(widget('{size: 3, mode: 7}'))).toEqual(['/spec/mode: expected string or null, but got number']);
  });

  it('deliberate difference: an int32 format error, in the place jsonschema checks formats (before the bounds)', async () => {
    expect(await messages(widget('{size: 3000000000}'))).toEqual(["/spec/size: 3e+09 is not valid 'int32'", '/spec/size: must be <= 10 but found 3e+09']);
  });

  it('patterns, lengths, unique items (every equal pair), alternatives (one error for the oneOf)', async () => {
    expect(await messages(widget('{size: 3, tags: [a, b, a, b], target: {name: ""}}', '{name: "Not_Valid-and-far-too-long"}'))).toEqual([
      '/metadata/name: length must be <= 20, but got 26',
      "/metadata/name: does not match pattern '^[a-z0-9-]+$'",
      '/spec/tags: items at index 0 and 2 are equal',
      '/spec/tags: items at index 1 and 3 are equal',
      '/spec/target: oneOf failed',
    ]);
  });

  it('a property named like an inherited member (constructor, toString) counts only when the document has it', async () => {
    // Target lists `constructor` (a string) and `toString`: every JavaScript object inherits both
    expect(await messages(widget('{size: 3, target: {name: t}}'))).toEqual([]);
    expect(await messages(widget('{size: 3, parts: [{name: t, constructor: 5}]}'))).toEqual(['/spec/parts/0/constructor: expected string or null, but got number']);
  });

  it('missing properties before unknown ones, one message each per object', async () => {
    expect(await messages(widget('{ratio: 0.5, colour: red, shape: round}'))).toEqual(["/spec: missing properties: 'size'", "/spec: additionalProperties 'colour', 'shape' not allowed"]);
  });
});
