import { rec, stringMap } from '../k8s/values.js';
import { isEmptySelector, labelSelector, mapSelector, matches } from '../k8s/selector.js';
import { workloadSelector } from '../k8s/workload.js';
import type { Rule } from '../types.js';
import { fieldPath, goMapLiteral, invalid } from './shared/api.js';

export const apiSelector: Rule = {
  id: 'api-selector',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'DeploymentConfig'],
  description:
    'A workload whose selector does not match its own pod template\'s labels is refused by the API server (`selector` does not match template `labels`), and so is a Deployment, ReplicaSet, StatefulSet or DaemonSet with an empty or missing selector. Jobs and CronJobs without a selector get one generated and pass (the same objects kube-linter flags).',
  remediation: 'Put every selector label on the pod template (the `selectorLabels` helper in both places), and never change a Deployment\'s selector after the first install (it is immutable).',
  kubeLinter: ['mismatching-selector'],
  check(release, report) {
    for (const o of release.ofKind('Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'DeploymentConfig')) {
      const ws = workloadSelector(o.kind, o.value);
      const pod = o.pod;
      if (ws === undefined || pod === undefined) continue;
      const s = ws.plainMap ? mapSelector(ws.selector) : labelSelector(ws.selector);
      if (s === undefined || isEmptySelector(s)) {
        if (o.kind === 'Job' || o.kind === 'CronJob') continue;
        report(o, ws.at, s === undefined ? `${fieldPath(ws.at)}: Required value` : invalid(fieldPath(ws.at), '{}', `empty selector is invalid for ${o.kind.toLowerCase()}`));
        continue;
      }
      if (!matches(s, pod.labels)) {
        report(o, `${pod.metaAt}/labels`, invalid(fieldPath(`${pod.metaAt}/labels`), goMapLiteral(stringMap(rec(pod.meta)?.labels)), '`selector` does not match template `labels`'));
      }
    }
  },
};
