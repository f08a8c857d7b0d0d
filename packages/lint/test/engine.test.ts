// What the engine adds around the rules: where a finding is in the text, the values key its value came from, the
// same finding of several scenarios reported once, and which severities fail a run.
import { describe, expect, it } from 'vitest';
import { failsAt, indexText, lintRelease, locateFindings, mergeFindings, resolveConfig, valuesKeyText, valuesPathFor, type Finding } from '../src/index.js';
import { objectsOf } from './fixtures.js';

const DOC = ['# Source: platform/charts/web/templates/deployment.yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: platform-web}', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: nginx:latest', ''].join('\n');

function findings(text: string, scenario?: string): Finding[] {
  const objects = objectsOf(text).map((o) => ({ ...o, file: 'platform', line: 20, source: 'platform/charts/web/templates/deployment.yaml' }));
  return lintRelease({ objects, ...(scenario !== undefined ? { scenario } : {}) }, resolveConfig([{ noDefaults: true, include: ['latest-tag'] }]));
}

describe('locateFindings', () => {
  it('gives the line and column of the pointer in the file, and the line in the rendered template', () => {
    const [f] = findings(DOC);
    expect(f?.pointer).toBe('/spec/template/spec/containers/0/image');
    // the document starts on line 20 of the stream (after another document); the image is its 10th line, the
    // template's 9th after # Source:
    const stream = [...Array.from({ length: 18 }, (_, i) => `k${i}: v`), '---', ...DOC.split('\n')];
    locateFindings(f === undefined ? [] : [f], () => ({ text: indexText(stream.join('\n')), first: 19 }));
    expect(f?.position).toEqual({ line: 29, column: 18 });
    expect(f?.templateLine).toBe(9);
  });

  it('falls back to parsing a document that is not in block style, with the same answer', () => {
    const flow = '# Source: platform/charts/web/templates/deployment.yaml\n{apiVersion: apps/v1, kind: Deployment, metadata: {name: platform-web},\n spec: {template: {spec: {containers: [{name: web, image: "nginx:latest"}]}}}}\n';
    const [f] = findings(flow);
    locateFindings(f === undefined ? [] : [f], () => ({ text: indexText(flow), first: 0 }));
    expect(f?.position).toEqual({ line: 3, column: 59 });
    expect(f?.templateLine).toBe(2);
  });

  it('leaves findings whose text cannot be read again without a position', () => {
    const [f] = findings(DOC);
    locateFindings(f === undefined ? [] : [f], () => undefined);
    expect(f?.position).toBeUndefined();
  });
});

describe('valuesPathFor', () => {
  it('finds the values key that holds the offending value, in the section of the subchart that rendered it', () => {
    const [f] = findings(DOC);
    const values = { global: { imageTag: 'latest' }, web: { image: { repository: 'nginx', tag: 'latest' } }, api: { image: { tag: 'latest' } } };
    const path = f === undefined ? undefined : valuesPathFor(f, values);
    expect(path).toEqual(['web', 'image', 'tag']);
    expect(valuesKeyText(['jobs', 'cronJobs', '0', 'volumes'])).toBe('jobs.cronJobs[0].volumes');
  });

  it('gives nothing when two keys fit equally well, or none holds the value', () => {
    const [f] = findings(DOC);
    if (f === undefined) throw new Error('no finding');
    expect(valuesPathFor(f, { web: { a: { tag: 'latest' }, b: { tag: 'latest' } } })).toBeUndefined();
    expect(valuesPathFor(f, { web: { image: { tag: '1.2.3' } } })).toBeUndefined();
  });
});

describe('mergeFindings and failsAt', () => {
  it('reports the same finding of several scenarios once, naming each scenario', () => {
    const merged = mergeFindings([...findings(DOC, 'defaults'), ...findings(DOC, 'ci/a-values.yaml'), ...findings(DOC.replace('nginx:latest', 'nginx'), 'ci/b-values.yaml')]);
    expect(merged.map((f) => [f.message, f.scenarios])).toEqual([
      ['container "web" uses the latest tag (nginx:latest)', ['defaults', 'ci/a-values.yaml']],
      ['container "web" uses an untagged image (nginx)', ['ci/b-values.yaml']],
    ]);
  });

  it('an exemption that names a scenario holds only in that scenario', () => {
    const objects = objectsOf(DOC).map((o) => ({ ...o, file: 'platform', line: 20 }));
    const exempt = { noDefaults: true, include: ['latest-tag'], exemptions: [{ rule: 'latest-tag', kind: 'Deployment', name: 'platform-web', scenario: 'ci/a-values.yaml', reason: 'shows the latest tag' }] };
    const run = (scenario: string) => lintRelease({ objects, scenario }, resolveConfig([exempt])).length;
    expect([run('ci/a-values.yaml'), run('ci/b-values.yaml')]).toEqual([0, 1]);
  });

  it('fails at the configured severity and above', () => {
    const warning = findings(DOC);
    expect(failsAt(warning, 'error')).toBe(false);
    expect(failsAt(warning, 'warning')).toBe(true);
    expect(failsAt([], 'info')).toBe(false);
  });
});

describe('selectors over the release', () => {
  it('see a workload once even when two of its labels would read the same as `key=value` (a=b: c and a: b=c)', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    metadata: {labels: {"a=b": c, a: b=c}}',
      '    spec: {containers: [{name: web, image: "nginx:1.27"}]}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  template:',
      '    metadata: {labels: {a: b=c}}',
      '    spec: {containers: [{name: api, image: "nginx:1.27", ports: [{name: http, containerPort: 80}]}]}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web}',
      'spec: {selector: {a: b=c}, ports: [{port: 80, targetPort: http}]}',
      '',
    ].join('\n');
    const objects = objectsOf(text).map((o) => ({ ...o, file: 'manifests.yaml' }));
    const found = lintRelease({ objects }, resolveConfig([{ noDefaults: true, include: ['service-target-port'] }]));
    expect(found.map((f) => f.message)).toEqual(['targetPort "http" names no container port of Deployment web, which the Service selects']);
  });
});
