import { securityContext } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const readOnlyRootFilesystem: Rule = {
  id: 'read-only-root-filesystem',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'A writable root filesystem lets an intruder replace the container\'s binaries and hides state that is lost on restart. Flags containers whose securityContext does not set `readOnlyRootFilesystem: true`.',
  remediation: 'Set `readOnlyRootFilesystem: true` and mount an `emptyDir` where the image writes (`/tmp`, caches).',
  kubeLinter: ['no-read-only-root-fs'],
  polaris: ['notReadOnlyRootFilesystem'],
  kubeScore: ['container-security-context-readonlyrootfilesystem'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      if (securityContext(c.c)?.readOnlyRootFilesystem !== true) report(o, `${c.at}/securityContext`, `container "${c.name}" does not have a read-only root file system`);
    });
  },
};
