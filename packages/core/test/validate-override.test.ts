import { describe, expect, it } from 'vitest';
import { Probe, StringMap, T, mergeValues, toJsonSchema, validateAgainst, validateOverride, valuesSchema } from '../src/index.js';

const schema = toJsonSchema(
  valuesSchema('demo', 'Demo.', {
    replicas: T.Integer({ minimum: 0, description: 'Pods.' }),
    probe: Probe('A probe.'),
    labels: StringMap('Labels.'),
    service: T.Object({ port: T.Integer({ minimum: 1, description: 'Port.' }), type: T.String({ description: 'Type.' }) }, { description: 'Service.', additionalProperties: false }),
  }),
);
const defaults = { replicas: 1, probe: { enabled: true, type: 'httpGet', httpGet: { path: '/', port: 80 } }, labels: {}, service: { port: 80, type: 'ClusterIP' } };

describe('validateOverride: checks only what an override touches, with the verdict of a full validation', () => {
  it.each([
    ['a valid override', { replicas: 3, service: { port: 8080 } }],
    ['a wrong type deep inside', { service: { port: 'eighty' } }],
    ['an unknown nested key', { service: { prot: 1 } }],
    ['an unknown top-level key', { replica: 3 }],
    ['a conditional broken by the merge (tcpSocket chosen, not configured)', { probe: { type: 'tcpSocket' } }],
    ['a map entry of the wrong type', { labels: { team: 5 } }],
    ['an object replaced by a scalar', { service: 5 }],
  ])('%s', (_name, override) => {
    const merged = mergeValues(defaults, override);
    const full = validateAgainst(schema, merged).map((p) => p.pointer);
    const partial = validateOverride(schema, merged, override).map((p) => p.pointer);
    expect(partial.length > 0).toBe(full.length > 0);
    expect(new Set(partial)).toEqual(new Set(full));
  });
});
