// The rules that need the whole release read only what releaseProjection keeps: on every rule fixture (each alone,
// all together, and with each suppression annotation the rules answer to), they find exactly the same on the
// projected objects as on the parsed ones.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRelease, releaseProjection, resolveConfig, RULES, type LintObject } from '../src/index.js';
import { annotate, fixtureText, FIXTURES, kubernetesVersion, objectsOf } from './fixtures.js';

const config = resolveConfig([{ all: true }]);
const releaseRules = RULES.filter((r) => r.scope !== 'object');

function same(objects: LintObject[], version?: string): void {
  const run = (os: LintObject[]) => lintRelease({ objects: os, ...(version !== undefined ? { kubernetesVersion: version } : {}) }, config, 'release');
  const projected = objects.map((o) => ({ ...o, value: releaseProjection(o.value) }));
  expect(run(projected)).toEqual(run(objects));
}

const fixtures = readdirSync(FIXTURES).flatMap((rule) => (['bad', 'good'] as const).map((which) => ({ rule, which, text: fixtureText(rule, which) })));

describe('releaseProjection', () => {
  it('keeps what release rules read: the same findings on every fixture', () => {
    let findings = 0;
    for (const f of fixtures) {
      same(objectsOf(f.text), kubernetesVersion(f.text));
      findings += lintRelease({ objects: objectsOf(f.text) }, config, 'release').length;
    }
    // (the fixtures do give release rules something to find)
    expect(findings).toBeGreaterThan(50);
  });

  it('on all fixtures as one release (references across files resolve)', () => {
    same(fixtures.flatMap((f) => objectsOf(f.text, join(f.rule, `${f.which}.yaml`))));
  });

  it('on what the fixtures do not show: claim templates, init and ephemeral containers, binaryData, generateName', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      serviceAccountName: db
      initContainers:
        - {name: init, image: x, envFrom: [{configMapRef: {name: init-config}}], ports: [{name: metrics, containerPort: 9}]}
      containers:
        - name: db
          image: x
          env: [{name: A, valueFrom: {configMapKeyRef: {name: blobs, key: blob}}}, {name: B, valueFrom: {configMapKeyRef: {name: blobs, key: other}}}]
          volumeMounts: [{name: data, mountPath: /data}]
      ephemeralContainers:
        - {name: debug, image: x, env: [{name: C, valueFrom: {secretKeyRef: {name: debug-token, key: t}}}]}
      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}, {name: other, persistentVolumeClaim: {claimName: other}}]
  volumeClaimTemplates: [{metadata: {name: data}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: blobs}
binaryData: {blob: AAAA}
---
apiVersion: v1
kind: Service
metadata: {generateName: db-}
spec: {selector: {app: db}, ports: [{port: 9, targetPort: metrics}]}
---
apiVersion: v1
kind: Service
metadata: {generateName: db-}
spec: {selector: {app: db}, ports: [{port: 9, targetPort: metrics}]}
`;
    const found = lintRelease({ objects: objectsOf(text) }, config, 'release').map((f) => `${f.rule} ${f.pointer}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'duplicate-object /metadata/name',
        'env-value-from /spec/template/spec/containers/0/env/1/valueFrom/configMapKeyRef/key',
        'env-value-from /spec/template/spec/ephemeralContainers/0/env/0/valueFrom/secretKeyRef/name',
        'missing-configmap /spec/template/spec/initContainers/0/envFrom/0/configMapRef/name',
        'missing-pvc /spec/template/spec/volumes/1/persistentVolumeClaim/claimName',
        'service-target-port /spec/ports/0/targetPort',
      ]),
    );
    same(objectsOf(text));
  });

  it('keeps the annotations that suppress rules, and only those', () => {
    const keys = [
      ...releaseRules.map((r) => `ignore-check.helmforge.dev/${r.id}`),
      ...releaseRules.flatMap((r) => (r.kubeLinter ?? []).map((c) => `ignore-check.kube-linter.io/${c}`)),
      ...releaseRules.flatMap((r) => (r.polaris ?? []).map((c) => `polaris.fairwinds.com/${c}-exempt`)),
      'kube-linter.io/ignore-all',
      'polaris.fairwinds.com/exempt',
    ];
    for (const rule of releaseRules) {
      const text = fixtureText(rule.id, 'bad');
      for (const key of keys) {
        const objects = objectsOf(text);
        objects.forEach(annotate(key, 'true'));
        same(objects, kubernetesVersion(text));
      }
      const scored = objectsOf(text);
      scored.forEach(annotate('kube-score/ignore', [...new Set(releaseRules.flatMap((r) => r.kubeScore ?? []))].join(',')));
      same(scored, kubernetesVersion(text));
    }
    const [o] = objectsOf('kind: Deployment\nmetadata:\n  name: a\n  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", ignore-check.helmforge.dev/missing-pvc: why}\n');
    expect(releaseProjection(o?.value ?? {})).toEqual({ kind: 'Deployment', metadata: { name: 'a', annotations: { 'ignore-check.helmforge.dev/missing-pvc': 'why' } } });
  });

  it('drops what no release rule reads: literal env values, ConfigMap and Secret contents, images', () => {
    const [cm, pod] = objectsOf(
      'kind: ConfigMap\nmetadata: {name: c}\ndata: {a.conf: "long text"}\n---\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      env: [{name: A, value: x}, {name: B, valueFrom: {configMapKeyRef: {name: c, key: a.conf}}}]\n',
    );
    expect(releaseProjection(cm?.value ?? {})).toEqual({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.conf': null } });
    expect(releaseProjection(pod?.value ?? {})).toEqual({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env: [{}, { valueFrom: { configMapKeyRef: { name: 'c', key: 'a.conf' } } }] }] } });
  });
});
