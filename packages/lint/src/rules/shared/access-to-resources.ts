// kube-linter's access-to-resources template: bindings whose role grants some verbs on some resources.
import type { Release } from '../../release.js';
import type { Report } from '../../types.js';
import { boundRole, policyRules } from './rbac.js';

export function flagAccess(release: Release, report: Report, resources: RegExp[], verbs: RegExp[], what: string): void {
  const grants = (x: string, res: RegExp[]) => x === '*' || res.some((re) => re.test(x));
  for (const b of release.ofKind('RoleBinding', 'ClusterRoleBinding')) {
    const role = boundRole(release, b);
    if (role === undefined) continue;
    const access: string[] = [];
    for (const r of policyRules(role)) {
      const rs = r.resources.filter((x) => grants(x, resources));
      const vs = r.verbs.filter((x) => grants(x, verbs));
      if (rs.length > 0 && vs.length > 0) access.push(`[${vs.join(' ')}] access to [${rs.join(' ')}]`);
    }
    if (access.length > 0) report(b, '/roleRef', `binding to ${role.kind} "${role.name}" that has ${access.join(', ')} (${what})`);
  }
}
