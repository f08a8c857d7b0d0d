// Fields the Kubernetes API refuses to change on an existing object: `helm upgrade` patches the object, the API
// server answers "field is immutable" (or similar), and the upgrade stops half-way. One entry per kind, each citing
// the validation function it follows (kubernetes/kubernetes, pkg/apis/*/validation and pkg/registry/*/strategy.go).
// Fields are compared after the API's defaults for them are applied, so that spelling out a default is no change.
import { diffValues } from '../changes.js';
import { isObject, type Json, type JsonObject } from '../objects.js';
import { deepEqual, parseQuantity } from '@helmforge/lint';
import type { Finding } from '../verdicts.js';

export interface ImmutabilityRule {
  /** `group/Kind` (core group empty: `/Service`). */
  kind: string;
  /** The API validation it follows. */
  rule: string;
  check(old: JsonObject, next: JsonObject): Finding[];
}

const get = (o: Json | undefined, path: string): Json | undefined =>
  path.split('.').reduce<Json | undefined>((v, k) => (isObject(v) ? v[k] : undefined), o);

const spec = (o: JsonObject): JsonObject => (isObject(o.spec) ? o.spec : {});

function fails(field: string, reason: string, remedy: string, rule: string): Finding {
  return { verdict: 'will-fail', field, reason, remedy, rule };
}

/** `matchLabels["app"]: web → frontend` for each changed leaf. */
function changeWords(a: Json | undefined, b: Json | undefined): string {
  return diffValues(a, b)
    .map((c) => `${c.path || '(all)'}: ${c.old === undefined ? '(none)' : JSON.stringify(c.old)} → ${c.new === undefined ? '(none)' : JSON.stringify(c.new)}`)
    .join(', ');
}

const ORPHAN_AND_RECREATE = (kind: string) =>
  `delete the ${kind} without its pods first (kubectl delete ${kind.toLowerCase()} NAME --cascade=orphan), then run helm upgrade: it re-creates the ${kind}, which adopts the running pods where its selector still matches`;

/** `spec.selector` of the apps/v1 workload controllers (ValidateUpdate in pkg/registry/apps/<kind>/strategy.go). */
function selectorRule(kind: 'Deployment' | 'ReplicaSet' | 'DaemonSet'): ImmutabilityRule {
  const rule = `apps/v1 ${kind}: spec.selector is immutable (ValidateUpdate, pkg/registry/apps/${kind.toLowerCase()}/strategy.go)`;
  return {
    kind: `apps/${kind}`,
    rule,
    check: (old, next) =>
      deepEqual(spec(old).selector, spec(next).selector)
        ? []
        : [
            fails(
              'spec.selector',
              `spec.selector changes (${changeWords(spec(old).selector, spec(next).selector)}): the API refuses to change a ${kind}'s selector`,
              `keep the selector labels (nameOverride, selectorLabels) as they were, or ${ORPHAN_AND_RECREATE(kind)}`,
              rule,
            ),
          ],
  };
}

// StatefulSet: only these spec fields may change (ValidateStatefulSetUpdate, pkg/apis/apps/validation).
const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);

function statefulSetSpec(o: JsonObject): JsonObject {
  const s = { ...spec(o) };
  s.podManagementPolicy ??= 'OrderedReady';
  s.revisionHistoryLimit ??= 10;
  if (Array.isArray(s.volumeClaimTemplates)) {
    // the API server fills in apiVersion, kind, status and the volume mode of each claim template
    s.volumeClaimTemplates = s.volumeClaimTemplates.map((t) => {
      if (!isObject(t)) return t;
      const { apiVersion: _a, kind: _k, status: _s, ...rest } = t;
      const tSpec = isObject(rest.spec) ? { volumeMode: 'Filesystem', ...rest.spec } : rest.spec;
      return { ...rest, ...(tSpec !== undefined ? { spec: tSpec as Json } : {}) };
    });
  }
  return s;
}

