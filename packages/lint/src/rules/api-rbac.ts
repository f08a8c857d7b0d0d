import { dns1123Subdomain, pathSegmentName } from '../k8s/names.js';
import { list, rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { invalid, required, unsupported } from './shared/api.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const apiRbac: Rule = {
  id: 'api-rbac',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  description:
    'RBAC objects the API server refuses: a rule without verbs; a resource rule without apiGroups or resources; nonResourceURLs in a Role, or together with resources; a roleRef whose apiGroup is not rbac.authorization.k8s.io, whose kind is not Role or ClusterRole (only ClusterRole for ClusterRoleBindings) or without a name; a subject of an unknown kind, a ServiceAccount subject with an apiGroup or (in a ClusterRoleBinding) without a namespace, a User or Group subject outside the RBAC API group.',
  remediation: 'Fix the field as the message says (ServiceAccount subjects: `kind: ServiceAccount`, `name`, `namespace`, no apiGroup).',
  check(release, report) {
    for (const role of release.ofKind('Role', 'ClusterRole')) {
      if (role.group !== RBAC_GROUP) continue;
      for (const [r, i] of records(role.value.rules)) {
        const at = `/rules/${i}`;
        if (list(r.verbs).length === 0) report(role, at, required(`rules[${i}].verbs`, 'verbs must contain at least one value'));
        if (list(r.nonResourceURLs).length > 0) {
          if (role.kind === 'Role') report(role, `${at}/nonResourceURLs`, invalid(`rules[${i}].nonResourceURLs`, list(r.nonResourceURLs), 'namespaced rules cannot apply to non-resource URLs'));
          if (list(r.apiGroups).length > 0 || list(r.resources).length > 0 || list(r.resourceNames).length > 0) report(role, `${at}/nonResourceURLs`, invalid(`rules[${i}].nonResourceURLs`, list(r.nonResourceURLs), 'rules cannot apply to both regular resources and non-resource URLs'));
          continue;
        }
        if (list(r.apiGroups).length === 0) report(role, at, required(`rules[${i}].apiGroups`, 'resource rules must supply at least one api group'));
        if (list(r.resources).length === 0) report(role, at, required(`rules[${i}].resources`, 'resource rules must supply at least one resource'));
      }
    }
    for (const b of release.ofKind('RoleBinding', 'ClusterRoleBinding')) {
      if (b.group !== RBAC_GROUP) continue;
      const ref = rec(b.value.roleRef) ?? {};
      if (ref.apiGroup !== RBAC_GROUP) report(b, '/roleRef/apiGroup', unsupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
      const kinds = b.kind === 'ClusterRoleBinding' ? ['ClusterRole'] : ['Role', 'ClusterRole'];
      if (!kinds.includes(String(ref.kind))) report(b, '/roleRef/kind', unsupported('roleRef.kind', ref.kind ?? '', kinds));
      const name = str(ref.name) ?? '';
      if (name === '') report(b, '/roleRef', required('roleRef.name'));
      else for (const e of pathSegmentName(name)) report(b, '/roleRef/name', invalid('roleRef.name', name, e));
      for (const [s, i] of records(b.value.subjects)) {
        const at = `/subjects/${i}`;
        const kind = str(s.kind);
        const sname = str(s.name) ?? '';
        if (kind === 'ServiceAccount') {
          if (s.apiGroup !== undefined && s.apiGroup !== '') report(b, `${at}/apiGroup`, unsupported(`subjects[${i}].apiGroup`, s.apiGroup, ['']));
          for (const e of sname === '' ? ['Required value'] : dns1123Subdomain(sname)) report(b, `${at}/name`, e === 'Required value' ? required(`subjects[${i}].name`) : invalid(`subjects[${i}].name`, sname, e));
          if (b.kind === 'ClusterRoleBinding' && (str(s.namespace) ?? '') === '') report(b, at, required(`subjects[${i}].namespace`));
        } else if (kind === 'User' || kind === 'Group') {
          if (s.apiGroup !== RBAC_GROUP) report(b, `${at}/apiGroup`, unsupported(`subjects[${i}].apiGroup`, s.apiGroup ?? '', [RBAC_GROUP]));
          if (sname === '') report(b, at, required(`subjects[${i}].name`));
        } else {
          report(b, `${at}/kind`, unsupported(`subjects[${i}].kind`, kind ?? '', ['ServiceAccount', 'User', 'Group']));
        }
      }
    }
  },
};
