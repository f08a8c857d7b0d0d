// What this chart renders, for the picture of the platform (see core/topology.ts): its CronJobs, hook Jobs and Jobs,
// and the claims each mounts.
import { fullnameOf, pullSecretsOf, truncName, type PartTopology, type TopologyContext, type WorkloadNode } from '@helmforge/core';
import type { JobsValues } from './schema.js';

export function topology(values: JobsValues, ctx: TopologyContext): PartTopology {
  const base = fullnameOf(ctx, values);
  const pullSecrets = pullSecretsOf(values);
  const workloads: WorkloadNode[] = [];
  // the entryName helper; a plain Job's name also ends in a hash of its spec, drawn as <name>-…
  const add = (kind: 'CronJob' | 'Job', entries: JobsValues['cronJobs'] | JobsValues['jobs'], max: number, suffix = '') => {
    for (const [name, entry] of Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (entry.enabled === false) continue;
      const claims = (entry.volumes ?? []).map((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName).filter((c): c is string => typeof c === 'string');
      const annotated = entry.podAnnotations?.['prometheus.io/scrape'] === 'true';
      workloads.push({ kind, name: `${truncName(`${base}-${name}`, max)}${suffix}`, claims, pullSecrets, scrapeAnnotated: annotated });
    }
  };
  add('CronJob', values.cronJobs, 52);
  add('Job', values.hooks, 63);
  add('Job', values.jobs, 54, '-…');
  return { workloads, services: [] };
}
