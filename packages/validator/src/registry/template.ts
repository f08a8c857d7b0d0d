// kubeconform schema-location templates: `{{ .NormalizedKubernetesVersion }}`, `{{ .StrictSuffix }}`,
// `{{ .ResourceKind }}`, `{{ .KindSuffix }}`, `{{ .Group }}`, `{{ .ResourceAPIVersion }}`, in local paths or URLs.

export const DEFAULT_SCHEMA_LOCATION =
  'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

const VARIABLES = ['NormalizedKubernetesVersion', 'StrictSuffix', 'ResourceKind', 'KindSuffix', 'Group', 'ResourceAPIVersion'] as const;
export type TemplateVariable = (typeof VARIABLES)[number];

const ACTION = /\{\{-?\s*\.([A-Za-z]+)\s*-?\}\}/g;

/** Expands `default` and a location without a file name the way kubeconform does. */
export function expandSchemaLocation(location: string): string {
  if (location === 'default') return DEFAULT_SCHEMA_LOCATION;
  if (!location.endsWith('json')) {
    return `${location.replace(/\/+$/, '')}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
  }
  return location;
}

/** Throws when the template uses something other than the supported variables. */
export function checkTemplate(template: string): void {
  for (const m of template.matchAll(ACTION)) {
    if (!(VARIABLES as readonly string[]).includes(m[1] as string)) {
      throw new Error(`schema location ${template}: unknown variable {{ .${m[1]} }} (known: ${VARIABLES.join(', ')})`);
    }
  }
  const rest = template.replace(ACTION, '');
  if (rest.includes('{{')) throw new Error(`schema location ${template}: only {{ .Variable }} actions are supported`);
}

export interface TemplateInput {
  kind: string;
  apiVersion: string;
  /** e.g. `1.33.0`, or `master`. */
  kubernetesVersion: string;
  strict: boolean;
}

export function templateVariables(input: TemplateInput): Record<TemplateVariable, string> {
  const groupParts = input.apiVersion.split('/');
  const versionParts = (groupParts[0] ?? '').split('.');
  let kindSuffix = `-${(versionParts[0] ?? '').toLowerCase()}`;
  if (groupParts.length > 1) kindSuffix += `-${(groupParts[1] ?? '').toLowerCase()}`;
  return {
    NormalizedKubernetesVersion: normaliseKubernetesVersion(input.kubernetesVersion),
    StrictSuffix: input.strict ? '-strict' : '',
    ResourceKind: input.kind.toLowerCase(),
    KindSuffix: kindSuffix,
    Group: groupParts[0] ?? '',
    ResourceAPIVersion: groupParts[groupParts.length - 1] ?? '',
  };
}

export function normaliseKubernetesVersion(v: string): string {
  if (v === 'master') return v;
  return v.startsWith('v') ? v : `v${v}`;
}

export function renderTemplate(template: string, input: TemplateInput): string {
  const vars = templateVariables(input);
  return template.replace(ACTION, (_m, name: string) => vars[name as TemplateVariable] ?? '');
}
