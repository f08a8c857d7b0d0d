import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Quantity, T, toHelmYaml, missingDescriptions, renderValuesTable, renderValuesYaml, toJsonSchema, unportablePatterns, validateAgainst, valuesSchema, mergeValues } from '../src/index.js';

const schema = valuesSchema('demo', 'A demo chart.', {
  replicas: T.Integer({ minimum: 0, description: 'How many pods.' }),
  image: T.Object({ tag: T.String({ description: 'Image tag.' }) }, { description: 'Image.', additionalProperties: false }),
  labels: T.Record(T.String(), T.String(), { description: 'Extra labels.' }),
});
const defaults = { replicas: 2, image: { tag: '1.0' }, labels: { a: 'b' } };
const json = toJsonSchema(schema);

describe('values schema toolkit', () => {
  it('emits draft-07 that accepts global and enabled and rejects unknown keys', () => {
    expect(json.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(validateAgainst(json, { ...defaults, global: { imageRegistry: 'r' }, enabled: true })).toEqual([]);
    const problems = validateAgainst(json, { ...defaults, replica: 3 });
    expect(problems).toEqual([expect.objectContaining({ pointer: '/replica', message: 'unknown key "replica"' })]);
  });

  it('reports wrong types with a JSON pointer', () => {
    expect(validateAgainst(json, { ...defaults, image: { tag: 5 } })[0]).toMatchObject({ pointer: '/image/tag', message: 'must be string' });
  });

  it('reports the alternative of an anyOf that the value was meant for, a pattern in words', () => {
    const alternatives = toJsonSchema(
      T.Object({
        size: Quantity('Size.'),
        port: T.Union([T.Integer({ minimum: 30000, maximum: 32767 }), T.Null()], { description: 'Node port, or null.' }),
      }),
    );
    expect(validateAgainst(alternatives, { size: 'five', port: 99999 })).toEqual([
      { pointer: '/size', message: 'must be a quantity such as `500m`, `256Mi`, `10Gi` or `1.5`' },
      { pointer: '/port', message: 'must be <= 32767' },
    ]);
    // a value of none of the alternatives' types: one error naming them all
    expect(validateAgainst(alternatives, { size: true, port: null })).toEqual([{ pointer: '/size', message: 'must be string or number' }]);
    // a value of a right type that fails in a finer way is still reported
    expect(validateAgainst(alternatives, { size: -1, port: null })).toEqual([{ pointer: '/size', message: 'must be >= 0' }]);
  });

  it('finds every property without a description', () => {
    const bad = toJsonSchema(T.Object({ a: T.String(), b: T.Object({ c: T.Integer() }, { description: 'B.' }) }));
    expect(missingDescriptions(bad)).toEqual(['/properties/a', '/properties/b/properties/c']);
    expect(missingDescriptions(json)).toEqual([]);
  });

  it('flags patterns that Go regexp (and so Helm) cannot compile', () => {
    expect(unportablePatterns({ properties: { a: { pattern: '^(?!x)' }, b: { pattern: '^[a-z]+$' } } })).toEqual(['/properties/a/pattern']);
  });

  it('writes a commented values.yaml that parses back to the defaults', () => {
    const text = renderValuesYaml(json, defaults, { header: ['Demo.'], schemaPath: 'values.schema.json' });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
    expect(text).toContain('# -- How many pods.\nreplicas: 2');
    expect(text).toContain('  # -- Image tag.\n  tag: "1.0"');
    expect(parse(text)).toEqual(defaults);
  });

  it('quotes strings that YAML 1.1 (Helm\'s parser) would read as booleans, times or dates', () => {
    const loose = toJsonSchema(T.Object({ a: T.String({ description: 'A.' }), b: T.String({ description: 'B.' }), c: T.String({ description: 'C.' }) }));
    const text = renderValuesYaml(loose, { a: 'yes', b: '12:30', c: 'on' }, { header: [] });
    expect(text).toContain('a: "yes"');
    expect(text).toContain('b: "12:30"');
    expect(text).toContain('c: "on"');
    expect(toHelmYaml({ enabled: 'off', n: 1 })).toBe('enabled: "off"\n"n": 1\n'); // even the key n means false in YAML 1.1
  });

  it('renders one README row per leaf key with type, default and description', () => {
    const table = renderValuesTable(json, defaults);
    expect(table).toContain('| `replicas` | integer | `2` | How many pods. |');
    expect(table).toContain('| `image.tag` | string | `"1.0"` | Image tag. |');
    expect(table).toContain('| `labels` | map | `{"a":"b"}` | Extra labels. |');
    expect(table).not.toContain('global');
  });

  it('merges values like Helm: maps deep, lists replaced, null deletes', () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null })).toEqual({ a: { b: 1, c: [3] } });
  });
});
