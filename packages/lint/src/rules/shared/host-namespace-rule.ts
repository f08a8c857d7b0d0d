// One rule per host namespace a pod may share (kube-linter and Polaris split them the same way): the shared shape.
import type { Rule } from '../../types.js';
import { eachPod } from './each.js';

export function hostNamespaceRule(id: string, field: 'hostIPC' | 'hostNetwork' | 'hostPID', namespace: string): Rule {
  const message = `pod shares the host's ${namespace} namespace (${field}: true)`;
  return {
    id,
    scope: 'object',
    category: 'security',
    severity: 'warning',
    kinds: ['DeploymentLike'],
    description: `A pod that shares the host's ${namespace} namespace (\`${field}: true\`) sees and reaches what the node's own processes do, bypassing the isolation that pod-level policies assume.`,
    remediation: `Remove \`${field}\`; if the workload truly needs the node's ${namespace} namespace (a node agent), suppress this rule on that object with the reason.`,
    kubeLinter: [id],
    polaris: [`${field}Set`],
    check(release, report) {
      eachPod(release, (o, pod) => {
        if (pod.spec[field] === true) report(o, `${pod.specAt}/${field}`, message);
      });
    },
  };
}
