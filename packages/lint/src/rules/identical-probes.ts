import { deepEqual } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachAppContainer } from './shared/each.js';
import { probe } from './shared/probes.js';

export const identicalProbes: Rule = {
  id: 'identical-probes',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'When the liveness probe is the readiness probe, a container that is only busy (not ready for a while) is also restarted, and restarts under load cascade across replicas. Flags containers whose livenessProbe and readinessProbe are identical.',
  remediation: 'Make the liveness probe check only that the process is alive (a cheap endpoint, a longer period or a higher failureThreshold) and the readiness probe that it can serve.',
  kubeScore: ['pod-probes', 'pod-probes-identical'],
  check(release, report) {
    eachAppContainer(release, (o, c) => {
      const live = probe(c, 'livenessProbe');
      const ready = probe(c, 'readinessProbe');
      if (live !== undefined && ready !== undefined && deepEqual(live, ready)) report(o, `${c.at}/livenessProbe`, `container "${c.name}" has identical liveness and readiness probes`);
    });
  },
};
