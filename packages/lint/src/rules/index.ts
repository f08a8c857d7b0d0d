// The table of rules: adding a rule is adding its file and one line here. Ordered by category, then ID.
import { accessToCreatePods } from './access-to-create-pods.js';
import { accessToSecrets } from './access-to-secrets.js';
import { apiConfigData } from './api-config-data.js';
import { apiDuplicateNames } from './api-duplicate-names.js';
import { apiEnvVars } from './api-env-vars.js';
import { apiIngress } from './api-ingress.js';
import { apiLabels } from './api-labels.js';
import { apiObjectName } from './api-object-name.js';
import { apiPortName } from './api-port-name.js';
import { apiPortRange } from './api-port-range.js';
import { apiProbes } from './api-probes.js';
import { apiRbac } from './api-rbac.js';
import { apiRequestsLimits } from './api-requests-limits.js';
import { apiScaling } from './api-scaling.js';
import { apiSelector } from './api-selector.js';
import { apiService } from './api-service.js';
import { apiStorage } from './api-storage.js';
import { apiVolumeMounts } from './api-volume-mounts.js';
import { apiWorkloadSpec } from './api-workload-spec.js';
import { automountServiceAccountToken } from './automount-service-account-token.js';
import { clusterAdminBinding } from './cluster-admin-binding.js';
import { cniAnnotations } from './cni-annotations.js';
import { cpuLimits } from './cpu-limits.js';
import { cpuRequests } from './cpu-requests.js';
import { cronjobConcurrencyPolicy } from './cronjob-concurrency-policy.js';
import { cronjobStartingDeadline } from './cronjob-starting-deadline.js';
import { danglingHpa } from './dangling-hpa.js';
import { danglingIngress } from './dangling-ingress.js';
import { danglingNetworkPolicy } from './dangling-networkpolicy.js';
import { danglingNetworkPolicyPeer } from './dangling-networkpolicy-peer.js';
import { danglingPdb } from './dangling-pdb.js';
import { danglingService } from './dangling-service.js';
import { defaultServiceAccount } from './default-service-account.js';
import { deprecatedApi } from './deprecated-api.js';
import { deprecatedServiceAccountField } from './deprecated-service-account-field.js';
import { dockerSocket } from './docker-socket.js';
import { dropCapabilities } from './drop-capabilities.js';
import { duplicateEnvVar } from './duplicate-env-var.js';
import { duplicateObject } from './duplicate-object.js';
import { envValueFrom } from './env-value-from.js';
import { envVarCredential } from './env-var-credential.js';
import { envVarSecret } from './env-var-secret.js';
import { fixedClusterIp } from './fixed-cluster-ip.js';
import { hardcodedPodIp } from './hardcoded-pod-ip.js';
import { hostIpc } from './host-ipc.js';
import { hostNetwork } from './host-network.js';
import { hostPid } from './host-pid.js';
import { identicalProbes } from './identical-probes.js';
import { jobBackoffLimit } from './job-backoff-limit.js';
import { jobTtl } from './job-ttl.js';
import { latestTag } from './latest-tag.js';
import { livenessProbe } from './liveness-probe.js';
import { memoryLimits } from './memory-limits.js';
import { memoryRequests } from './memory-requests.js';
import { missingConfigMap } from './missing-configmap.js';
import { missingImagePullSecret } from './missing-image-pull-secret.js';
import { missingPvc } from './missing-pvc.js';
import { missingSecret } from './missing-secret.js';
import { nodePortRange } from './nodeport-range.js';
import { nonExistentServiceAccount } from './non-existent-service-account.js';
import { pdbMaxUnavailable } from './pdb-max-unavailable.js';
import { pdbMinAvailable } from './pdb-min-available.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { privilegedContainer } from './privileged-container.js';
import { privilegedPorts } from './privileged-ports.js';
import { probePort } from './probe-port.js';
import { pvcPvBinding } from './pvc-pv-binding.js';
import { rbacWildcard } from './rbac-wildcard.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { readinessProbe } from './readiness-probe.js';
import { rollingUpdateDropsAll } from './rolling-update-drops-all.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { sensitiveHostMounts } from './sensitive-host-mounts.js';
import { serviceTargetPort } from './service-target-port.js';
import { singleReplicaPdb } from './single-replica-pdb.js';
import { unsafeProcMount } from './unsafe-proc-mount.js';
import { unsafeSysctls } from './unsafe-sysctls.js';
import { writableHostMount } from './writable-host-mount.js';
import type { Rule } from '../types.js';

export const RULES: readonly Rule[] = [
  apiConfigData,
  apiDuplicateNames,
  apiEnvVars,
  apiIngress,
  apiLabels,
  apiObjectName,
  apiPortName,
  apiPortRange,
  apiProbes,
  apiRbac,
  apiRequestsLimits,
  apiScaling,
  apiSelector,
  apiService,
  apiStorage,
  apiVolumeMounts,
  apiWorkloadSpec,
  accessToCreatePods,
  accessToSecrets,
  automountServiceAccountToken,
  clusterAdminBinding,
  defaultServiceAccount,
  dockerSocket,
  dropCapabilities,
  envVarCredential,
  envVarSecret,
  hostIpc,
  hostNetwork,
  hostPid,
  privilegeEscalation,
  privilegedContainer,
  privilegedPorts,
  rbacWildcard,
  readOnlyRootFilesystem,
  runAsNonRoot,
  sensitiveHostMounts,
  unsafeProcMount,
  unsafeSysctls,
  writableHostMount,
  cpuLimits,
  cpuRequests,
  cronjobConcurrencyPolicy,
  cronjobStartingDeadline,
  deprecatedServiceAccountField,
  duplicateEnvVar,
  identicalProbes,
  jobBackoffLimit,
  jobTtl,
  latestTag,
  livenessProbe,
  memoryLimits,
  memoryRequests,
  pdbMaxUnavailable,
  pdbMinAvailable,
  probePort,
  readinessProbe,
  rollingUpdateDropsAll,
  singleReplicaPdb,
  danglingHpa,
  danglingIngress,
  danglingNetworkPolicy,
  danglingNetworkPolicyPeer,
  danglingPdb,
  danglingService,
  duplicateObject,
  envValueFrom,
  missingConfigMap,
  missingImagePullSecret,
  missingPvc,
  missingSecret,
  nonExistentServiceAccount,
  pvcPvBinding,
  serviceTargetPort,
  deprecatedApi,
  cniAnnotations,
  fixedClusterIp,
  hardcodedPodIp,
  nodePortRange,
];

/** A rule by its ID or by a kube-linter check name it answers to. */
export function ruleNamed(name: string): Rule | undefined {
  return RULES.find((r) => r.id === name) ?? RULES.find((r) => r.kubeLinter?.includes(name));
}
