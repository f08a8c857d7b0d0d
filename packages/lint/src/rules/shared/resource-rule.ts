// One rule per missing resource setting (kube-linter and Polaris split them the same way): the shared shape.
import { parseQuantity } from '../../k8s/quantity.js';
import { rec } from '../../k8s/values.js';
import type { Rule, Severity } from '../../types.js';
import { eachContainer } from './each.js';

export function resourceRule(o: {
  id: string;
  field: 'requests' | 'limits';
  resource: 'cpu' | 'memory';
  severity: Severity;
  why: string;
  kubeLinter?: string;
  polaris: string;
}): Rule {
  return {
    id: o.id,
    scope: 'object',
    category: 'reliability',
    severity: o.severity,
    kinds: ['DeploymentLike'],
    description: `${o.why} Flags containers (init containers too) without \`resources.${o.field}.${o.resource}\`, or with it 0.`,
    remediation: `Set \`resources.${o.field}.${o.resource}\` from the container's measured use.`,
    ...(o.kubeLinter !== undefined ? { kubeLinter: [o.kubeLinter] } : {}),
    polaris: [o.polaris],
    kubeScore: ['container-resources'],
    check(release, report) {
      eachContainer(release, (obj, c) => {
        if (c.kind === 'ephemeral') return; // ephemeral containers cannot have resources
        const q = rec(rec(c.c.resources)?.[o.field])?.[o.resource];
        if (q === undefined || q === null || parseQuantity(q) === 0) report(obj, `${c.at}/resources`, `container "${c.name}" has no ${o.resource} ${o.field === 'requests' ? 'request' : 'limit'}`);
      });
    },
  };
}

