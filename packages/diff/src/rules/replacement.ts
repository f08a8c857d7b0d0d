// What removing an object does, alone or with another taking its place (a rename, a kind change, a move to another
// namespace): Helm creates the new objects first and then deletes the old ones. For storage that decides whether
// data stays reachable; for Services, ServiceAccounts and Jobs what clients, tokens and runs see.
import { deepEqual } from '@helmforge/lint';
import { describe, isObject, statefulSetClaims, type Json, type JsonObject, type Release, type ReleaseObject } from '../objects.js';
import { usersOf } from '../references.js';
import type { Finding } from '../verdicts.js';
import { volumeSource } from './immutable.js';
import { replacedWorkload } from './rollout.js';

const HELM_UPDATE = 'helm upgrade: kube.Client.Update creates target objects missing from the release, then deletes release objects missing from the target (pkg/kube/client.go)';
const spec = (o: ReleaseObject): JsonObject => (isObject(o.body.spec) ? o.body.spec : {});

export interface ReplacementContext {
  old: Release;
  next: Release;
  /** Keys of a new object's data that are generated at render time (they differ between two renders). */
  generatedKeys(o: ReleaseObject): string[];
}

/** Where a PersistentVolume keeps its data, for people: `NFS 192.168.1.10:/nfsdata/registry`. */
function storageLocation(pv: ReleaseObject): string {
  const s = spec(pv);
  if (isObject(s.nfs)) return `NFS ${String(s.nfs.server)}:${String(s.nfs.path)}`;
  if (isObject(s.hostPath)) return `host path ${String(s.hostPath.path)}`;
  if (isObject(s.local)) return `local path ${String(s.local.path)}`;
  if (isObject(s.csi)) return `CSI volume ${String(s.csi.volumeHandle)} (${String(s.csi.driver)})`;
  const kind = Object.keys(volumeSource(pv.body))[0];
  return kind !== undefined ? `${kind} volume of ${pv.name}` : `volume ${pv.name}`;
}

/** The PersistentVolume of `release` that a claim is bound to (volumeName, or a volume whose claimRef names it). */
function boundVolume(release: Release, claim: ReleaseObject): ReleaseObject | undefined {
  const wanted = spec(claim).volumeName;
  for (const o of release.objects.values()) {
    if (o.kind !== 'PersistentVolume') continue;
    const ref = spec(o).claimRef;
    if (o.name === wanted || (isObject(ref) && ref.name === claim.name && (ref.namespace ?? claim.namespace) === claim.namespace)) return o;
  }
  return undefined;
}

const reclaimPolicy = (pv: ReleaseObject): string => String(spec(pv).persistentVolumeReclaimPolicy ?? 'Retain');
const sameStorage = (a: ReleaseObject | undefined, b: ReleaseObject | undefined) => a !== undefined && b !== undefined && deepEqual(volumeSource(a.body), volumeSource(b.body));

/** "the data of registry (Deployment platform-registry)" for a claim's users, or "the claim's data". */
function whoseData(release: Release, claim: ReleaseObject): string {
  const users = usersOf(release, 'PersistentVolumeClaim', claim.namespace, claim.name);
  if (users.length === 0) return `the data of ${describe(claim)}`;
  const components = [...new Set(users.map((u) => u.workload.component))];
  return `the data of ${components.join(', ')} (${users.map((u) => describe(u.workload)).join(', ')})`;
}

const KEEP_OR_COPY = 'keep the claim\'s (and the volume\'s) name, or point the new volume at the old storage; to move the data, copy it to the new claim before the upgrade; helm.sh/resource-policy: keep on an object makes Helm leave it in place';