const statefulSetRule: ImmutabilityRule = {
  kind: 'apps/StatefulSet',
  rule: "ValidateStatefulSetUpdate (pkg/apis/apps/validation): updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  check(old, next) {
    const a = statefulSetSpec(old);
    const b = statefulSetSpec(next);
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !STATEFULSET_MUTABLE.has(k) && !deepEqual(a[k], b[k]));
    return fields.map((f) => {
      const claims = f === 'volumeClaimTemplates';
      return fails(
        `spec.${f}`,
        claims
          ? `spec.volumeClaimTemplates changes (${diffValues(a[f], b[f]).map((c) => c.path || '(all)').join(', ')}): the API refuses to change a StatefulSet's claim templates`
          : `spec.${f} changes (${JSON.stringify(a[f] ?? null)} → ${JSON.stringify(b[f] ?? null)}): the API refuses it on an existing StatefulSet`,
        claims
          ? `${ORPHAN_AND_RECREATE('StatefulSet')}; existing claims keep their size and class (resize each PersistentVolumeClaim itself where its StorageClass allows expansion)`
          : ORPHAN_AND_RECREATE('StatefulSet'),
        this.rule,
      );
    });
  },
};

/** The Job fields ValidateJobSpecUpdate (pkg/apis/batch/validation) keeps as they are, besides template and completions. */
const JOB_IMMUTABLE = ['selector', 'completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy'];

/**
 * A Job's spec as the API holds it. SetDefaults_Job gives completions 1 when neither completions nor parallelism is
 * set; a field that neither manifest mentions is not touched by the upgrade, so the new side keeps the old value.
 */
function jobSpec(o: JsonObject, before?: JsonObject): JsonObject {
  const s = { ...spec(o) };
  s.completionMode ??= 'NonIndexed';
  if (s.completions === undefined) {
    if (before !== undefined && spec(before).completions === undefined) s.completions = jobSpec(before).completions ?? null;
    else if (s.parallelism === undefined) s.completions = 1;
  }
  return s;
}

/** What may change in the pod template of a Job that is suspended and has never started (Kubernetes ≥ 1.27). */
function onlySchedulingDirectives(a: JsonObject, b: JsonObject): boolean {
  const strip = (t: Json | undefined): Json => {
    if (!isObject(t)) return t ?? null;
    const podSpec = isObject(t.spec) ? { ...t.spec } : {};
    delete podSpec.nodeSelector;
    delete podSpec.tolerations;
    delete podSpec.schedulingGates;
    if (isObject(podSpec.affinity)) {
      const { nodeAffinity: _n, ...rest } = podSpec.affinity;
      if (Object.keys(rest).length === 0) delete podSpec.affinity;
      else podSpec.affinity = rest;
    }
    const meta = isObject(t.metadata) ? { ...t.metadata } : {};
    delete meta.labels;
    delete meta.annotations;
    return { ...t, metadata: meta, spec: podSpec };
  };
  return deepEqual(strip(a.template), strip(b.template));
}

const jobRule: ImmutabilityRule = {
  kind: 'batch/Job',
  rule: 'ValidateJobSpecUpdate (pkg/apis/batch/validation): spec.template, selector, completions, completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy and successPolicy are immutable',
  check(old, next) {
    const a = jobSpec(old);
    const b = jobSpec(next, old);
    const out: Finding[] = [];
    const rename = 'give the Job a new name whenever its spec changes (helmforge\'s jobs chart puts a hash of the spec in the name), or make it a hook with helm.sh/hook-delete-policy: before-hook-creation';
    if (!deepEqual(a.template, b.template)) {
      const paths = diffValues(a.template, b.template, ['spec', 'template']).map((c) => c.path);
      if (a.suspend === true && onlySchedulingDirectives(a, b)) {
        out.push({
          verdict: 'changed',
          field: 'spec.template',
          reason: `only scheduling directives of the pod template change (${paths.join(', ')}): the API accepts that while the Job is suspended and has never started, and refuses it once it has`,
          rule: 'validatePodTemplateUpdate (pkg/apis/batch/validation): AllowMutableSchedulingDirectives for suspended Jobs that never started',
        });
      } else out.push(fails('spec.template', `the pod template of a Job cannot change (${paths.join(', ')})`, rename, this.rule));
    }
    if (!deepEqual(a.completions, b.completions)) {
      // ElasticIndexedJob: an Indexed Job may change completions together with parallelism
      const elastic = b.completionMode === 'Indexed' && a.completionMode === 'Indexed' && b.completions !== undefined && b.completions === b.parallelism;
      if (!elastic) out.push(fails('spec.completions', `spec.completions changes (${JSON.stringify(a.completions ?? null)} → ${JSON.stringify(b.completions ?? null)})`, `${rename}; an Indexed Job may change completions only together with parallelism, to the same value`, this.rule));
    }
    for (const f of JOB_IMMUTABLE) {
      if (!deepEqual(a[f], b[f])) out.push(fails(`spec.${f}`, `spec.${f} changes (${JSON.stringify(a[f] ?? null)} → ${JSON.stringify(b[f] ?? null)})`, rename, this.rule));
    }
    return out;
  },
};

