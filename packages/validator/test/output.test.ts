// Every output format, on the same results.
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createOutput, OUTPUT_FORMATS, type OutputFormat, type ValidationResult } from '../src/index.js';
import { MemoryWriter, sarifValidator, validateYaml } from './helpers.js';

const INPUT = `apiVersion: v1
kind: ConfigMap
metadata: {name: good, namespace: ns}
data: {k: v}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: "bad<&>\\"'"}
data: {k: 1}
---
kind: ConfigMap
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
`;

let cached: ValidationResult[] | undefined;
async function results(): Promise<ValidationResult[]> {
  cached ??= await validateYaml(INPUT, { strict: true, skip: ['Widget'] });
  return cached;
}

async function render(format: OutputFormat, options: { summary?: boolean; verbose?: boolean } = {}): Promise<string> {
  const w = new MemoryWriter();
  const out = createOutput(format, w, options);
  for (const r of await results()) out.write(r);
  out.flush();
  return w.text;
}

describe('outputs', () => {
  it('text: kubeconform lines and summary', async () => {
    const text = await render('text', { summary: true, verbose: true });
    const lines = text.trimEnd().split('\n');
    expect(lines).toEqual([
      'test.yaml - ConfigMap good is valid',
      expect.stringMatching(/^test\.yaml - ConfigMap bad<&>"' is invalid: problem validating schema\. .*'\/data\/k' .*expected string or null, but got number$/),
      "test.yaml - failed validation: error while parsing: missing 'apiVersion' key",
      'test.yaml - w Widget skipped', // (kubeconform prints the name first here)
      'Summary: 4 resources found in 1 file - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1',
    ]);
    expect(await render('text')).not.toMatch(/is valid|skipped|Summary/);
  });

  it('json: parses, kubeconform shape', async () => {
    const doc = JSON.parse(await render('json', { summary: true })) as { resources: Record<string, unknown>[]; summary: Record<string, number> };
    expect(doc.summary).toEqual({ valid: 1, invalid: 1, errors: 1, skipped: 1 });
    expect(doc.resources).toHaveLength(2);
    expect(doc.resources[0]).toMatchObject({ filename: 'test.yaml', kind: 'ConfigMap', name: 'bad<&>"\'', version: 'v1', status: 'statusInvalid' });
    expect(doc.resources[0]?.validationErrors).toEqual([{ path: '/data/k', msg: 'expected string or null, but got number' }]);
    const verbose = JSON.parse(await render('json', { verbose: true })) as { resources: unknown[]; summary?: unknown };
    expect(verbose.resources).toHaveLength(4);
    expect(verbose.summary).toBeUndefined();
  });

  it('junit: well-formed XML with a suite per file and failures/errors/skipped', async () => {
    const xml = await render('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }) .parse(xml) as { testsuites: Record<string, unknown> };
    expect(parsed.testsuites).toMatchObject({ '@_tests': '4', '@_failures': '1', '@_errors': '1', '@_disabled': '1' });
    expect(xml).toContain('classname="ConfigMap@v1"');
    expect(xml).toContain('name="ns/good"');
  });

  it('tap: one line per document and the plan', async () => {
    const lines = (await render('tap')).trimEnd().split('\n');
    expect(lines[0]).toBe('TAP version 13');
    expect(lines[1]).toBe('ok 1 - test.yaml (v1/ConfigMap/ns/good)');
    expect(lines[2]).toMatch(/^not ok 2 - test\.yaml \(v1\/ConfigMap\/\/bad<&>"'\): problem validating schema/);
    expect(lines[3]).toBe("not ok 3 - test.yaml: error while parsing: missing 'apiVersion' key");
    expect(lines[4]).toBe('ok 4 - test.yaml (example.com/v1/Widget//w) # skip');
    expect(lines.at(-1)).toBe('1..4');
  });

  it('pretty: marks per resource', async () => {
    const text = await render('pretty', { verbose: true, summary: true });
    expect(text).toContain('\u2714 test.yaml: ConfigMap good is valid');
    expect(text).toMatch(/\u2716 test\.yaml: ConfigMap bad.* is invalid/);
    expect(text).toContain('Summary: 4 resources found in 1 file');
  });

  it('sarif: validates against the SARIF 2.1.0 JSON schema', async () => {
    const log = JSON.parse(await render('sarif')) as { version: string; runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    // as kubeconform 0.7: one result per schema violation, with its path as the logical location
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(['KUBE-INVALID', 'KUBE-ERROR', 'KUBE-SKIPPED']);
    expect(results[0]).toMatchObject({ level: 'error', message: { text: 'ConfigMap bad<&>"\' is invalid: /data/k: expected string or null, but got number' } });
    expect(results[0]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'test.yaml' }, region: { startLine: 6 } }, logicalLocations: [{ name: '/data/k' }] }]);
    expect(results[2]).toMatchObject({ level: 'note', message: { text: 'Widget w skipped' } });
    const verbose = JSON.parse(await render('sarif', { verbose: true })) as typeof log;
    expect(verbose.runs[0]?.results.map((r) => r.ruleId)).toEqual(['KUBE-VALID', 'KUBE-INVALID', 'KUBE-ERROR', 'KUBE-SKIPPED']);
    expect(validate(verbose), JSON.stringify(validate.errors)).toBe(true);
  });

  it('knows every format', () => {
    expect([...OUTPUT_FORMATS]).toEqual(['text', 'json', 'junit', 'tap', 'pretty', 'sarif']);
  });
});
