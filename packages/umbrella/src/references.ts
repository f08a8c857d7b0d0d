// Parts of the stack refer to each other by name: claims of nfs-pv volumes (registry, monitoring, apps and job
// volumes use them as `existingClaim`/`claimName`) and the registry's pull Secret (global.imagePullSecrets). A typo
// there passes every schema and fails only in the cluster, so it is checked when the stack file is loaded.
import { isPlainObject, mergeValues, type Problem } from '@helmforge/core';
import { APP_CHART, COMPONENTS } from './components.js';
import type { ComponentValues, StackConfig } from './stack.js';
import { stackKey } from './trace.js';

type Values = Record<string, unknown>;

const at = (v: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((x, p) => (Array.isArray(x) ? x[Number(p)] : isPlainObject(x) ? x[p] : undefined), v);

/** A part's values as its chart will see them: the chart's defaults under the stack file's section. */
function partValues(key: string, section: ComponentValues | undefined): Values {
  const chart = COMPONENTS.find((c) => c.key === key)?.chart ?? APP_CHART;
  return mergeValues(chart.defaults as Values, section ?? {});
}

export interface CrossReferences {
  /** Claims that nfs-pv creates (one per volume, named as the volume), when nfs-pv is on. */
  claims: string[] | undefined;
  /** The pull Secret the registry creates, when it does. */
  pullSecret: string | undefined;
  /** Where other parts name a claim: JSON pointer in the stack file, the name, and whether a chart default set it. */
  claimUses: { pointer: string; name: string; fromDefaults: boolean }[];
}

export function crossReferences(stack: StackConfig): CrossReferences {
  const nfs = stack.components['nfs-pv'];
  // volumes map each claim name to its export; `enabled: false` leaves one out
  const volumes = at(partValues('nfs-pv', nfs), 'volumes');
  const claims = nfs?.enabled === false ? undefined : Object.entries(isPlainObject(volumes) ? volumes : {}).flatMap(([name, v]) => (at(v, 'enabled') === false ? [] : [name]));
  const registry = partValues('registry', stack.components.registry);
  const pullSecret = stack.components.registry?.enabled !== false && at(registry, 'pullSecret', 'enabled') === true ? (at(registry, 'pullSecret', 'name') as string) : undefined;
  const claimUses: { pointer: string; name: string; fromDefaults: boolean }[] = [];
  // `values`: the part's values as its chart sees them; `section`: what the stack file sets
  const use = (values: Values, section: ComponentValues | undefined, pointer: string, path: (string | number)[]) => {
    const name = at(values, ...path);
    if (typeof name === 'string' && name !== '') claimUses.push({ pointer, name, fromDefaults: at(section, ...path) === undefined });
  };
  const c = stack.components;
  use(registry, c.registry, '/registry/persistence/existingClaim', ['persistence', 'existingClaim']);
  const monitoring = partValues('monitoring', c.monitoring);
  use(monitoring, c.monitoring, '/monitoring/prometheus/persistence/existingClaim', ['prometheus', 'persistence', 'existingClaim']);
  use(monitoring, c.monitoring, '/monitoring/grafana/persistence/existingClaim', ['grafana', 'persistence', 'existingClaim']);
  for (const [name, app] of Object.entries(stack.apps)) use(partValues(name, app), app, `/apps/${name}/persistence/existingClaim`, ['persistence', 'existingClaim']);
  if (c.jobs?.enabled !== false) {
    const jobs = partValues('jobs', c.jobs);
    // jobs, cronJobs and hooks are maps keyed by name
    for (const kind of ['jobs', 'cronJobs', 'hooks']) {
      const entries = at(jobs, kind);
      for (const [name, entry] of Object.entries(isPlainObject(entries) ? entries : {})) {
        if (at(entry, 'enabled') === false) continue;
        const vols = at(entry, 'volumes');
        (Array.isArray(vols) ? vols : []).forEach((_v, j) => use(jobs, c.jobs, `/jobs/${kind}/${name}/volumes/${j}/persistentVolumeClaim/claimName`, [kind, name, 'volumes', j, 'persistentVolumeClaim', 'claimName']));
      }
    }
  }
  return { claims, pullSecret, claimUses };
}

function known(names: string[]): string {
  return names.length === 0 ? 'nfs-pv has no volumes' : `known: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`;
}

/** The stack file's key at a pointer, as the user wrote it: `/apps/web/persistence/existingClaim` → `apps.web.persistence.existingClaim`. */
const keyOf = (pointer: string): string => stackKey(pointer.split('/').slice(1));

/** References between parts that name nothing; each problem carries the pointer, for the caller to locate. */
export function referenceProblems(stack: StackConfig): Problem[] {
  const refs = crossReferences(stack);
  const problems: Problem[] = [];
  if (refs.claims !== undefined) {
    for (const u of refs.claimUses) {
      if (refs.claims.includes(u.name)) continue;
      problems.push({
        pointer: u.pointer,
        message: `${keyOf(u.pointer)}: "${u.name}"${u.fromDefaults ? ' (the chart\'s default)' : ''} names no nfs-pv volume (${known(refs.claims)})`,
        hint: 'use the name of a claim under nfs-pv.volumes, or add it there',
      });
    }
  }
  const pulls = stack.global?.imagePullSecrets ?? [];
  if (refs.pullSecret !== undefined && pulls.length > 0 && !pulls.includes(refs.pullSecret)) {
    pulls.forEach((name, i) =>
      problems.push({
        pointer: `/global/imagePullSecrets/${i}`,
        message: `global.imagePullSecrets[${i}]: "${name}" is not the registry's pull Secret (known: ${refs.pullSecret})`,
        hint: `name the Secret the registry creates (registry.pullSecret.name is "${refs.pullSecret}"), or set registry.pullSecret.enabled: false when the pull Secret is created elsewhere`,
      }),
    );
  }
  return problems;
}
