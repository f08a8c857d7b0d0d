// One row per immutability rule of the Kubernetes API, each citing the field it protects and the validation code it
// comes from, with the changes the API does accept beside it: an update is judged `will-fail` exactly when the API
// server would refuse it.
import { describe, expect, it } from 'vitest';
import { IMMUTABILITY_RULES } from '../src/index.js';
import {
  claim,
  configMap,
  daemonSet,
  deployment,
  diff,
  job,
  only,
  replicaSet,
  roleBinding,
  secret,
  service,
  set,
  statefulSet,
  storageClass,
  volume,
  type Obj,
} from './helpers.js';

interface Row {
  /** The API field and the function that protects it. */
  rule: string;
  before: Obj;
  after: Obj;
  verdict: 'will-fail' | 'changed' | 'restart';
  /** The field the finding names (for will-fail). */
  field?: string;
  /** Words of the finding's rule citation. */
  cites?: RegExp;
}

const refused: Row[] = [
  { rule: 'Deployment spec.selector — apps/v1 ValidateUpdate (pkg/registry/apps/deployment/strategy.go)', before: deployment(), after: set(deployment(), 'spec.selector.matchLabels', { app: 'frontend' }), verdict: 'will-fail', field: 'spec.selector', cites: /deployment\/strategy\.go/ },
  { rule: 'ReplicaSet spec.selector — apps/v1 ValidateUpdate (pkg/registry/apps/replicaset/strategy.go)', before: replicaSet(), after: set(replicaSet(), 'spec.selector.matchLabels.tier', 'front'), verdict: 'will-fail', field: 'spec.selector', cites: /replicaset\/strategy\.go/ },
  { rule: 'DaemonSet spec.selector — apps/v1 ValidateUpdate (pkg/registry/apps/daemonset/strategy.go)', before: daemonSet(), after: set(daemonSet(), 'spec.selector.matchLabels', { app: 'node-agent' }), verdict: 'will-fail', field: 'spec.selector', cites: /daemonset\/strategy\.go/ },
  { rule: 'StatefulSet spec.selector — ValidateStatefulSetUpdate', before: statefulSet(), after: set(statefulSet(), 'spec.selector.matchLabels', { app: 'database' }), verdict: 'will-fail', field: 'spec.selector', cites: /ValidateStatefulSetUpdate/ },
  { rule: 'StatefulSet spec.volumeClaimTemplates — ValidateStatefulSetUpdate', before: statefulSet(), after: set(statefulSet(), 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', '20Gi'), verdict: 'will-fail', field: 'spec.volumeClaimTemplates', cites: /ValidateStatefulSetUpdate/ },
  { rule: 'StatefulSet spec.serviceName — ValidateStatefulSetUpdate', before: statefulSet(), after: set(statefulSet(), 'spec.serviceName', 'db'), verdict: 'will-fail', field: 'spec.serviceName', cites: /ValidateStatefulSetUpdate/ },
  { rule: 'StatefulSet spec.podManagementPolicy — ValidateStatefulSetUpdate', before: statefulSet(), after: set(statefulSet(), 'spec.podManagementPolicy', 'Parallel'), verdict: 'will-fail', field: 'spec.podManagementPolicy', cites: /ValidateStatefulSetUpdate/ },
  { rule: 'StatefulSet spec.revisionHistoryLimit — ValidateStatefulSetUpdate (not among the mutable fields)', before: statefulSet(), after: set(statefulSet(), 'spec.revisionHistoryLimit', 3), verdict: 'will-fail', field: 'spec.revisionHistoryLimit', cites: /ValidateStatefulSetUpdate/ },
  { rule: 'Job spec.template — ValidateJobSpecUpdate (pkg/apis/batch/validation)', before: job(), after: set(job(), 'spec.template.spec.containers[0].command', ['sh', '-c', 'echo v2']), verdict: 'will-fail', field: 'spec.template', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.template of a suspended Job, beyond scheduling directives — ValidateJobSpecUpdate', before: set(job(), 'spec.suspend', true), after: set(set(job(), 'spec.suspend', true), 'spec.template.spec.containers[0].image', 'busybox:1.37'), verdict: 'will-fail', field: 'spec.template', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.selector — ValidateJobSpecUpdate', before: set(set(job(), 'spec.manualSelector', true), 'spec.selector', { matchLabels: { job: 'a' } }), after: set(set(job(), 'spec.manualSelector', true), 'spec.selector', { matchLabels: { job: 'b' } }), verdict: 'will-fail', field: 'spec.selector', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.completions — ValidateJobSpecUpdate (validateCompletions)', before: set(job(), 'spec.completions', 3), after: set(job(), 'spec.completions', 5), verdict: 'will-fail', field: 'spec.completions', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.completions left out (defaults to 1) → 2 — ValidateJobSpecUpdate', before: job(), after: set(job(), 'spec.completions', 2), verdict: 'will-fail', field: 'spec.completions', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.completionMode — ValidateJobSpecUpdate', before: set(job(), 'spec.completions', 2), after: set(set(job(), 'spec.completions', 2), 'spec.completionMode', 'Indexed'), verdict: 'will-fail', field: 'spec.completionMode', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.podFailurePolicy — ValidateJobSpecUpdate', before: job(), after: set(job(), 'spec.podFailurePolicy', { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] }), verdict: 'will-fail', field: 'spec.podFailurePolicy', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.backoffLimitPerIndex — ValidateJobSpecUpdate', before: set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 2), after: set(set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 2), 'spec.backoffLimitPerIndex', 1), verdict: 'will-fail', field: 'spec.backoffLimitPerIndex', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.managedBy — ValidateJobSpecUpdate', before: job(), after: set(job(), 'spec.managedBy', 'kueue.x-k8s.io/multikueue'), verdict: 'will-fail', field: 'spec.managedBy', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Job spec.successPolicy — ValidateJobSpecUpdate', before: set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 3), after: set(set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 3), 'spec.successPolicy', { rules: [{ succeededCount: 1 }] }), verdict: 'will-fail', field: 'spec.successPolicy', cites: /ValidateJobSpecUpdate/ },
  { rule: 'Service spec.clusterIP set → changed — ValidateServiceUpdate', before: set(service(), 'spec.clusterIP', '10.96.0.20'), after: set(service(), 'spec.clusterIP', '10.96.0.21'), verdict: 'will-fail', field: 'spec.clusterIP', cites: /ValidateServiceUpdate/ },
  { rule: 'Service turned headless (clusterIP: None) after the API allocated an address — ValidateServiceUpdate', before: service(), after: set(service(), 'spec.clusterIP', 'None'), verdict: 'will-fail', field: 'spec.clusterIP', cites: /ValidateServiceUpdate/ },
  { rule: 'Service primary spec.ipFamilies — ValidateServiceUpdate (validateUpgradeDowngradeIPFamilies)', before: set(service(), 'spec.ipFamilies', ['IPv4']), after: set(service(), 'spec.ipFamilies', ['IPv6']), verdict: 'will-fail', field: 'spec.ipFamilies', cites: /ValidateServiceUpdate/ },
  { rule: 'Service spec.loadBalancerClass of a LoadBalancer — ValidateServiceUpdate (validateLoadBalancerClassField)', before: set(service(), 'spec.type', 'LoadBalancer'), after: set(set(service(), 'spec.type', 'LoadBalancer'), 'spec.loadBalancerClass', 'example.com/lb'), verdict: 'will-fail', field: 'spec.loadBalancerClass', cites: /ValidateServiceUpdate/ },
  { rule: 'PersistentVolumeClaim spec.accessModes — ValidatePersistentVolumeClaimUpdate', before: claim(), after: set(claim(), 'spec.accessModes', ['ReadWriteOnce']), verdict: 'will-fail', field: 'spec.accessModes', cites: /ValidatePersistentVolumeClaimUpdate/ },
  { rule: 'PersistentVolumeClaim spec.storageClassName set → changed — ValidatePersistentVolumeClaimUpdate', before: claim('data', undefined, 'nfs'), after: claim('data', undefined, 'fast'), verdict: 'will-fail', field: 'spec.storageClassName', cites: /ValidatePersistentVolumeClaimUpdate/ },
  { rule: 'PersistentVolumeClaim spec.volumeName set → changed — ValidatePersistentVolumeClaimUpdate', before: claim(), after: claim('data', 'platform-other'), verdict: 'will-fail', field: 'spec.volumeName', cites: /ValidatePersistentVolumeClaimUpdate/ },
  { rule: 'PersistentVolumeClaim spec.resources.requests.storage decrease — ValidatePersistentVolumeClaimUpdate', before: claim(), after: set(claim(), 'spec.resources.requests.storage', '5Gi'), verdict: 'will-fail', field: 'spec.resources.requests.storage', cites: /ValidatePersistentVolumeClaimUpdate/ },
  { rule: 'PersistentVolumeClaim spec.resources.requests.storage increase without a StorageClass — PersistentVolumeClaimResize admission', before: claim(), after: set(claim(), 'spec.resources.requests.storage', '20Gi'), verdict: 'will-fail', field: 'spec.resources.requests.storage', cites: /PersistentVolumeClaimResize/ },
  { rule: 'PersistentVolume spec.nfs.path (the volume source) — ValidatePersistentVolumeUpdate', before: volume(), after: set(volume(), 'spec.nfs.path', '/nfsdata/other'), verdict: 'will-fail', field: 'spec.nfs.path', cites: /ValidatePersistentVolumeUpdate/ },
  { rule: 'PersistentVolume spec.nfs.server (the volume source) — ValidatePersistentVolumeUpdate', before: volume(), after: set(volume(), 'spec.nfs.server', '192.168.1.20'), verdict: 'will-fail', field: 'spec.nfs.server', cites: /ValidatePersistentVolumeUpdate/ },
  { rule: 'PersistentVolume source type (nfs → hostPath) — ValidatePersistentVolumeUpdate', before: volume(), after: set(set(volume(), 'spec.nfs', undefined), 'spec.hostPath', { path: '/data' }), verdict: 'will-fail', cites: /ValidatePersistentVolumeUpdate/ },
  { rule: 'PersistentVolume spec.volumeMode — ValidatePersistentVolumeUpdate', before: volume(), after: set(volume(), 'spec.volumeMode', 'Block'), verdict: 'will-fail', field: 'spec.volumeMode', cites: /ValidatePersistentVolumeUpdate/ },
  { rule: 'ConfigMap data with immutable: true — ValidateConfigMapUpdate', before: set(configMap(), 'immutable', true), after: set(set(configMap(), 'immutable', true), 'data.LOG_LEVEL', 'debug'), verdict: 'will-fail', field: 'data', cites: /ValidateConfigMapUpdate/ },
  { rule: 'ConfigMap immutable: true taken back — ValidateConfigMapUpdate', before: set(configMap(), 'immutable', true), after: configMap(), verdict: 'will-fail', field: 'immutable', cites: /ValidateConfigMapUpdate/ },
  { rule: 'Secret data with immutable: true — ValidateSecretUpdate', before: set(secret(), 'immutable', true), after: set(set(secret(), 'immutable', true), 'data.password', 'b3RoZXI='), verdict: 'will-fail', field: 'data', cites: /ValidateSecretUpdate/ },
  { rule: 'Secret type — ValidateSecretUpdate', before: secret(), after: set(secret(), 'type', 'kubernetes.io/basic-auth'), verdict: 'will-fail', field: 'type', cites: /ValidateSecretUpdate/ },
  { rule: 'RoleBinding roleRef — ValidateRoleBindingUpdate (pkg/apis/rbac/validation)', before: roleBinding('RoleBinding'), after: set(roleBinding('RoleBinding'), 'roleRef.name', 'writer'), verdict: 'will-fail', field: 'roleRef', cites: /ValidateRoleBindingUpdate/ },
  { rule: 'ClusterRoleBinding roleRef — ValidateRoleBindingUpdate (pkg/apis/rbac/validation)', before: roleBinding('ClusterRoleBinding'), after: set(roleBinding('ClusterRoleBinding'), 'roleRef.name', 'admin'), verdict: 'will-fail', field: 'roleRef', cites: /ValidateRoleBindingUpdate/ },
  { rule: 'StorageClass parameters — ValidateStorageClassUpdate', before: storageClass(), after: set(storageClass(), 'parameters.share', '/exports'), verdict: 'will-fail', field: 'parameters', cites: /ValidateStorageClassUpdate/ },
  { rule: 'StorageClass provisioner — ValidateStorageClassUpdate', before: storageClass(), after: set(storageClass(), 'provisioner', 'example.com/nfs'), verdict: 'will-fail', field: 'provisioner', cites: /ValidateStorageClassUpdate/ },
  { rule: 'StorageClass reclaimPolicy — ValidateStorageClassUpdate', before: storageClass(), after: set(storageClass(), 'reclaimPolicy', 'Delete'), verdict: 'will-fail', field: 'reclaimPolicy', cites: /ValidateStorageClassUpdate/ },
  { rule: 'StorageClass volumeBindingMode — ValidateStorageClassUpdate', before: storageClass(), after: set(storageClass(), 'volumeBindingMode', 'WaitForFirstConsumer'), verdict: 'will-fail', field: 'volumeBindingMode', cites: /ValidateStorageClassUpdate/ },
];

const accepted: Row[] = [
  { rule: 'Deployment spec.template (a rolling update)', before: deployment(), after: set(deployment(), 'spec.template.spec.containers[0].image', 'nginx:1.27.4'), verdict: 'restart' },
  { rule: 'Deployment spec.replicas', before: deployment(), after: set(deployment(), 'spec.replicas', 3), verdict: 'changed' },
  { rule: 'StatefulSet spec.replicas, updateStrategy, minReadySeconds, persistentVolumeClaimRetentionPolicy', before: statefulSet(), after: set(set(set(set(statefulSet(), 'spec.replicas', 5), 'spec.updateStrategy', { type: 'OnDelete' }), 'spec.minReadySeconds', 10), 'spec.persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Delete' }), verdict: 'changed' },
  { rule: 'StatefulSet spec.podManagementPolicy and revisionHistoryLimit written out as their defaults', before: statefulSet(), after: set(set(statefulSet(), 'spec.podManagementPolicy', 'OrderedReady'), 'spec.revisionHistoryLimit', 10), verdict: 'changed' },
  { rule: 'StatefulSet claim template written out with apiVersion, kind and the default volumeMode', before: statefulSet(), after: set(set(set(statefulSet(), 'spec.volumeClaimTemplates[0].apiVersion', 'v1'), 'spec.volumeClaimTemplates[0].kind', 'PersistentVolumeClaim'), 'spec.volumeClaimTemplates[0].spec.volumeMode', 'Filesystem'), verdict: 'changed' },
  { rule: 'Job spec.parallelism, activeDeadlineSeconds, backoffLimit, ttlSecondsAfterFinished', before: job(), after: set(set(set(set(job(), 'spec.parallelism', 2), 'spec.activeDeadlineSeconds', 600), 'spec.backoffLimit', 4), 'spec.ttlSecondsAfterFinished', 3600), verdict: 'changed' },
  { rule: 'Job spec.completions of an Indexed Job, together with parallelism (ElasticIndexedJob)', before: set(set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 2), 'spec.parallelism', 2), after: set(set(set(job(), 'spec.completionMode', 'Indexed'), 'spec.completions', 4), 'spec.parallelism', 4), verdict: 'changed' },
  { rule: 'Job scheduling directives of a suspended Job (AllowMutableSchedulingDirectives)', before: set(job(), 'spec.suspend', true), after: set(set(set(job(), 'spec.suspend', true), 'spec.template.spec.nodeSelector', { disk: 'ssd' }), 'spec.template.metadata', { labels: { queue: 'a' } }), verdict: 'changed' },
  { rule: 'Service spec.clusterIP left out after it was given (the API keeps the address)', before: set(service(), 'spec.clusterIP', '10.96.0.20'), after: service(), verdict: 'changed' },
  { rule: 'Service type ClusterIP → ExternalName', before: service(), after: set(set(service(), 'spec.type', 'ExternalName'), 'spec.externalName', 'web.example.com'), verdict: 'changed' },
  { rule: 'Service ports and selector', before: service(), after: set(set(service(), 'spec.ports[0].port', 8080), 'spec.selector', { app: 'frontend' }), verdict: 'changed' },
  { rule: 'PersistentVolumeClaim storage increase with a StorageClass (if it allows expansion)', before: claim('data', undefined, 'nfs'), after: set(claim('data', undefined, 'nfs'), 'spec.resources.requests.storage', '20Gi'), verdict: 'changed' },
  { rule: 'PersistentVolumeClaim spec.volumeName set where it was left out (binding)', before: set(claim(), 'spec.volumeName', undefined), after: claim(), verdict: 'changed' },
  { rule: 'PersistentVolumeClaim labels and annotations', before: claim(), after: set(claim(), 'metadata.labels', { tier: 'gold' }), verdict: 'changed' },
  { rule: 'PersistentVolume capacity, reclaimPolicy, mountOptions, accessModes', before: volume(), after: set(set(set(volume(), 'spec.capacity.storage', '20Gi'), 'spec.persistentVolumeReclaimPolicy', 'Delete'), 'spec.mountOptions', ['nfsvers=4.2']), verdict: 'changed' },
  { rule: 'ConfigMap data without immutable', before: configMap(), after: set(configMap(), 'data.LOG_LEVEL', 'debug'), verdict: 'changed' },
  { rule: 'Secret data without immutable', before: secret(), after: set(secret(), 'data.password', 'b3RoZXI='), verdict: 'changed' },
  { rule: 'RoleBinding subjects', before: roleBinding('RoleBinding'), after: set(roleBinding('RoleBinding'), 'subjects[0].name', 'api'), verdict: 'changed' },
  { rule: 'StorageClass allowVolumeExpansion', before: storageClass(), after: set(storageClass(), 'allowVolumeExpansion', true), verdict: 'changed' },
];

