// Two releases in, what `helm upgrade` from the first to the second does out: objects paired, each change
// judged by the API's rules (immutable fields), by what happens to data and pods, and the hooks that run.
import { diffValues, revert, type Change } from './changes.js';
import { describe, type JsonObject, type Release, type ReleaseObject } from './objects.js';
import { pairObjects, type Pair } from './pair.js';
import { usersOf } from './references.js';
import { immutabilityFindings } from './rules/immutable.js';
import { removalFindings } from './rules/replacement.js';
import { rolloutFindings, type ChangedConfig } from './rules/rollout.js';
import { VERDICTS, subject, worse, type Finding, type HookRun, type ObjectDiff, type ReleaseDiff, type Verdict } from './verdicts.js';

/**
 * Paths of each object (by key) whose values are generated at render time: they differ between two renders of
 * the same chart with the same values (`randAlphaNum`, and `lookup`, which finds nothing without a cluster).
 */
export type GeneratedPaths = Map<string, Set<string>>;

export function generatedPaths(first: Release, second: Release): GeneratedPaths {
  const out: GeneratedPaths = new Map();
  for (const [key, a] of first.objects) {
    const b = second.objects.get(key);
    if (b === undefined) continue;
    const paths = diffValues(a.body, b.body).map((c) => c.path);
    if (paths.length > 0) out.set(key, new Set(paths));
  }
  return out;
}

export interface DiffOptions {
  /** Generated values of the new release (see generatedPaths): masked rather than reported as changes. */
  generated?: GeneratedPaths;
}

const isSecretData = (o: ReleaseObject, c: Change) => o.kind === 'Secret' && (c.segments[0] === 'data' || c.segments[0] === 'stringData');

/** A Secret's values never leave the process: a change to them is reported without them. */
function hideSecretValues(o: ReleaseObject, changes: Change[]): Change[] {
  return changes.map((c) => (isSecretData(o, c) ? { path: c.path, segments: c.segments, op: c.op } : c));
}

interface Compared {
  changes: Change[];
  /** The generated ones: left out of `changes`. */
  masked: Change[];
}

/** The change between two bodies, generated values set apart. */
function compare(old: ReleaseObject, next: ReleaseObject, generated: Set<string> | undefined, ignoreName: boolean): Compared {
  const changes: Change[] = [];
  const masked: Change[] = [];
  for (const c of diffValues(old.body, next.body)) {
    if (ignoreName && c.path === 'metadata.name') continue;
    if (generated !== undefined && [...generated].some((g) => c.path === g || c.path.startsWith(`${g}.`) || c.path.startsWith(`${g}[`))) masked.push(c);
    else changes.push(c);
  }
  return { changes, masked };
}

function pairWords(p: Pair): string {
  const o = p.old as ReleaseObject;
  const n = p.new as ReleaseObject;
  if (p.how === 'kind') return `${describe(o)} becomes ${describe(n)}: Helm pairs objects by group, kind, namespace and name, so it creates the ${n.kind} and deletes the ${o.kind}`;
  if (p.how === 'namespace') return `${o.kind} ${o.name} moves from namespace ${o.namespace} to ${n.namespace}: Helm creates it there and deletes it here`;
  return `${describe(o)} is renamed to ${n.name}: Helm creates ${n.name} and deletes ${o.name}`;
}

/** Notes on a changed ConfigMap or Secret: which pods see the change, and how soon. */
function configNotes(o: ReleaseObject, changes: Change[], next: Release, restarting: Set<string>): Finding[] {
  if ((o.kind !== 'ConfigMap' && o.kind !== 'Secret') || !changes.some((c) => ['data', 'binaryData', 'stringData'].includes(String(c.segments[0])))) return [];
  const users = usersOf(next, o.kind, o.namespace, o.name).filter((u) => !restarting.has(u.workload.key));
  const byEnv = users.filter((u) => u.uses.has('env')).map((u) => describe(u.workload));
  const byVolume = users.filter((u) => !u.uses.has('env')).map((u) => describe(u.workload));
  const out: Finding[] = [];
  if (byEnv.length > 0) out.push({ verdict: 'changed', reason: `used as environment by ${byEnv.join(', ')}, whose pods do not restart: they keep the old values until they do (add a checksum annotation of it to the pod template)` });
  if (byVolume.length > 0) out.push({ verdict: 'changed', reason: `mounted by ${byVolume.join(', ')}, whose pods do not restart: the kubelet updates the files within about a minute (not with subPath mounts); the process must re-read them` });
  return out;
}

