// Restarts: a workload whose pod template changes rolls its pods, the way its update strategy says. The finding
// names how many pods, in what steps and with how many kept ready, and why the template changed.
import { formatPath, type Change } from '../changes.js';
import { describe, isObject, statefulSetClaims, type JsonObject, type Release, type ReleaseObject } from '../objects.js';
import { resolveIntOrPercent } from '../units.js';
import type { Finding } from '../verdicts.js';

const ROLLING_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet']);

const spec = (o: ReleaseObject): JsonObject => (isObject(o.body.spec) ? o.body.spec : {});
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How many pods the workload runs, in words; `undefined` replicas with an HPA are the HPA's. */
function podCount(o: ReleaseObject, release: Release): { n: number | undefined; words: string } {
  if (o.kind === 'DaemonSet') return { n: undefined, words: 'one pod on every node' };
  const replicas = spec(o).replicas;
  if (typeof replicas === 'number') return { n: replicas, words: plural(replicas, 'pod') };
  const hpa = [...release.objects.values()].find((h) => h.kind === 'HorizontalPodAutoscaler' && h.namespace === o.namespace && isObject(h.body.spec) && isObject(h.body.spec.scaleTargetRef) && h.body.spec.scaleTargetRef.name === o.name);
  if (hpa !== undefined && isObject(hpa.body.spec)) return { n: undefined, words: `its pods (${String(hpa.body.spec.minReplicas ?? 1)}–${String(hpa.body.spec.maxReplicas)}, set by HorizontalPodAutoscaler ${hpa.name})` };
  return { n: 1, words: '1 pod' };
}

/** "2 pods replaced one at a time, never below 2 ready", from the workload's update strategy. */
function rolloutPlan(o: ReleaseObject, release: Release): string {
  const s = spec(o);
  const { n, words } = podCount(o, release);
  if (o.kind === 'ReplicaSet') return `${words} keep the old template: a ReplicaSet uses a new template only for pods it creates from now on`;
  if (o.kind === 'Deployment') {
    const strategy = isObject(s.strategy) ? s.strategy : {};
    if (strategy.type === 'Recreate') return `${words} stopped before ${n === 1 ? 'the new one starts' : 'the new ones start'} (strategy Recreate): down until ${n === 1 ? 'it is' : 'they are'} ready again`;
    if (n === undefined) return `${words} replaced by a rolling update`;
    const ru = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const surge = resolveIntOrPercent(ru.maxSurge, n, true, '25%');
    let unavailable = resolveIntOrPercent(ru.maxUnavailable, n, false, '25%');
    if (surge === 0 && unavailable === 0) unavailable = 1; // the controller's fencepost rule
    const step = surge + unavailable;
    const steps = step <= 1 ? 'one at a time' : `up to ${step} at a time`;
    const floor = Math.max(0, n - unavailable);
    const ready = floor === 0 ? 'with no pod kept ready (maxUnavailable covers them all): an outage' : `never below ${floor} ready`;
    return `${words} replaced ${steps}, ${ready}`;
  }
  if (o.kind === 'StatefulSet') {
    const us = isObject(s.updateStrategy) ? s.updateStrategy : {};
    if (us.type === 'OnDelete') return `${words} keep the old template until each is deleted by hand (updateStrategy OnDelete)`;
    const ru = isObject(us.rollingUpdate) ? us.rollingUpdate : {};
    const partition = typeof ru.partition === 'number' && ru.partition > 0 ? `, only ordinals ${ru.partition} and above (partition)` : '';
    const unavailable = n === undefined ? 1 : Math.max(1, resolveIntOrPercent(ru.maxUnavailable, n, false, '1'));
    const ready = n === undefined ? '' : `, never below ${Math.max(0, n - unavailable)} ready`;
    return `${words} replaced ${unavailable === 1 ? 'one at a time' : `up to ${unavailable} at a time`}, highest ordinal first${partition}${ready}`;
  }
  // DaemonSet
  const us = isObject(s.updateStrategy) ? s.updateStrategy : {};
  if (us.type === 'OnDelete') return `${words} keeps the old template until deleted by hand (updateStrategy OnDelete)`;
  const ru = isObject(us.rollingUpdate) ? us.rollingUpdate : {};
  const surge = typeof ru.maxSurge === 'number' || typeof ru.maxSurge === 'string' ? String(ru.maxSurge) : '0';
  return `${words} replaced, ${String(ru.maxUnavailable ?? 1)} node(s) at a time${surge !== '0' ? ` (a new pod first, maxSurge ${surge})` : ' (the old pod stops before the new one starts)'}`;
}

/** Config objects of the new release that changed, to say which one a changed checksum annotation stands for. */
export type ChangedConfig = ReleaseObject[];

