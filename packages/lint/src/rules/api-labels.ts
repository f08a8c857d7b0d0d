import { labelValue, qualifiedName } from '../k8s/names.js';
import { isRecord, ptr, rec, records, str } from '../k8s/values.js';
import { workloadSelector } from '../k8s/workload.js';
import type { ReleaseObject } from '../release.js';
import type { Report, Rule } from '../types.js';
import { fieldPath, invalid, tooLong } from './shared/api.js';

function labels(report: Report, o: ReleaseObject, v: unknown, at: string): void {
  if (!isRecord(v)) return;
  for (const [k, val] of Object.entries(v)) {
    for (const e of qualifiedName(k)) report(o, ptr(at, k), invalid(fieldPath(at), k, e), { evidence: k });
    if (typeof val === 'string') for (const e of labelValue(val)) report(o, ptr(at, k), invalid(fieldPath(at), val, e), { evidence: val });
  }
}

function annotations(report: Report, o: ReleaseObject, v: unknown, at: string): void {
  if (!isRecord(v)) return;
  let size = 0;
  for (const [k, val] of Object.entries(v)) {
    for (const e of qualifiedName(k.toLowerCase())) report(o, ptr(at, k), invalid(fieldPath(at), k, e), { evidence: k });
    size += k.length + (typeof val === 'string' ? val.length : 0);
  }
  // the API server counts bytes; characters undercount only non-ASCII text, so count bytes only near the limit
  if (size > 64 * 1024 && Object.entries(v).reduce((n, [k, val]) => n + Buffer.byteLength(k) + (typeof val === 'string' ? Buffer.byteLength(val) : 0), 0) > 256 * 1024) {
    report(o, at, tooLong(fieldPath(at), 256 * 1024));
  }
}

function selector(report: Report, o: ReleaseObject, v: unknown, at: string, plainMap: boolean): void {
  if (!isRecord(v)) return;
  if (plainMap) return labels(report, o, v, at);
  labels(report, o, v.matchLabels, `${at}/matchLabels`);
  for (const [e, i] of records(v.matchExpressions)) {
    const key = str(e.key) ?? '';
    for (const err of qualifiedName(key)) report(o, `${at}/matchExpressions/${i}/key`, invalid(fieldPath(`${at}/matchExpressions/${i}/key`), key, err), { evidence: key });
  }
}

export const apiLabels: Rule = {
  id: 'api-labels',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['*'],
  description:
    'Label keys and values, annotation keys and selector keys that the API server refuses: a key is an optional DNS subdomain prefix and `/` and a name of at most 63 characters (letters, digits, `-`, `_`, `.`, starting and ending alphanumeric); a value is empty or such a name (a 70-character value is refused); annotations may total 256 KiB. Checks the object\'s metadata, pod template metadata, workload, Service, PodDisruptionBudget and NetworkPolicy selectors.',
  remediation: 'Shorten or rename the label (values often come from release names or versions: truncate with `trunc 63 | trimSuffix "-"`, replace `+` in versions).',
  kubeScore: ['label-values'],
  check(release, report) {
    for (const o of release.objects) {
      const meta = rec(o.value.metadata);
      labels(report, o, meta?.labels, '/metadata/labels');
      annotations(report, o, meta?.annotations, '/metadata/annotations');
      const pod = o.pod;
      if (pod !== undefined && pod.metaAt !== '/metadata') {
        labels(report, o, pod.meta.labels, `${pod.metaAt}/labels`);
        annotations(report, o, pod.meta.annotations, `${pod.metaAt}/annotations`);
      }
      const ws = workloadSelector(o.kind, o.value);
      if (ws !== undefined) selector(report, o, ws.selector, ws.at, ws.plainMap);
      const spec = rec(o.value.spec);
      if (o.kind === 'Service') labels(report, o, spec?.selector, '/spec/selector');
      if (o.kind === 'PodDisruptionBudget') selector(report, o, spec?.selector, '/spec/selector', false);
      if (o.kind === 'NetworkPolicy') selector(report, o, spec?.podSelector, '/spec/podSelector', false);
    }
  },
};
