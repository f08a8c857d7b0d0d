import { parseQuantity } from '../k8s/quantity.js';
import { isRecord, rec } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, invalid } from './shared/api.js';
import { eachContainer } from './shared/each.js';

export const apiRequestsLimits: Rule = {
  id: 'api-requests-limits',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description: 'A container whose request of a resource is above its limit of that resource, or whose request or limit is negative, is refused by the API server.',
  remediation: 'Make each request at most the limit (raise the limit or lower the request).',
  check(release, report) {
    eachContainer(release, (o, c) => {
      const res = rec(c.c.resources);
      if (res === undefined) return;
      for (const field of ['requests', 'limits'] as const) {
        const m = rec(res[field]);
        if (m === undefined) continue;
        for (const [k, v] of Object.entries(m)) {
          const q = parseQuantity(v);
          if (q !== undefined && q < 0) report(o, `${c.at}/resources/${field}/${k}`, invalid(`${fieldPath(`${c.at}/resources/${field}`)}[${k}]`, v, 'must be greater than or equal to 0'), { evidence: v as string });
        }
      }
      const requests = res.requests;
      const limits = res.limits;
      if (!isRecord(requests) || !isRecord(limits)) return;
      for (const [k, v] of Object.entries(requests)) {
        const r = parseQuantity(v);
        const l = parseQuantity(limits[k]);
        if (r !== undefined && l !== undefined && r > l) {
          report(o, `${c.at}/resources/requests/${k}`, invalid(`${fieldPath(`${c.at}/resources/requests`)}`, String(v), `must be less than or equal to ${k} limit of ${String(limits[k])}`), { evidence: v as string });
        }
      }
    });
  },
};