/** Why the pod template changed, in a few words per cause. */
function causes(o: ReleaseObject, templateChanges: Change[], changedConfig: ChangedConfig): string[] {
  const out = new Set<string>();
  for (const c of templateChanges) {
    const rest = c.segments.slice(2); // after spec.template
    const head = rest[0];
    if (head === 'metadata' && rest[1] === 'annotations' && typeof rest[2] === 'string' && rest[2].startsWith('checksum/')) {
      const wanted = /secret/i.test(rest[2]) ? 'Secret' : 'ConfigMap';
      const same = changedConfig.filter((x) => x.kind === wanted && x.component === o.component && x.namespace === o.namespace).map((x) => describe(x));
      out.add(`${rest[2]} annotation changed${same.length > 0 ? ` (${same.join(', ')} changed)` : ''}`);
      continue;
    }
    if (head === 'spec' && (rest[1] === 'containers' || rest[1] === 'initContainers') && typeof rest[2] === 'object') {
      const container = rest[2].key;
      if (rest[3] === 'image') out.add(`image of ${container}: ${String(c.old)} → ${String(c.new)}`);
      else if (rest[3] === 'env' || rest[3] === 'envFrom') out.add(`environment of ${container}`);
      else if (rest[3] === 'command' || rest[3] === 'args') out.add(`command of ${container}`);
      else out.add(`${formatPath(rest.slice(1, 4))}`);
      continue;
    }
    const scalar = (v: unknown) => v === undefined || v === null || typeof v !== 'object';
    const path = formatPath(head === 'spec' ? rest.slice(1) : rest);
    out.add(scalar(c.old) && scalar(c.new) ? `${path}: ${String(c.old ?? '(none)')} → ${String(c.new ?? '(none)')}` : path);
  }
  return [...out];
}

/** Findings for a workload whose spec changed in place: a restart when its pod template changed, a scale. */
export function rolloutFindings(old: ReleaseObject, next: ReleaseObject, changes: Change[], release: Release, changedConfig: ChangedConfig): Finding[] {
  if (next.kind === 'CronJob' && changes.some((c) => c.path.startsWith('spec.jobTemplate.'))) {
    return [{ verdict: 'changed', field: 'spec.jobTemplate', reason: 'Jobs it starts from now on use the new template; a Job already running finishes on the old one' }];
  }
  if (!ROLLING_KINDS.has(`${next.group}/${next.kind}`)) return [];
  const out: Finding[] = [];
  const template = changes.filter((c) => c.segments[0] === 'spec' && c.segments[1] === 'template');
  if (template.length > 0) {
    // pods roll unless the controller leaves them to be deleted by hand
    const rolls = next.kind !== 'ReplicaSet' && !(isObject(spec(next).updateStrategy) && (spec(next).updateStrategy as JsonObject).type === 'OnDelete');
    out.push({
      verdict: rolls ? 'restart' : 'changed',
      field: 'spec.template',
      reason: `${next.component}: ${rolloutPlan(next, release)} — ${causes(next, template, changedConfig).join('; ')}`,
    });
  }
  const before = spec(old).replicas;
  const after = spec(next).replicas;
  if (before !== after && (typeof before === 'number' || typeof after === 'number')) {
    out.push({ verdict: 'changed', field: 'spec.replicas', reason: `scaled from ${String(before ?? 1)} to ${String(after ?? '(the HorizontalPodAutoscaler’s count)')}` });
  }
  return out;
}

/** A workload removed while another takes its place: Helm creates the new one, then deletes the old at once. */
export function replacedWorkload(old: ReleaseObject, next: ReleaseObject, oldRelease: Release): Finding | undefined {
  if (!ROLLING_KINDS.has(`${old.group}/${old.kind}`)) return undefined;
  const { n, words } = podCount(old, oldRelease);
  const pods = old.kind === 'DaemonSet' ? 'its pods (one on every node)' : n === 1 ? 'its pod' : `its ${words}`;
  const claims = next.kind === 'StatefulSet' && old.kind !== 'StatefulSet' ? statefulSetClaims(next, 1) : [];
  const fresh = claims.length > 0 ? `; ${describe(next)} starts on new, empty claims (${claims.join(', ')}…), not on the volumes of ${describe(old)}` : '';
  return {
    verdict: 'replaced',
    reason: `${describe(old)} and ${pods} are deleted at once as soon as ${describe(next)} is created, without waiting for the new pods to be ready (Helm creates new objects, then deletes removed ones): not a rolling update${fresh}`,
    remedy: 'keep the workload\'s kind and name to roll it; if it must be replaced, expect a short outage (or run both for a release and remove the old one later)',
    rule: 'helm upgrade: kube.Client.Update creates target objects missing from the release, then deletes release objects missing from the target (pkg/kube/client.go)',
  };
}