/** The cluster IP a Service manifest asks for: clusterIP, else the first of clusterIPs; '' when it lets the API choose. */
function requestedClusterIP(s: JsonObject): string {
  if (typeof s.clusterIP === 'string') return s.clusterIP;
  return Array.isArray(s.clusterIPs) && typeof s.clusterIPs[0] === 'string' ? s.clusterIPs[0] : '';
}

const serviceRule: ImmutabilityRule = {
  kind: '/Service',
  rule: 'ValidateServiceUpdate (pkg/apis/core/validation): spec.clusterIP(s) and the primary of spec.ipFamilies may not change once set, except to or from type ExternalName; spec.loadBalancerClass may not change on a LoadBalancer',
  check(old, next) {
    const a = spec(old);
    const b = spec(next);
    const typeA = typeof a.type === 'string' ? a.type : 'ClusterIP';
    const typeB = typeof b.type === 'string' ? b.type : 'ClusterIP';
    const out: Finding[] = [];
    if (typeA !== 'ExternalName' && typeB !== 'ExternalName') {
      const ipA = requestedClusterIP(a);
      const ipB = requestedClusterIP(b);
      // an omitted address keeps the allocated one (the API copies it over); one given must equal it
      if (ipB !== '' && ipB !== ipA) {
        const was = ipA === '' ? 'the address the API allocated at install' : ipA;
        out.push(
          fails(
            'spec.clusterIP',
            `spec.clusterIP asks for ${ipB === 'None' ? 'None (a headless Service)' : ipB} where the Service has ${was}: a Service's cluster IP cannot change`,
            ipB === 'None' ? 'a headless Service must be created as one: give it a new name (a new Service), or delete the old one before the upgrade' : 'leave clusterIP out (the Service keeps its address), or give the Service a new name',
            this.rule,
          ),
        );
      }
      const famA = Array.isArray(a.ipFamilies) ? a.ipFamilies[0] : undefined;
      const famB = Array.isArray(b.ipFamilies) ? b.ipFamilies[0] : undefined;
      if (famA !== undefined && famB !== undefined && famA !== famB) {
        out.push(fails('spec.ipFamilies', `the primary IP family changes (${String(famA)} → ${String(famB)})`, 'keep the first entry of ipFamilies; only a secondary family may be added or removed', this.rule));
      }
    }
    if (typeA === 'LoadBalancer' && typeB === 'LoadBalancer' && !deepEqual(a.loadBalancerClass, b.loadBalancerClass)) {
      out.push(fails('spec.loadBalancerClass', `spec.loadBalancerClass changes (${JSON.stringify(a.loadBalancerClass ?? null)} → ${JSON.stringify(b.loadBalancerClass ?? null)})`, 'give the Service a new name, or change its type away from LoadBalancer first', this.rule));
    }
    return out;
  },
};

const PVC_RULE =
  'ValidatePersistentVolumeClaimUpdate (pkg/apis/core/validation): spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims; storage may not decrease. Admission plugin PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): only dynamically provisioned claims whose StorageClass allows expansion may grow';

