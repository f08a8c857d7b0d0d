// Names one part of the stack uses for another (nfs-pv claims, the registry's pull Secret) are checked when the stack
// file is loaded: a typo is reported with file:line:column, the key and the names that exist.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HelmforgeError } from '@helmforge/core';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { composePlatform, crossReferences, loadStack, stackTracer } from '../src/index.js';

const FILE = join(REPO_ROOT, 'helmforge.yaml');
const TEXT = readFileSync(FILE, 'utf8');

/** The 1-based line of the committed stack file that is exactly `text`. */
function lineOf(text: string): number {
  const i = TEXT.split('\n').indexOf(text);
  expect(i, text).toBeGreaterThanOrEqual(0);
  return i + 1;
}

/** The committed stack file with one line changed (the line must exist). */
function edited(from: string, to: string): string {
  expect(TEXT).toContain(from);
  return TEXT.replace(from, to);
}

function problems(text: string): string[] {
  try {
    loadStack('helmforge.yaml', text);
  } catch (e) {
    expect(e).toBeInstanceOf(HelmforgeError);
    return (e as HelmforgeError).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  }
  return [];
}

describe('stack-file cross-references', () => {
  it('the committed stack file refers only to names that exist', () => {
    expect(problems(TEXT)).toEqual([]);
    const refs = crossReferences(loadStack(FILE));
    expect(refs.claims).toEqual(['registry-data', 'prometheus-data', 'grafana-data', 'app-data', 'backup-data']);
    expect(refs.pullSecret).toBe('registry-pull');
  });

  it('an existingClaim that names no nfs-pv volume', () => {
    expect(problems(edited('\n    existingClaim: registry-data\n', '\n    existingClaim: registry-dta\n'))).toEqual([
      `${lineOf('    existingClaim: registry-data')}:20 registry.persistence.existingClaim: "registry-dta" names no nfs-pv volume (known: registry-data, prometheus-data, grafana-data, app-data, backup-data)`,
    ]);
    expect(problems(edited('      existingClaim: app-data', '      existingClaim: app-dat'))).toEqual([
      `${lineOf('      existingClaim: app-data')}:22 apps.web.persistence.existingClaim: "app-dat" names no nfs-pv volume (known: registry-data, prometheus-data, grafana-data, app-data, backup-data)`,
    ]);
  });

  it("a job volume's claimName, also one of the jobs chart's defaults once the volume is gone", () => {
    const removed = edited('    backup-data: { path: /nfsdata/backup, capacity: 100Gi }\n', '    backup-data: { enabled: false }\n');
    const jobs = lineOf('jobs:');
    expect(problems(removed)).toEqual([
      // the default backup CronJob writes to backup-data; the stack file does not set it, so its jobs section is named
      `${jobs + 1}:3 jobs.cronJobs.backup.volumes[1].persistentVolumeClaim.claimName: "backup-data" (the chart's default) names no nfs-pv volume (known: registry-data, prometheus-data, grafana-data, app-data)`,
    ]);
    const own = edited('jobs:\n  enabled: true\n', 'jobs:\n  enabled: true\n  cronJobs:\n    sync:\n      schedule: "0 * * * *"\n      volumes: [{ name: data, persistentVolumeClaim: { claimName: app-dta } }]\n');
    expect(problems(own)).toEqual([`${jobs + 5}:67 jobs.cronJobs.sync.volumes[0].persistentVolumeClaim.claimName: "app-dta" names no nfs-pv volume (known: registry-data, prometheus-data, grafana-data, app-data, backup-data)`]);
  });

  it('global.imagePullSecrets that does not name the registry\'s pull Secret (renamed)', () => {
    expect(problems(edited('    enabled: true\n    server: 192.168.1.11:30500', '    enabled: true\n    name: registry-creds\n    server: 192.168.1.11:30500'))).toEqual([
      `${lineOf('  imagePullSecrets: [registry-pull]')}:22 global.imagePullSecrets[0]: "registry-pull" is not the registry's pull Secret (known: registry-creds)`,
    ]);
  });

  it('nothing is checked against a part that is switched off (the names then come from elsewhere)', () => {
    expect(problems(edited('nfs-pv:\n', 'nfs-pv:\n  enabled: false\n').replace('\n    existingClaim: registry-data\n', '\n    existingClaim: somewhere-else\n'))).toEqual([]);
    expect(problems(edited('  pullSecret:\n    enabled: true\n', '  pullSecret:\n    enabled: false\n').replace('[registry-pull]', '[made-by-hand]'))).toEqual([]);
  });

  it('the generated .helmforge-lint.yaml declares what one part creates for the others as external, with the reason', () => {
    const lint = composePlatform(loadStack(FILE)).chart.get('.helmforge-lint.yaml') ?? '';
    expect(lint).toContain('  - kind: PersistentVolumeClaim\n    name: registry-data\n    reason: created by nfs-pv (nfs-pv.volumes); with nfs-pv off it must exist beforehand\n');
    expect(lint).toContain('  - kind: Secret\n    name: registry-pull\n    reason: created by the registry (registry.pullSecret); with the registry off it must exist beforehand\n');
  });

  it('stackTracer maps an umbrella values key to the stack-file key that set it, and nothing for chart defaults', () => {
    const trace = stackTracer(FILE)?.origin;
    expect(trace?.(['web', 'config', 'env', 'LOG_LEVEL'])).toEqual({ file: FILE, line: lineOf('        LOG_LEVEL: info'), column: 20, key: 'apps.web.config.env.LOG_LEVEL' });
    expect(trace?.(['registry', 'persistence', 'existingClaim'])).toEqual({ file: FILE, line: lineOf('    existingClaim: registry-data'), column: 20, key: 'registry.persistence.existingClaim' });
    expect(trace?.(['global', 'imagePullSecrets', '0'])).toEqual({ file: FILE, line: lineOf('  imagePullSecrets: [registry-pull]'), column: 22, key: 'global.imagePullSecrets[0]' });
    expect(trace?.(['web', 'image', 'tag'])).toBeUndefined();
  });
});
