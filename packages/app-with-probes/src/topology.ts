// What this chart renders, for the picture of the platform (see core/topology.ts): one Deployment, its Service, and
// the claim it mounts.
import { fullnameOf, pullSecretsOf, type PartTopology, type TopologyContext } from '@helmforge/core';
import type { AppValues } from './schema.js';

export function topology(values: AppValues, ctx: TopologyContext): PartTopology {
  const name = fullnameOf(ctx, values);
  const claims = values.persistence.enabled && values.persistence.existingClaim ? [values.persistence.existingClaim] : [];
  return {
    workloads: [{ kind: 'Deployment', name, claims, pullSecrets: pullSecretsOf(values), scrapeAnnotated: values.podAnnotations['prometheus.io/scrape'] === 'true' }],
    services: values.service.enabled ? [{ name, selects: name }] : [],
  };
}
