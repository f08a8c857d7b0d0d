import { rec } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, forbidden, invalid, required } from './shared/api.js';
import { eachContainer } from './shared/each.js';
import { HANDLERS, PROBES } from './shared/probes.js';

export const apiProbes: Rule = {
  id: 'api-probes',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'Probes the API server refuses: one with no handler or with more than one of exec, httpGet, tcpSocket and grpc, and a liveness or startup probe whose successThreshold is not 1.',
  remediation: 'Give each probe exactly one handler; leave successThreshold at 1 on liveness and startup probes.',
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const which of PROBES) {
        const p = rec(c.c[which]);
        if (p === undefined) continue;
        const at = `${c.at}/${which}`;
        const handlers = HANDLERS.filter((h) => p[h] !== undefined && p[h] !== null);
        if (handlers.length === 0) report(o, at, required(fieldPath(at), 'must specify a handler type'));
        else if (handlers.length > 1) report(o, `${at}/${handlers[1]}`, forbidden(`${fieldPath(at)}.${handlers[1]}`, 'may not specify more than 1 handler type'));
        if (which !== 'readinessProbe' && typeof p.successThreshold === 'number' && p.successThreshold !== 1) {
          report(o, `${at}/successThreshold`, invalid(`${fieldPath(at)}.successThreshold`, p.successThreshold, 'must be 1'));
        }
      }
    });
  },
};
