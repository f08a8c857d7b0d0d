import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';
import { hostMounts } from './shared/host-mounts.js';

export const dockerSocket: Rule = {
  id: 'docker-socket',
  scope: 'object',
  category: 'security',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'A container that mounts the node\'s Docker socket (a hostPath ending in `docker.sock`) can start privileged containers on the node: it has root on the host.',
  remediation: 'Remove the hostPath volume and its mount; build images with a daemonless builder (BuildKit rootless, Kaniko) instead.',
  kubeLinter: ['docker-sock'],
  check(release, report) {
    eachContainer(release, (o, c, pod) => {
      for (const m of hostMounts(pod, c)) if (/docker\.sock$/.test(m.path)) report(o, m.mountAt, `host path "${m.path}" (the Docker socket) is mounted on container "${c.name}"`, { evidence: m.path });
    });
  },
};
