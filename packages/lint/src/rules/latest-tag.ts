import { str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

/** kube-linter's block list: `:latest`, no tag at all, or a registry path whose last part has no tag. */
const BLOCKED = [/.*:(latest)$/, /^[^:]*$/, /(.*\/[^:]+)$/];

export const latestTag: Rule = {
  id: 'latest-tag',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'An image without a tag, or tagged `latest`, is whatever was pushed last: two nodes may run different code, a restart may upgrade silently, and a rollback restores nothing. Flags container images that end in `:latest`, have no tag, or whose last path part has no tag (digests `@sha256:…` pass).',
  remediation: 'Pin the image to a version tag (and preferably a digest).',
  kubeLinter: ['latest-tag'],
  polaris: ['tagNotSpecified'],
  kubeScore: ['container-image-tag'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      const image = str(c.c.image);
      if (image === undefined || image === '') return;
      if (BLOCKED.some((re) => re.test(image))) {
        const tag = image.endsWith(':latest') ? 'latest' : image;
        report(o, `${c.at}/image`, image.endsWith(':latest') ? `container "${c.name}" uses the latest tag (${image})` : `container "${c.name}" uses an untagged image (${image})`, { evidence: tag });
      }
    });
  },
};