const pvcRule: ImmutabilityRule = {
  kind: '/PersistentVolumeClaim',
  rule: PVC_RULE,
  check(old, next) {
    const norm = (o: JsonObject): JsonObject => ({ volumeMode: 'Filesystem', ...spec(o) });
    const a = norm(old);
    const b = norm(next);
    const out: Finding[] = [];
    const sizeA = parseQuantity(get(a, 'resources.requests.storage'));
    const sizeB = parseQuantity(get(b, 'resources.requests.storage'));
    // The storage request and volumeAttributesClassName may change; a volumeName or storageClassName that the old
    // manifest left out may be set (the binder and the default-class admission may already have set them).
    const comparable = (s: JsonObject): JsonObject => {
      const c = structuredClone(s);
      if (isObject(c.resources) && isObject(c.resources.requests)) delete c.resources.requests.storage;
      delete c.volumeAttributesClassName;
      if (a.volumeName === undefined) delete c.volumeName;
      if (a.storageClassName === undefined) delete c.storageClassName;
      return c;
    };
    const changed = diffValues(comparable(a), comparable(b));
    if (changed.length > 0) {
      const field = `spec.${String(changed[0]?.segments[0])}`;
      out.push(fails(field, `spec changes (${changed.map((c) => `spec.${c.path}`).join(', ')}): a claim's spec is immutable except its storage request`, 'create a claim with a new name (and copy the data), or keep these fields as they are', PVC_RULE));
    }
    if (a.volumeName === undefined && b.volumeName !== undefined) {
      out.push({ verdict: 'changed', field: 'spec.volumeName', reason: `spec.volumeName is set to ${String(b.volumeName)}: accepted only while the claim is unbound or already bound to that volume`, rule: PVC_RULE });
    }
    const req = get(b, 'resources.requests.storage');
    if (sizeA !== undefined && sizeB !== undefined && sizeB < sizeA) {
      out.push(fails('spec.resources.requests.storage', `storage request shrinks (${String(get(a, 'resources.requests.storage'))} → ${String(req)}): volumes cannot shrink`, 'keep the size; to shrink, create a new claim and copy the data', PVC_RULE));
    } else if (sizeA !== undefined && sizeB !== undefined && sizeB > sizeA) {
      const className = b.storageClassName;
      if (className === '' || className === undefined || className === null) {
        out.push(
          fails(
            'spec.resources.requests.storage',
            `storage request grows (${String(get(a, 'resources.requests.storage'))} → ${String(req)}) on a claim without a StorageClass (a statically bound volume): the API server's PersistentVolumeClaimResize admission refuses it ("only dynamically provisioned pvc can be resized")`,
            'grow the storage behind the PersistentVolume (e.g. the NFS export) and leave the claim as it is, or create a new volume and claim with the new size',
            PVC_RULE,
          ),
        );
      } else {
        out.push({ verdict: 'changed', field: 'spec.resources.requests.storage', reason: `storage request grows (${String(get(a, 'resources.requests.storage'))} → ${String(req)}): accepted only if StorageClass ${String(className)} has allowVolumeExpansion: true`, rule: PVC_RULE });
      }
    }
    return out;
  },
};

// Everything in a PersistentVolume's spec that is not the volume source (ValidatePersistentVolumeUpdate).
const PV_NOT_SOURCE = new Set(['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName']);

export function volumeSource(pv: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(spec(pv)).filter(([k]) => !PV_NOT_SOURCE.has(k)));
}

const pvRule: ImmutabilityRule = {
  kind: '/PersistentVolume',
  rule: 'ValidatePersistentVolumeUpdate (pkg/apis/core/validation): spec.persistentvolumesource is immutable after creation; volumeMode is immutable; nodeAffinity may not change once set',
  check(old, next) {
    const out: Finding[] = [];
    const srcA = volumeSource(old);
    const srcB = volumeSource(next);
    if (!deepEqual(srcA, srcB)) {
      const paths = diffValues(srcA, srcB, ['spec']).map((c) => c.path);
      out.push(fails(paths[0] ?? 'spec', `the volume source changes (${paths.join(', ')}): a PersistentVolume cannot be pointed at other storage`, 'create a PersistentVolume with a new name for the new storage and bind a new claim to it (copy the data across first)', this.rule));
    }
    if ((spec(old).volumeMode ?? 'Filesystem') !== (spec(next).volumeMode ?? 'Filesystem')) out.push(fails('spec.volumeMode', 'spec.volumeMode changes', 'create a new PersistentVolume', this.rule));
    if (spec(old).nodeAffinity !== undefined && !deepEqual(spec(old).nodeAffinity, spec(next).nodeAffinity)) out.push(fails('spec.nodeAffinity', 'spec.nodeAffinity changes after it was set', 'create a new PersistentVolume', this.rule));
    return out;
  },
};

