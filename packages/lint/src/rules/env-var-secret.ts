import { records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const envVarSecret: Rule = {
  id: 'env-var-secret',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'An environment variable whose name contains "secret" (any case) and that has a literal `value` puts the secret in the manifest, the release history and `kubectl describe` output (kube-linter\'s condition; see also `env-var-credential`).',
  remediation: 'Keep the value in a Secret and use `valueFrom.secretKeyRef`, or mount the Secret as a file.',
  kubeLinter: ['env-var-secret'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const [e, i] of records(c.c.env)) {
        const name = str(e.name) ?? '';
        const value = str(e.value) ?? '';
        if (/secret/i.test(name) && value !== '') report(o, `${c.at}/env/${i}/value`, `environment variable ${name} in container "${c.name}" holds a literal value`);
      }
    });
  },
};
