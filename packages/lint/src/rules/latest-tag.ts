import { str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

// kube-linter's block list, written out (its third regular expression backtracks over every image name): an image
// ending in `:latest`, one without any colon, or one whose last path part after a slash has no tag.
function blocked(image: string): boolean {
  if (image.endsWith(':latest') || !image.includes(':')) return true;
  const slash = image.lastIndexOf('/');
  return slash !== -1 && slash < image.length - 1 && !image.includes(':', slash + 1);
}

export const latestTag: Rule = {
  id: 'latest-tag',
  scope: 'object',
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
      if (blocked(image)) {
        const tag = image.endsWith(':latest') ? 'latest' : image;
        report(o, `${c.at}/image`, image.endsWith(':latest') ? `container "${c.name}" uses the latest tag (${image})` : `container "${c.name}" uses an untagged image (${image})`, { evidence: tag });
      }
    });
  },
};
