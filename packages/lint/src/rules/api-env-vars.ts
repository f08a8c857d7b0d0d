import { envVarName } from '../k8s/names.js';
import { rec, records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { fieldPath, invalid } from './shared/api.js';
import { eachContainer } from './shared/each.js';

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

export const apiEnvVars: Rule = {
  id: 'api-env-vars',
  scope: 'object',
  category: 'api',
  severity: 'error',
  kinds: ['DeploymentLike'],
  description:
    'Environment variables the API server refuses: a name that is not letters, digits, `_`, `-` and `.` not starting with a digit (before Kubernetes 1.32; from 1.32 any printable ASCII but `=`), the same rule for `envFrom` prefixes, a variable with both `value` and `valueFrom`, and a `valueFrom` with more than one source.',
  remediation: 'Rename the variable (`MY_VAR`, not `my var` or `1VAR`); give either value or valueFrom, with one source.',
  check(release, report) {
    const relaxed = release.atLeast(32);
    eachContainer(release, (o, c) => {
      for (const [e, i] of records(c.c.env)) {
        const at = `${c.at}/env/${i}`;
        const name = str(e.name) ?? '';
        for (const err of envVarName(name, relaxed)) report(o, `${at}/name`, invalid(fieldPath(`${at}/name`), name, err), { evidence: name });
        const from = rec(e.valueFrom);
        if (from === undefined) continue;
        if (str(e.value) !== undefined && e.value !== '') report(o, `${at}/valueFrom`, invalid(fieldPath(`${at}/valueFrom`), '', 'may not be specified when `value` is not empty'));
        const sources = SOURCES.filter((s) => from[s] !== undefined && from[s] !== null);
        if (sources.length > 1) report(o, `${at}/valueFrom`, invalid(fieldPath(`${at}/valueFrom`), '', 'may not have more than one field specified at a time'));
      }
      for (const [e, i] of records(c.c.envFrom)) {
        const prefix = str(e.prefix);
        if (prefix === undefined || prefix === '') continue;
        const at = `${c.at}/envFrom/${i}/prefix`;
        for (const err of envVarName(prefix, relaxed)) report(o, at, invalid(fieldPath(at), prefix, err), { evidence: prefix });
      }
    });
  },
};
