// The jobs chart through real Helm (both binaries): lint, render, schema rejections, secure pods.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeGeneratedChart, findObject, parseManifests, writeTreeToTemp, type K8sObject } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, runHelm } from '../../../tools/testkit/helm.js';
import { defaults, generate, scenarios } from '../src/index.js';

type Pod = { spec: { restartPolicy: string; securityContext: Record<string, unknown>; containers: Array<{ name: string; securityContext: Record<string, unknown>; resources: { requests?: object; limits?: object } }> } };

let chartDir: string;
beforeAll(() => {
  chartDir = writeTreeToTemp(generate().files, 'jobs');
});

function valuesFile(values: object): string {
  const file = join(chartDir, '..', `values-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(values));
  return file;
}

function podOf(o: K8sObject): Pod['spec'] {
  const spec = o.spec as { template?: Pod; jobTemplate?: { spec: { template: Pod } } };
  return (spec.template ?? spec.jobTemplate!.spec.template).spec;
}

describeGeneratedChart(generate);

describe.each(HELM_BINARIES)('$label', (helm) => {
  const scenarioNames = Object.keys(scenarios);

  it('lints --strict with the defaults and every ci scenario', () => {
    for (const args of [[], ...scenarioNames.map((s) => ['-f', join(chartDir, 'ci', `${s}-values.yaml`)])]) {
      const r = runHelm(helm, ['lint', '--strict', chartDir, ...args]);
      expect(r.status, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it.each(['defaults', ...scenarioNames])('renders %s with secure, bounded pods', (scenario) => {
    const args = scenario === 'defaults' ? [] : ['-f', join(chartDir, 'ci', `${scenario}-values.yaml`)];
    const r = runHelm(helm, ['template', 'rel', chartDir, '--namespace', 'batch', ...args]);
    expect(r.status, r.stderr).toBe(0);
    const objects = parseManifests(r.stdout);
    const workloads = objects.filter((o) => o.kind === 'Job' || o.kind === 'CronJob');
    expect(workloads.length).toBeGreaterThan(0);
    for (const w of workloads) {
      expect(w.metadata.name.length, w.metadata.name).toBeLessThanOrEqual(w.kind === 'CronJob' ? 52 : 63);
      const pod = podOf(w);
      expect(['OnFailure', 'Never']).toContain(pod.restartPolicy);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of pod.containers) {
        expect(c.securityContext, `${w.metadata.name}`).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect(c.resources.requests).toBeDefined();
        expect(c.resources.limits).toBeDefined();
      }
    }
  });

  it('renders the default backup CronJob onto the backup-data claim and the migrate hook', () => {
    const r = runHelm(helm, ['template', 'rel', chartDir]);
    expect(r.status, r.stderr).toBe(0);
    const objects = parseManifests(r.stdout);
    const cron = findObject(objects, 'CronJob', 'rel-jobs-backup');
    expect(cron.spec).toMatchObject({ schedule: '30 2 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3 });
    const claims = (podOf(cron) as unknown as { volumes: Array<{ persistentVolumeClaim?: { claimName: string } }> }).volumes.map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean);
    expect(claims).toEqual(['app-data', 'backup-data']);
    const hook = findObject(objects, 'Job', 'rel-jobs-migrate');
    expect(hook.metadata.annotations).toEqual({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(Object.keys(defaults.cronJobs)).toEqual(['backup']);
  });

  it('adds entries by name: a CronJob from another values file keeps the default backup; enabled: false or null drops one', () => {
    const names = (values: object) => {
      const r = runHelm(helm, ['template', 'rel', chartDir, '-f', valuesFile(values)]);
      expect(r.status, r.stderr).toBe(0);
      return parseManifests(r.stdout).filter((o) => o.kind === 'CronJob').map((o) => o.metadata.name).sort();
    };
    expect(names({ cronJobs: { rotate: { schedule: '0 * * * *' } } })).toEqual(['rel-jobs-backup', 'rel-jobs-rotate']);
    expect(names({ cronJobs: { rotate: { schedule: '0 * * * *' }, backup: { enabled: false } } })).toEqual(['rel-jobs-rotate']);
    expect(names({ cronJobs: { backup: null } })).toEqual([]);
  });

  it('merges per-entry securityContext over the defaults and keeps explicit zeros', () => {
    const r = runHelm(helm, ['template', 'rel', chartDir, '-f', join(chartDir, 'ci', 'hooks-values.yaml'), '-f', valuesFile({ jobs: { zero: { backoffLimit: 0, parallelism: 0 } } })]);
    expect(r.status, r.stderr).toBe(0);
    const objects = parseManifests(r.stdout);
    const smoke = podOf(findObject(objects, 'Job', 'rel-jobs-smoke'));
    expect(smoke.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, fsGroup: 65534 });
    expect(smoke.containers[0]!.securityContext).toMatchObject({ readOnlyRootFilesystem: false, allowPrivilegeEscalation: false });
    const zero = objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('rel-jobs-zero-'));
    expect(zero?.spec).toMatchObject({ backoffLimit: 0, parallelism: 0 });
    expect(findObject(objects, 'Job', 'rel-jobs-cleanup').metadata.annotations?.['helm.sh/hook-delete-policy']).toBe('hook-succeeded,hook-failed');
  });

  it('renames a plain Job when its spec changes, so an upgrade never patches an immutable pod template', () => {
    const name = (values: object) => {
      const r = runHelm(helm, ['template', 'rel', chartDir, '-f', valuesFile(values)]);
      expect(r.status, r.stderr).toBe(0);
      return parseManifests(r.stdout).find((o) => o.kind === 'Job' && !o.metadata.annotations?.['helm.sh/hook'])!.metadata.name;
    };
    const a = name({ jobs: { seed: { args: ['echo', 'a'] } } });
    expect(a).toMatch(/^rel-jobs-seed-[0-9a-f]{8}$/);
    expect(name({ jobs: { seed: { args: ['echo', 'a'] } } })).toBe(a);
    expect(name({ jobs: { seed: { args: ['echo', 'b'] } } })).not.toBe(a);
  });

  it.each([
    ['a malformed cron schedule', { cronJobs: { bad: { schedule: '61 * * * *' } } }, /cronJobs[./]bad[./]schedule/],
    ['a five-field schedule with a sixth field', { cronJobs: { bad: { schedule: '0 0 * * * *' } } }, /schedule/],
    ['restartPolicy Always', { jobs: { bad: { restartPolicy: 'Always' } } }, /jobs[./]bad[./]restartPolicy/],
    ['a negative backoffLimit', { jobs: { bad: { backoffLimit: -1 } } }, /jobs[./]bad[./]backoffLimit/],
    ['Indexed completion without completions', { jobs: { bad: { completionMode: 'Indexed' } } }, /completions/],
    ['an unknown hook event', { hooks: { bad: { events: ['pre-instal'] } } }, /hooks[./]bad[./]events/],
    ['a job name that is not DNS-1123', { jobs: { Bad_Name: {} } }, /Bad_Name/],
    ['a default entry overridden with a bad value', { cronJobs: { backup: { schedule: '99 99 * * *' } } }, /cronJobs[./]backup[./]schedule/],
  ])('rejects %s through the schema, naming the field', (_what, values, field) => {
    const r = runHelm(helm, ['template', 'rel', chartDir, '-f', valuesFile(values)]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/schema/);
    expect(r.stderr).toMatch(field);
  });
});