function claimFindings(old: ReleaseObject, replacement: ReleaseObject | undefined, ctx: ReplacementContext): Finding[] {
  const pv = boundVolume(ctx.old, old);
  const newPv = replacement !== undefined ? boundVolume(ctx.next, replacement) : undefined;
  const stillMounted = usersOf(ctx.next, 'PersistentVolumeClaim', old.namespace, old.name).map((u) => describe(u.workload));
  const orphanedMounts = stillMounted.length > 0 ? ` ${stillMounted.join(', ')} still mount${stillMounted.length === 1 ? 's' : ''} ${old.name} in the new release: ${stillMounted.length === 1 ? 'its' : 'their'} pods will not start.` : '';
  if (replacement !== undefined && pv !== undefined && sameStorage(pv, newPv)) {
    return [{ verdict: 'replaced', reason: `the new claim ${replacement.name} binds ${newPv?.name} on the same storage (${storageLocation(pv)}): the data carries over.${orphanedMounts}` }];
  }
  const then = replacement !== undefined ? `, and the new claim ${replacement.name} starts empty${newPv !== undefined ? ` (${storageLocation(newPv)})` : ''}` : '';
  let reason: string;
  if (pv === undefined) {
    reason = `${describe(old)} is deleted: ${whoseData(ctx.old, old)} goes with its volume if that was provisioned dynamically (StorageClasses reclaim with Delete unless set otherwise)${then}`;
  } else if (reclaimPolicy(pv) === 'Retain') {
    reason = `${describe(old)} is deleted: ${whoseData(ctx.old, old)} stays on ${storageLocation(pv)} (reclaimPolicy Retain) but no claim of the release reaches it any more${then}; PersistentVolume ${pv.name} turns Released and binds again only once its claimRef is cleared`;
  } else {
    reason = `${describe(old)} is deleted: ${whoseData(ctx.old, old)} is deleted with PersistentVolume ${pv.name} (${storageLocation(pv)}, reclaimPolicy ${reclaimPolicy(pv)})${then}`;
  }
  return [{ verdict: 'data-loss', reason: reason + '.' + orphanedMounts, remedy: KEEP_OR_COPY, rule: HELM_UPDATE }];
}

function volumeFindings(old: ReleaseObject, replacement: ReleaseObject | undefined): Finding[] {
  if (sameStorage(old, replacement)) {
    return [{ verdict: 'replaced', reason: `PersistentVolume ${replacement?.name} points at the same storage (${storageLocation(old)}): the data carries over` }];
  }
  const gone =
    reclaimPolicy(old) === 'Retain'
      ? `the data stays on ${storageLocation(old)} (reclaimPolicy Retain) but no PersistentVolume of the release points at it any more`
      : `the storage (${storageLocation(old)}) is deleted with it (reclaimPolicy ${reclaimPolicy(old)})`;
  const then = replacement !== undefined ? `; ${describe(replacement)} starts on ${storageLocation(replacement)}` : '';
  return [{ verdict: 'data-loss', reason: `PersistentVolume ${old.name} is deleted: ${gone}${then}`, remedy: KEEP_OR_COPY, rule: HELM_UPDATE }];
}

function statefulSetFindings(old: ReleaseObject, replacement: ReleaseObject | undefined): Finding[] {
  const claims = statefulSetClaims(old);
  if (claims.length === 0) return [];
  const policy = isObject(spec(old).persistentVolumeClaimRetentionPolicy) ? (spec(old).persistentVolumeClaimRetentionPolicy as JsonObject).whenDeleted : undefined;
  const newClaims = replacement !== undefined && replacement.kind === 'StatefulSet' ? statefulSetClaims(replacement) : [];
  const fate = policy === 'Delete' ? 'are deleted with it (persistentVolumeClaimRetentionPolicy.whenDeleted Delete)' : 'stay behind, orphaned (no workload of the release uses them)';
  const then = newClaims.length > 0 ? `; ${describe(replacement as ReleaseObject)} creates new, empty claims ${newClaims.join(', ')}` : '';
  return [{ verdict: 'data-loss', reason: `the claims of ${describe(old)} (${claims.join(', ')}) ${fate}${then}`, remedy: 'keep the StatefulSet\'s name; to rename it, copy the data into the new claims first', rule: HELM_UPDATE }];
}