function immutableData(kind: 'ConfigMap' | 'Secret'): ImmutabilityRule {
  const rule = `Validate${kind}Update (pkg/apis/core/validation): with immutable: true, ${kind === 'Secret' ? 'data' : 'data and binaryData'} and immutable itself are immutable${kind === 'Secret' ? '; type is always immutable' : ''}`;
  const remedy = `an immutable ${kind} is replaced, never edited: put a hash of its content in its name so that a change makes a new ${kind}`;
  return {
    kind: `/${kind}`,
    rule,
    check(old, next) {
      const out: Finding[] = [];
      if (kind === 'Secret' && (old.type ?? 'Opaque') !== (next.type ?? 'Opaque')) {
        out.push(fails('type', `the Secret's type changes (${String(old.type ?? 'Opaque')} → ${String(next.type ?? 'Opaque')})`, 'give the Secret a new name', rule));
      }
      if (old.immutable === true) {
        if (next.immutable !== true) out.push(fails('immutable', `immutable: true cannot be taken back`, remedy, rule));
        const fields = kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
        const changed = fields.filter((f) => !deepEqual(old[f], next[f]));
        if (changed.length > 0) out.push(fails(changed[0] as string, `${changed.join(' and ')} of an immutable ${kind} change`, remedy, rule));
      }
      return out;
    },
  };
}

function roleRefRule(kind: 'RoleBinding' | 'ClusterRoleBinding'): ImmutabilityRule {
  const rule = 'ValidateRoleBindingUpdate (pkg/apis/rbac/validation): cannot change roleRef';
  return {
    kind: `rbac.authorization.k8s.io/${kind}`,
    rule,
    check: (old, next) =>
      deepEqual(old.roleRef, next.roleRef)
        ? []
        : [fails('roleRef', `roleRef changes (${String(get(old.roleRef, 'name'))} → ${String(get(next.roleRef, 'name'))}): the API cannot change the role of a binding`, `give the ${kind} a new name, or delete it before the upgrade`, rule)],
  };
}

const storageClassRule: ImmutabilityRule = {
  kind: 'storage.k8s.io/StorageClass',
  rule: 'ValidateStorageClassUpdate (pkg/apis/storage/validation): updates to parameters, provisioner, reclaimPolicy and volumeBindingMode are forbidden',
  check(old, next) {
    const defaults = (o: JsonObject): JsonObject => ({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', ...o });
    const a = defaults(old);
    const b = defaults(next);
    return ['parameters', 'provisioner', 'reclaimPolicy', 'volumeBindingMode']
      .filter((f) => !deepEqual(a[f], b[f]))
      .map((f) => fails(f, `${f} of a StorageClass changes`, 'create a StorageClass with a new name; existing volumes keep the class they were made with', this.rule));
  },
};

/** The table: one rule per kind whose update the API restricts. */
export const IMMUTABILITY_RULES: readonly ImmutabilityRule[] = [
  selectorRule('Deployment'),
  selectorRule('ReplicaSet'),
  selectorRule('DaemonSet'),
  statefulSetRule,
  jobRule,
  serviceRule,
  pvcRule,
  pvRule,
  immutableData('ConfigMap'),
  immutableData('Secret'),
  roleRefRule('RoleBinding'),
  roleRefRule('ClusterRoleBinding'),
  storageClassRule,
];

const BY_KIND = new Map(IMMUTABILITY_RULES.map((r) => [r.kind, r]));

/** What the API will refuse (or only conditionally accept) in updating `old` to `next` (same group and kind). */
export function immutabilityFindings(group: string, kind: string, old: JsonObject, next: JsonObject): Finding[] {
  return BY_KIND.get(`${group}/${kind}`)?.check(old, next) ?? [];
}