function hookRuns(next: Release): HookRun[] {
  const runs: HookRun[] = [];
  for (const h of next.hooks) {
    const events = (h.hook?.events ?? []).filter((e) => e === 'pre-upgrade' || e === 'post-upgrade');
    if (events.length === 0) continue;
    const when = events.map((e) => (e === 'pre-upgrade' ? 'before the upgrade changes anything (a failure stops it there)' : 'after every object is updated')).join(', and ');
    const policies = h.hook?.deletePolicies ?? [];
    const cleanup = policies.length > 0 ? `; delete policy ${policies.join(', ')}` : '; no delete policy: a second run fails while the last one is still there unless its name changes';
    runs.push({ hook: h, events, reason: `${events.join(' and ')} ${describe(h)} runs ${when} (weight ${h.hook?.weight ?? 0}${cleanup})` });
  }
  return runs;
}

/** What upgrading a release rendered as `old` to `next` does, object by object. */
export function diffReleases(old: Release, next: Release, options: DiffOptions = {}): ReleaseDiff {
  const generated = options.generated ?? new Map<string, Set<string>>();
  const generatedKeys = (o: ReleaseObject): string[] =>
    [...(generated.get(o.key) ?? [])].filter((p) => p.startsWith('data.') || p.startsWith('stringData.')).map((p) => p.replace(/^(string)?[dD]ata\./, ''));
  const pairs = pairObjects(old, next);

  // First the plain changes, so that a restart can name the ConfigMap or Secret behind a checksum annotation.
  const compared = pairs.map((p): Compared => (p.old !== undefined && p.new !== undefined ? compare(p.old, p.new, generated.get(p.new.key), p.how === 'renamed') : { changes: [], masked: [] }));
  const changedConfig: ChangedConfig = pairs.flatMap((p, i) => (p.new !== undefined && (p.new.kind === 'ConfigMap' || p.new.kind === 'Secret') && (compared[i]?.changes.length ?? 0) > 0 ? [p.new] : []));

  const objects: ObjectDiff[] = pairs.map((p, i) => {
    const { changes, masked } = compared[i] as Compared;
    const findings: Finding[] = [];
    let change: ObjectDiff['change'];
    if (p.how === 'added') change = 'added';
    else if (p.how === 'removed') {
      change = 'removed';
      findings.push(...removalFindings(p.old as ReleaseObject, undefined, { old, next, generatedKeys }));
    } else if (p.how === 'same') {
      const o = p.old as ReleaseObject;
      const n = p.new as ReleaseObject;
      change = changes.length > 0 ? 'changed' : 'unchanged';
      if (changes.length > 0) {
        // judged without the generated values: a random password or a checksum over it is no update of the field
        const failing = immutabilityFindings(n.group, n.kind, o.body, masked.length > 0 ? (revert(n.body, masked) as JsonObject) : n.body);
        findings.push(...failing);
        // an update the API refuses rolls nothing
        if (!failing.some((f) => f.verdict === 'will-fail')) findings.push(...rolloutFindings(o, n, changes, next, changedConfig));
      }
    } else {
      change = 'replaced';
      findings.push({ verdict: 'replaced', reason: pairWords(p) }, ...removalFindings(p.old as ReleaseObject, p.new, { old, next, generatedKeys }));
    }
    const shown = p.new !== undefined ? hideSecretValues(p.new, changes) : changes;
    return { change, verdict: 'unchanged' as Verdict, old: p.old, new: p.new, findings, changes: shown, masked: masked.map((c) => c.path) };
  });

  const restarting = new Set(objects.filter((d) => d.findings.some((f) => f.verdict === 'restart')).map((d) => subject(d).key));
  for (const d of objects) if (d.change === 'changed' && d.new !== undefined) d.findings.push(...configNotes(d.new, d.changes, next, restarting));
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const d of objects) {
    d.verdict = d.findings.reduce<Verdict>((v, f) => worse(v, f.verdict), d.change);
    summary[d.verdict]++;
  }
  objects.sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || subject(a).component.localeCompare(subject(b).component) || subject(a).kind.localeCompare(subject(b).kind) || subject(a).name.localeCompare(subject(b).name));
  return { objects, hooks: hookRuns(next), summary };
}