function serviceFindings(old: ReleaseObject, replacement: ReleaseObject | undefined): Finding[] {
  if (replacement === undefined) return [];
  const out: Finding[] = [];
  const renamed = replacement.name !== old.name || replacement.namespace !== old.namespace;
  out.push({
    verdict: 'replaced',
    reason: `${describe(replacement)} gets a new ClusterIP${renamed ? ` and DNS name (${replacement.name}.${replacement.namespace}.svc instead of ${old.name}.${old.namespace}.svc): clients of the old name find nothing` : ''}`,
    remedy: 'keep the Service\'s name, or keep the old one for a release (an ExternalName Service pointing at the new name) until clients move',
  });
  const ports = (o: ReleaseObject) => (Array.isArray(spec(o).ports) ? (spec(o).ports as Json[]) : []).flatMap((p) => (isObject(p) && typeof p.nodePort === 'number' ? [p.nodePort] : []));
  const taken = ports(replacement).filter((p) => ports(old).includes(p));
  if (taken.length > 0) {
    out.push({
      verdict: 'will-fail',
      field: 'spec.ports.nodePort',
      reason: `${describe(replacement)} asks for nodePort ${taken.join(', ')}, which ${describe(old)} still holds when Helm creates the new Service (it deletes the old one afterwards): "provided port is already allocated"`,
      remedy: 'leave nodePort out for one release (or use another port), or delete the old Service before the upgrade',
      rule: 'Service nodePort allocation (pkg/registry/core/service/portallocator): a node port belongs to one Service at a time',
    });
  }
  return out;
}

function generatedSecretFindings(old: ReleaseObject, replacement: ReleaseObject | undefined, ctx: ReplacementContext): Finding[] {
  if (replacement === undefined || replacement.kind !== 'Secret') return [];
  const keys = ctx.generatedKeys(replacement);
  if (keys.length === 0) return [];
  return [
    {
      verdict: 'data-loss',
      reason: `${keys.join(', ')} of ${describe(replacement)} ${keys.length === 1 ? 'is' : 'are'} generated afresh: charts keep generated credentials by reading the Secret back with lookup under its name, which finds nothing under the new name, and the old values are deleted with ${describe(old)}; whatever stored them (a database's admin password, clients) no longer matches`,
      remedy: `keep the Secret's name, or copy the old values into values (or an existing Secret) before the upgrade`,
      rule: 'helm template and helm upgrade: lookup returns the live object by name, nothing when there is none',
    },
  ];
}

/** Findings for an object that leaves the release, with the object that takes its place, if any. */
export function removalFindings(old: ReleaseObject, replacement: ReleaseObject | undefined, ctx: ReplacementContext): Finding[] {
  const annotations = isObject(old.body.metadata) && isObject(old.body.metadata.annotations) ? old.body.metadata.annotations : {};
  if (annotations['helm.sh/resource-policy'] === 'keep') {
    return [{ verdict: replacement !== undefined ? 'replaced' : 'removed', reason: `Helm leaves ${describe(old)} in the cluster (helm.sh/resource-policy: keep); it is no longer part of the release` }];
  }
  const out: Finding[] = [];
  if (replacement !== undefined) {
    const workload = replacedWorkload(old, replacement, ctx.old);
    if (workload !== undefined) out.push(workload);
  }
  switch (old.kind) {
    case 'PersistentVolumeClaim':
      return [...out, ...claimFindings(old, replacement, ctx)];
    case 'PersistentVolume':
      return [...out, ...volumeFindings(old, replacement)];
    case 'StatefulSet':
      return [...out, ...statefulSetFindings(old, replacement)];
    case 'CustomResourceDefinition': {
      const names = isObject(spec(old).names) ? (spec(old).names as JsonObject) : {};
      return [...out, { verdict: 'data-loss', reason: `every ${String(names.plural ?? old.name)}.${String(spec(old).group ?? '')} object in the cluster is deleted with the CustomResourceDefinition`, remedy: 'keep the CRD in the chart (or in crds/, which Helm never deletes)', rule: HELM_UPDATE }];
    }
    case 'Service':
      return [...out, ...serviceFindings(old, replacement)];
    case 'ServiceAccount':
      return replacement === undefined
        ? out
        : [...out, { verdict: 'replaced', reason: `tokens of ServiceAccount ${old.name} stop working; pods get ${replacement.name}'s when they restart, and RBAC bindings must name ${replacement.name}` }];
    case 'Secret':
      return [...out, ...generatedSecretFindings(old, replacement, ctx)];
    case 'Job':
      return [...out, { verdict: replacement !== undefined ? 'replaced' : 'removed', reason: replacement !== undefined ? `${describe(replacement)} runs again; ${describe(old)} and its pods (and their logs) are deleted` : `${describe(old)} and its pods (and their logs) are deleted` }];
    default:
      return out;
  }
}
