// Secure, shared defaults that every chart starts from (DESIGN.md: secure defaults everywhere).
export const globalDefaults = { imageRegistry: '', imagePullSecrets: [] as string[], storageClass: '', commonLabels: {} as Record<string, string> };

export const securePodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 65534,
  runAsGroup: 65534,
  fsGroup: 65534,
  fsGroupChangePolicy: 'OnRootMismatch' as const,
  seccompProfile: { type: 'RuntimeDefault' as const },
};

export const secureContainerSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  privileged: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' as const },
};

export const defaultServiceAccount = { create: true, name: '', annotations: {}, automountServiceAccountToken: false };

export const defaultPlacement = { nodeSelector: {}, tolerations: [], affinity: {}, topologySpreadConstraints: [], priorityClassName: '' };

export const defaultEscapeHatches = { extraEnv: [], extraVolumes: [], extraVolumeMounts: [] };

export const defaultNameOverrides = { nameOverride: '', fullnameOverride: '' };

/** busybox has wget; pinned so `helm test` is reproducible. */
export const testImageDefault = { registry: 'docker.io', repository: 'library/busybox', tag: '1.36.1', pullPolicy: 'IfNotPresent' as const };

export const disabledIngress = { enabled: false, className: '', annotations: {}, hosts: [], tls: [] };
