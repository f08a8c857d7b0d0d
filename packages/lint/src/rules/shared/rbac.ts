// Rules of Roles and ClusterRoles, and the role a binding refers to.
import { list, rec, records, str } from '../../k8s/values.js';
import type { Release, ReleaseObject } from '../../release.js';
import type { Json } from '../../types.js';

export interface PolicyRule {
  rule: Json;
  at: string;
  verbs: string[];
  resources: string[];
}

export function policyRules(role: ReleaseObject): PolicyRule[] {
  return records(role.value.rules).map(([r, i]) => ({ rule: r, at: `/rules/${i}`, verbs: list(r.verbs).map(String), resources: list(r.resources).map(String) }));
}

/** The Role or ClusterRole a binding's roleRef names, when the release has it. */
export function boundRole(release: Release, binding: ReleaseObject): ReleaseObject | undefined {
  const ref = rec(binding.value.roleRef);
  const kind = str(ref?.kind);
  const name = str(ref?.name) ?? '';
  if (kind === 'ClusterRole') return release.find('ClusterRole', '', name);
  if (kind === 'Role') return release.find('Role', binding.namespace, name);
  return undefined;
}
