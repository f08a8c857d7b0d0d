import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';
import { hostMounts } from './shared/host-mounts.js';

/** kube-linter's list: the root and the system directories under it. */
const SENSITIVE = [/^\/$/, /^\/boot$/, /^\/dev$/, /^\/etc$/, /^\/lib$/, /^\/proc$/, /^\/sys$/, /^\/usr$/];

export const sensitiveHostMounts: Rule = {
  id: 'sensitive-host-mounts',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'Mounting the node\'s `/`, `/boot`, `/dev`, `/etc`, `/lib`, `/proc`, `/sys` or `/usr` into a container exposes the host\'s configuration, devices and kernel interfaces. Flags each container that mounts a hostPath volume on one of these paths.',
  remediation: 'Do not mount host system directories; if a node agent must read them, mount them read-only and suppress this rule on that object with the reason.',
  kubeLinter: ['sensitive-host-mounts'],
  polaris: ['hostPathSet'],
  check(release, report) {
    eachContainer(release, (o, c, pod) => {
      for (const m of hostMounts(pod, c)) {
        if (SENSITIVE.some((re) => re.test(m.path))) report(o, m.mountAt, `host system directory "${m.path}" is mounted on container "${c.name}"`, { evidence: m.path });
      }
    });
  },
};
