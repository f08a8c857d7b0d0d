// API versions that Kubernetes deprecated or stopped serving, authored from the Kubernetes Deprecated API Migration
// Guide (kubernetes.io/docs/reference/using-api/deprecation-guide/) and the release notes of the alpha APIs.
// Versions are minor releases ("1.25": no longer served as of v1.25). A test compares this table with Pluto's.

export interface Deprecation {
  apiVersion: string;
  kinds: string[];
  /** First minor release that warns about the version (undefined when the guide gives none). */
  deprecatedIn?: string;
  /** First minor release that no longer serves it (undefined: deprecated, not yet removed). */
  removedIn?: string;
  /** The API version to migrate to (undefined: none, e.g. PodSecurityPolicy). */
  replacement?: string;
  /** What else changes on migration, in a few words. */
  note?: string;
}

const withLists = (...kinds: string[]) => kinds.flatMap((k) => [k, `${k}List`]);

export const DEPRECATIONS: Deprecation[] = [
  // v1.16
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', note: 'spec.selector is required and immutable' },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', note: 'spec.selector is required and immutable' },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: 'policy/v1beta1' },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.17', replacement: 'scheduling.k8s.io/v1' },
  // v1.22
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends become service.name and service.port.number/name; pathType is required' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends become service.name and service.port.number/name; pathType is required' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'a structural schema per version is required' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', note: 'sideEffects and admissionReviewVersions are required' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: withLists('ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'), deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: withLists('ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'), deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], deprecatedIn: '1.6', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttachment'], deprecatedIn: '1.13', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.10', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.6', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], deprecatedIn: '1.6', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', note: 'spec.signerName is required' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  // v1.24 (audit configuration files, not API objects, but charts ship them)
  { apiVersion: 'audit.k8s.io/v1alpha1', kinds: withLists('Policy', 'Event'), deprecatedIn: '1.21', removedIn: '1.24', replacement: 'audit.k8s.io/v1' },
  { apiVersion: 'audit.k8s.io/v1beta1', kinds: withLists('Policy', 'Event'), deprecatedIn: '1.21', removedIn: '1.24', replacement: 'audit.k8s.io/v1' },
  // v1.25
  { apiVersion: 'batch/v1beta1', kinds: withLists('CronJob'), deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', note: 'topology becomes per-endpoint nodeName and zone' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', kinds: withLists('HorizontalPodAutoscaler'), deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', note: 'metric targets take the target: {type, averageUtilization} form' },
  { apiVersion: 'policy/v1beta1', kinds: withLists('PodDisruptionBudget'), deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', note: 'an empty selector selects every pod of the namespace' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', note: 'use Pod Security Admission (pod-security.kubernetes.io labels on namespaces)' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  // v1.26
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  { apiVersion: 'autoscaling/v2beta2', kinds: withLists('HorizontalPodAutoscaler'), deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2' },
  // v1.27
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  // v1.29
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1beta3' },
  // v1.32
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  // alpha and beta APIs removed since (release notes)
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], deprecatedIn: '1.28', removedIn: '1.33', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1alpha3', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.32', removedIn: '1.34', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta1', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], deprecatedIn: '1.33', removedIn: '1.36', replacement: 'resource.k8s.io/v1beta2' },
  { apiVersion: 'storage.k8s.io/v1alpha1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.31', removedIn: '1.35', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttributesClass'], deprecatedIn: '1.34', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storagemigration.k8s.io/v1alpha1', kinds: ['StorageVersionMigration'], deprecatedIn: '1.35', removedIn: '1.35', replacement: 'storagemigration.k8s.io/v1beta1' },
];

/** The entries of each apiVersion (every object of a release is looked up). */
const BY_API_VERSION = new Map<string, Deprecation[]>();
for (const d of DEPRECATIONS) BY_API_VERSION.set(d.apiVersion, [...(BY_API_VERSION.get(d.apiVersion) ?? []), d]);

/** The entry for an object's apiVersion and kind, if it is deprecated or removed at all. */
export function deprecationOf(apiVersion: string, kind: string): Deprecation | undefined {
  return BY_API_VERSION.get(apiVersion)?.find((d) => d.kinds.includes(kind));
}

/** `1.25` ≤ `1.33.0`? Compares major.minor; `master` is newer than anything. */
export function reachedIn(minor: string, kubernetesVersion: string): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion);
  if (m === null) return true;
  const [a, b] = minor.split('.').map(Number) as [number, number];
  return Number(m[1]) > a || (Number(m[1]) === a && Number(m[2]) >= b);
}