describe('immutable fields: the API refuses the update, so helm upgrade fails', () => {
  it.each(refused.map((r) => [r.rule, r] as const))('%s', (_name, row) => {
    const d = only(diff([row.before], [row.after]));
    expect(d.verdict).toBe('will-fail');
    const failing = d.findings.filter((f) => f.verdict === 'will-fail');
    expect(failing.length).toBeGreaterThan(0);
    if (row.field !== undefined) expect(failing.map((f) => f.field)).toContain(row.field);
    for (const f of failing) {
      expect(f.rule).toMatch(row.cites as RegExp);
      expect(f.remedy).toMatch(/\w{4,}/);
    }
  });

  it('every rule of the table has a row', () => {
    const covered = new Set(refused.map((r) => `${String((r.before.apiVersion as string).includes('/') ? (r.before.apiVersion as string).split('/')[0] : '')}/${String(r.before.kind)}`));
    expect(IMMUTABILITY_RULES.map((r) => r.kind).filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe('changes the API accepts are not reported as failing', () => {
  it.each(accepted.map((r) => [r.rule, r] as const))('%s', (_name, row) => {
    const d = only(diff([row.before], [row.after]));
    expect(d.verdict).toBe(row.verdict);
    expect(d.findings.filter((f) => f.verdict === 'will-fail')).toEqual([]);
  });
});
