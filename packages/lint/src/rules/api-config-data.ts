import { configMapKey } from '../k8s/names.js';
import { isRecord, ptr, rec, str } from '../k8s/values.js';
import type { ReleaseObject } from '../release.js';
import type { Report, Rule } from '../types.js';
import { invalid, required, tooLong } from './shared/api.js';

const MAX = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The size of a ConfigMap's data and binaryData: exact, or an upper bound that needs no UTF-8 byte count. */
function dataSize(data: Record<string, unknown>, binary: Record<string, unknown>, exact: boolean): number {
  let size = 0;
  for (const [k, v] of Object.entries(data)) size += k.length + (typeof v !== 'string' ? 0 : exact ? Buffer.byteLength(v) : 3 * v.length);
  for (const [k, v] of Object.entries(binary)) size += k.length + (typeof v === 'string' ? Math.floor((v.length * 3) / 4) : 0);
  return size;
}

function keys(report: Report, o: ReleaseObject, field: string): Record<string, unknown> {
  const m = o.value[field];
  if (!isRecord(m)) return {};
  for (const k of Object.keys(m)) for (const e of configMapKey(k)) report(o, ptr(`/${field}`, k), invalid(`${field}[${k}]`, k, e), { evidence: k });
  return m;
}

export const apiConfigData: Rule = {
  id: 'api-config-data',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['ConfigMap', 'Secret'],
  description:
    'ConfigMaps and Secrets the API server refuses: keys other than letters, digits, `-`, `_` and `.` (at most 253, not `.`, `..` or starting with `..`), a key in both data and binaryData, more than 1 MiB of data in total, Secret data that is not base64, and typed Secrets missing their keys (`.dockerconfigjson` for kubernetes.io/dockerconfigjson, `tls.crt` and `tls.key` for kubernetes.io/tls).',
  remediation: 'Rename the key (a file name with `/` cannot be a key: use `items` to map it to a path), split large data over several objects or move it to a volume, and base64-encode Secret `data` (or use `stringData`).',
  check(release, report) {
    for (const cm of release.ofKind('ConfigMap')) {
      const data = keys(report, cm, 'data');
      const binary = keys(report, cm, 'binaryData');
      for (const k of Object.keys(binary)) if (Object.hasOwn(data, k)) report(cm, `/binaryData/${k}`, invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
      // bytes counted only when the characters could reach the limit (a character is at most 3 bytes of UTF-8)
      if (dataSize(data, binary, false) > MAX && dataSize(data, binary, true) > MAX) report(cm, '', tooLong('[]', MAX));
    }
    for (const s of release.ofKind('Secret')) {
      const data = keys(report, s, 'data');
      const stringData = keys(report, s, 'stringData');
      let size = 0;
      for (const [k, v] of Object.entries(data)) {
        if (typeof v !== 'string') continue;
        if (!BASE64.test(v.replace(/\s/g, '')) || v.replace(/\s/g, '').length % 4 !== 0) report(s, `/data/${k}`, invalid(`data[${k}]`, '<secret contents redacted>', 'illegal base64 data'));
        size += k.length + Math.floor((v.length * 3) / 4);
      }
      for (const [k, v] of Object.entries(stringData)) size += k.length + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
      if (size > MAX) report(s, '/data', tooLong('data', MAX));
      const type = str(s.value.type);
      const has = (k: string) => Object.hasOwn(data, k) || Object.hasOwn(stringData, k);
      const need = type === 'kubernetes.io/dockerconfigjson' ? ['.dockerconfigjson'] : type === 'kubernetes.io/dockercfg' ? ['.dockercfg'] : type === 'kubernetes.io/tls' ? ['tls.crt', 'tls.key'] : [];
      for (const k of need) if (!has(k)) report(s, rec(s.value.data) !== undefined ? '/data' : '', required(`data[${k}]`));
    }
  },
};
