// What this chart renders, for the picture of the platform (see core/topology.ts): the registry, its Service, the
// garbage-collect CronJob on the same storage, and the pull Secret with the host it logs in to.
import { fullnameOf, pullSecretsOf, type PartTopology, type TopologyContext } from '@helmforge/core';
import type { RegistryValues } from './schema.js';

export function topology(values: RegistryValues, ctx: TopologyContext): PartTopology {
  const name = fullnameOf(ctx, values);
  const p = values.persistence;
  // the claimName helper (a StatefulSet's own claim comes from its volumeClaimTemplate: data-<name>-0)
  const claim = values.storage.type !== 'filesystem' ? undefined : p.existingClaim || (!p.enabled ? undefined : values.kind === 'StatefulSet' ? `data-${name}-0` : name);
  const claims = claim === undefined ? [] : [claim];
  const pullSecrets = pullSecretsOf(values);
  const nodePort = values.service.type === 'NodePort' && typeof values.service.nodePort === 'number' ? values.service.nodePort : undefined;
  // the pullSecretServer helper
  const host = values.ingress.enabled ? values.ingress.hosts[0]?.host : undefined;
  const server = values.pullSecret.server || host || (nodePort !== undefined ? `127.0.0.1:${nodePort}` : `${name}.<namespace>.svc.cluster.local:${values.service.port}`);
  return {
    workloads: [
      // (a StatefulSet mounts its own claim through the volumeClaimTemplate, not a volume)
      { kind: values.kind, name, claims: values.kind === 'StatefulSet' && !p.existingClaim ? [] : claims, pullSecrets, scrapeAnnotated: values.metrics.enabled && values.metrics.scrapeAnnotations },
      ...(values.garbageCollect.enabled ? [{ kind: 'CronJob' as const, name: `${name}-gc`, claims, pullSecrets, scrapeAnnotated: false }] : []),
    ],
    services: [{ name, selects: name, ...(nodePort !== undefined ? { nodePort } : {}) }],
    ...(values.pullSecret.enabled ? { pullSecret: { name: values.pullSecret.name, server } } : {}),
  };
}
