// Lists that add instead of replace: entries added in the stack file join the charts' defaults (named maps), with
// real helm rendering the generated umbrella.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseManifests, writeTreeToTemp } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { composePlatform, loadStack } from '../src/index.js';

const starter = readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8');
const jobsSection = 'jobs:\n  enabled: true\n';

/** The committed stack with `extra` added to its jobs section, generated into a temporary directory. */
function generateWith(extra: string): string {
  expect(starter).toContain(jobsSection);
  const stack = loadStack('helmforge.yaml', starter.replace(jobsSection, `${jobsSection}${extra}`));
  const dir = writeTreeToTemp(composePlatform(stack).chart, 'platform');
  made.push(dirname(dir));
  return dir;
}
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe.each(HELM_BINARIES)('named maps in the stack file with $label', (helm) => {
  const cronJobs = (dir: string) => {
    const r = runHelm(helm, ['template', 'platform', dir]);
    expect(r.status, r.stderr).toBe(0);
    return parseManifests(r.stdout).filter((o) => o.kind === 'CronJob').map((o) => o.metadata.name).sort();
  };

  it('a CronJob added in the stack file keeps the default backup CronJob', () => {
    const dir = generateWith('  cronJobs:\n    rotate-logs:\n      schedule: "0 * * * *"\n      command: [/bin/sh, -c, "echo rotate"]\n');
    expect(cronJobs(dir)).toEqual(['platform-jobs-backup', 'platform-jobs-rotate-logs', 'platform-registry-gc']);
  });

  it('an entry of the same name changes the default one; enabled: false switches it off', () => {
    const changed = generateWith('  cronJobs:\n    backup:\n      schedule: "0 3 * * *"\n');
    const r = runHelm(helm, ['template', 'platform', changed]);
    const backup = parseManifests(r.stdout).find((o) => o.metadata.name === 'platform-jobs-backup');
    expect(backup?.spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    expect(cronJobs(generateWith('  cronJobs:\n    backup:\n      enabled: false\n'))).toEqual(['platform-registry-gc']);
  });

  it('a values file at install time adds a CronJob without losing the stack file\'s or the chart\'s', () => {
    const dir = generateWith('  cronJobs:\n    rotate-logs:\n      schedule: "0 * * * *"\n');
    const r = runHelm(helm, ['template', 'platform', dir, '--set', 'jobs.cronJobs.report.schedule=@daily']);
    expect(r.status, r.stderr).toBe(0);
    expect(parseManifests(r.stdout).filter((o) => o.kind === 'CronJob').map((o) => o.metadata.name).sort()).toEqual(['platform-jobs-backup', 'platform-jobs-report', 'platform-jobs-rotate-logs', 'platform-registry-gc']);
  });
});
