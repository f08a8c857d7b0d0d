// Generation without helm: the schema is documented everywhere, output is deterministic, defaults are valid.
import { validateAgainst, mergeValues } from '@helmforge/core';
import { describe, expect, it } from 'vitest';
import { CHART_NAME, defaults, generate, scenarios } from '../src/index.js';
import { describeGeneratedChart } from '../../../tools/testkit/chart.js';

describeGeneratedChart(generate);

describe('registry generate()', () => {
  it('writes the chart files, templates and one ci file per scenario', () => {
    const chart = generate();
    expect(chart.metadata.name).toBe(CHART_NAME);
    expect(chart.metadata.appVersion).toBe('2.8.3');
    const files = [...chart.files.keys()];
    for (const f of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'README.md', 'templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/_registry.tpl', 'templates/workload.yaml', 'templates/configmap.yaml', 'templates/secret.yaml', 'templates/pull-secret.yaml', 'templates/cronjob-gc.yaml', 'templates/tests/test-connection.yaml']) {
      expect(files).toContain(f);
    }
    for (const name of Object.keys(scenarios)) expect(files).toContain(`ci/${name}-values.yaml`);
    for (const [f, content] of chart.files) expect(content.includes('\r'), f).toBe(false);
  });

  it('pins the image and runs it as non-root with a read-only root filesystem', () => {
    expect(defaults.image.tag).toMatch(/^2\.8\.\d+$/);
    expect(defaults.podSecurityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(defaults.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('rejects what the schema forbids', () => {
    const schema = generate().valuesSchema;
    const bad = (override: object) => validateAgainst(schema, mergeValues(defaults, override));
    expect(bad({ image: { tag: 'latest' } })).not.toEqual([]);
    expect(bad({ auth: { username: 'a:b' } })).not.toEqual([]);
    expect(bad({ service: { nodePort: 80 } })).not.toEqual([]);
    expect(bad({ garbageCollect: { schedule: 'weekly' } })).not.toEqual([]);
    expect(bad({ replicaCount: 2 })).not.toEqual([]);
    expect(bad({ typo: true })).not.toEqual([]);
    expect(bad({ enabled: true, global: { imagePullSecrets: ['registry-pull'] } })).toEqual([]);
  });
});
