import { num, rec } from '../k8s/values.js';
import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const runAsNonRoot: Rule = {
  id: 'run-as-non-root',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A container whose user may be root (UID 0) or whose group is root gives an attacker who gets in root inside the container, one kernel bug away from the node. Container settings override the pod\'s: a container is fine when its effective `runAsUser` is above 0, or when `runAsNonRoot: true` holds and `runAsUser` is not 0; it is flagged when neither holds or when its effective `runAsGroup` is 0.',
  remediation: 'Set `runAsNonRoot: true` and a non-zero `runAsUser` and `runAsGroup` in the pod or container securityContext (and use an image that runs as that user).',
  kubeLinter: ['run-as-non-root'],
  polaris: ['runAsRootAllowed'],
  kubeScore: ['container-security-context-user-group-id'],
  check(release, report) {
    eachContainer(release, (o, c, pod) => {
      const podSc = rec(pod.spec.securityContext);
      const sc = securityContext(c.c);
      const pick = (k: string) => (sc !== undefined && sc[k] !== undefined && sc[k] !== null ? { v: sc[k], at: `${c.at}/securityContext/${k}` } : podSc?.[k] !== undefined && podSc[k] !== null ? { v: podSc[k], at: `${pod.specAt}/securityContext/${k}` } : undefined);
      const group = pick('runAsGroup');
      if (group !== undefined && num(group.v) === 0) report(o, group.at, `container "${c.name}" is set to runAsGroup 0`);
      const user = pick('runAsUser');
      const uid = user === undefined ? undefined : num(user.v);
      if (uid !== undefined && uid > 0) return;
      const nonRoot = pick('runAsNonRoot');
      if (nonRoot?.v === true) {
        if (uid === 0) report(o, user?.at ?? c.at, `container "${c.name}" is set to runAsNonRoot, but runAsUser is 0`);
        return;
      }
      report(o, nonRoot?.at ?? `${c.at}/securityContext`, `container "${c.name}" is not set to runAsNonRoot`);
    });
  },
};
