import { records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

/** Names that say "credential" (those with "secret" are env-var-secret's). */
const CREDENTIAL = /pass(word|wd)?($|_|-)|pwd|token|api[_-]?key|access[_-]?key|private[_-]?key|credential/i;

export const envVarCredential: Rule = {
  id: 'env-var-credential',
  scope: 'object',
  category: 'security',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'An environment variable named like a credential (PASSWORD, PASSWD, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, CREDENTIALS …) with a literal `value` stores that credential in plain text in the manifest and the release history.',
  remediation: 'Keep the value in a Secret and use `valueFrom.secretKeyRef` (or mount the Secret as a file).',
  polaris: ['sensitiveContainerEnvVar'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      for (const [e, i] of records(c.c.env)) {
        const name = str(e.name) ?? '';
        const value = str(e.value) ?? '';
        if (!/secret/i.test(name) && CREDENTIAL.test(name) && value !== '') report(o, `${c.at}/env/${i}/value`, `environment variable ${name} in container "${c.name}" holds a credential as a literal value`);
      }
    });
  },
};
