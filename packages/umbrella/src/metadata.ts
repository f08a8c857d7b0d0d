// Chart metadata the stack file passes through to the umbrella's Chart.yaml: links, keywords, kubeVersion, maintainers
// and annotations, with Artifact Hub's `artifacthub.io/*` annotations written as structured YAML in the stack file and
// serialized into the strings Chart.yaml requires (chart-testing's schema: annotations are map(str, str)).
import { pattern, T, type Static } from '@helmforge/core';
import { stringify } from 'yaml';

const Url = (description: string) => T.String({ description, ...pattern('^https?://[^\\s]+$', 'must be an http:// or https:// URL without spaces') });

const Link = T.Object({ name: T.String({ description: 'Link text.', minLength: 1 }), url: Url('Link target (http or https).') }, { description: 'A link.', additionalProperties: false });

const Change = T.Object(
  {
    kind: T.Union(['added', 'changed', 'deprecated', 'removed', 'fixed', 'security'].map((k) => T.Literal(k)), { description: 'Kind of change, as Artifact Hub shows it.' }),
    description: T.String({ description: 'What changed.', minLength: 1 }),
    links: T.Optional(T.Array(Link, { description: 'Links about the change (issue, pull request).' })),
  },
  { description: 'A change in this version.', additionalProperties: false },
);

/** The Artifact Hub annotations a stack file may set; `artifacthub.io/images` is generated from the release's images. */
const ArtifactHub = {
  'artifacthub.io/changes': T.Optional(T.Array(Change, { description: 'Changes in this version (Artifact Hub changelog).', minItems: 1 })),
  'artifacthub.io/links': T.Optional(T.Array(Link, { description: 'Extra links shown on Artifact Hub (documentation, support).', minItems: 1 })),
  'artifacthub.io/license': T.Optional(T.String({ description: 'SPDX identifier of the chart\'s license, e.g. Apache-2.0.', ...pattern('^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$', 'must be an SPDX license expression such as `Apache-2.0` or `MIT OR Apache-2.0`') })),
  'artifacthub.io/prerelease': T.Optional(T.Boolean({ description: 'Mark this version as a pre-release on Artifact Hub.' })),
  'artifacthub.io/signKey': T.Optional(
    T.Object(
      { fingerprint: T.String({ description: 'Fingerprint of the key that signs the chart (helmforge package --sign).', ...pattern('^[0-9A-Fa-f]{40}$', 'must be a key fingerprint: 40 hexadecimal digits') }), url: Url('Where the public key can be downloaded.') },
      { description: 'The key that signs the chart\'s provenance files.', additionalProperties: false },
    ),
  ),
};

/**
 * Other keys take a string. An `artifacthub.io/` key that is not one of the above (a typo, or the generated images) is
 * an unknown key, and so is any `helmforge.dev/` key. (The lookahead is fine here: only Ajv and editors read the stack
 * schema, never Helm's RE2.)
 */
export const Annotations = T.Object(ArtifactHub, {
  description: 'Chart.yaml annotations. Artifact Hub\'s are written as YAML here (helmforge turns them into the strings Chart.yaml holds); `artifacthub.io/images` is generated from the images the release renders. Other keys take a string; `helmforge.dev/*` keys are helmforge\'s own.',
  patternProperties: { '^(?!(artifacthub\\.io|helmforge\\.dev)/)': T.String({ description: 'Annotation value.' }) },
  additionalProperties: false,
});

export const Maintainer = T.Object(
  {
    name: T.String({ description: 'Maintainer name; with url https://github.com/<name> it is the GitHub account chart-testing validates.', minLength: 1 }),
    email: T.Optional(T.String({ description: 'E-mail address.', format: 'email' })),
    url: T.Optional(Url('Home page of the maintainer, e.g. https://github.com/<account>.')),
  },
  { description: 'A maintainer.', additionalProperties: false },
);

/** Chart.yaml fields passed through from the stack's metadata as written. */
export const ChartLinks = {
  home: T.Optional(Url('URL of the platform\'s home page or repository.')),
  icon: T.Optional(Url('URL of an SVG or PNG icon for chart portals (Artifact Hub).')),
  sources: T.Optional(T.Array(Url('Source URL.'), { description: 'URLs of the platform\'s source code.', minItems: 1 })),
  keywords: T.Optional(T.Array(T.String({ description: 'Keyword.', minLength: 1 }), { description: 'Search keywords for chart repositories.' })),
  kubeVersion: T.Optional(T.String({ description: 'Kubernetes versions the platform installs on, a SemVer range such as ">=1.29.0-0" (helm install refuses other clusters).', minLength: 1 })),
  maintainers: T.Optional(T.Array(Maintainer, { description: 'People responsible for the chart.' })),
  annotations: T.Optional(Annotations),
};

export type StackAnnotations = Static<typeof Annotations>;

/** An image the release renders, for `artifacthub.io/images`. */
export interface ArtifactHubImage {
  name: string;
  image: string;
}

/** Chart.yaml annotations: the stack's, Artifact Hub's serialized as YAML strings, the images, and helmforge's own. */
export function chartAnnotations(stack: StackAnnotations | undefined, images: ArtifactHubImage[], own: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(stack ?? {})) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : stringify(value, { lineWidth: 0 });
  }
  if (images.length) out['artifacthub.io/images'] = stringify(images, { lineWidth: 0 });
  return { ...out, ...own };
}

/**
 * chart-testing checks maintainers against GitHub accounts unless told not to; the stack names GitHub accounts when
 * every maintainer's url is https://github.com/<name>.
 */
export function namesGitHubAccounts(maintainers: Static<typeof Maintainer>[] | undefined): boolean {
  return !!maintainers?.length && maintainers.every((m) => m.url?.replace(/\/$/, '').toLowerCase() === `https://github.com/${m.name.toLowerCase()}`);
}
