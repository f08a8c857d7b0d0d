// The built-in alert rules, as rendered by Helm, evaluated by `promtool test rules`: proves that the
// `{{ $labels.x }}` templates in their annotations reach Prometheus intact and expand as intended.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findObject, parseManifests, writeTreeToTemp } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { generate } from '../src/index.js';
import { PROMTOOL } from './promtool.js';
import { tempDir } from '../../../tools/testkit/temp.js';

describe.each(HELM_BINARIES)('$label', (helm) => {
  it('renders alert rules that fire with their annotations expanded (promtool test rules)', () => {
    const chartDir = writeTreeToTemp(generate().files, 'monitoring');
    const r = runHelm(helm, ['template', 'rel', chartDir]);
    expect(r.status, r.stderr).toBe(0);
    const rules = (findObject(parseManifests(r.stdout), 'ConfigMap', 'rel-monitoring-prometheus-rules') as unknown as { data: Record<string, string> }).data['default-rules.yaml']!;
    const dir = tempDir('rules');
    writeFileSync(join(dir, 'default-rules.yaml'), rules);
    writeFileSync(
      join(dir, 'test.yaml'),
      stringify({
        rule_files: ['default-rules.yaml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              { series: 'up{job="api", instance="10.0.0.1:8080"}', values: '0x15' },
              { series: 'up{job="web", instance="10.0.0.2:8080"}', values: '1x15' },
              { series: 'kubelet_volume_stats_available_bytes{namespace="platform", persistentvolumeclaim="registry-data"}', values: '5x20' },
              { series: 'kubelet_volume_stats_capacity_bytes{namespace="platform", persistentvolumeclaim="registry-data"}', values: '100x20' },
              { series: 'kubelet_volume_stats_used_bytes{namespace="platform", persistentvolumeclaim="registry-data"}', values: '95x20' },
            ],
            alert_rule_test: [
              {
                eval_time: '10m',
                alertname: 'TargetDown',
                exp_alerts: [
                  {
                    exp_labels: { severity: 'warning', job: 'api', instance: '10.0.0.1:8080' },
                    exp_annotations: {
                      summary: 'Target 10.0.0.1:8080 of job api is down',
                      description: 'Prometheus has not been able to scrape 10.0.0.1:8080 (job api) for 5 minutes.',
                    },
                  },
                ],
              },
              {
                eval_time: '15m',
                alertname: 'PersistentVolumeFillingUp',
                exp_alerts: [
                  {
                    exp_labels: { severity: 'warning', namespace: 'platform', persistentvolumeclaim: 'registry-data' },
                    exp_annotations: {
                      summary: 'Volume of claim platform/registry-data is nearly full',
                      description: 'Only 5% of the volume bound to platform/registry-data is free.',
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const t = spawnSync(PROMTOOL, ['test', 'rules', join(dir, 'test.yaml')], { encoding: 'utf8' });
    expect(t.status, `${t.stdout}${t.stderr}`).toBe(0);
  });
});
