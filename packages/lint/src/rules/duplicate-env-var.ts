import { records, str } from '../k8s/values.js';
import type { Rule } from '../types.js';
import { eachContainer } from './shared/each.js';

export const duplicateEnvVar: Rule = {
  id: 'duplicate-env-var',
  scope: 'object',
  category: 'reliability',
  severity: 'warning',
  kinds: ['DeploymentLike'],
  description:
    'The API server accepts an `env` list that names a variable twice, but only the last entry takes effect, so an override added in one place silently loses to one in another (typically `extraEnv` against a chart\'s own variables).',
  remediation: 'Name each variable once per container.',
  kubeLinter: ['duplicate-env-var'],
  kubeScore: ['environment-variable-key-duplication'],
  check(release, report) {
    eachContainer(release, (o, c) => {
      const seen = new Set<string>();
      for (const [e, i] of records(c.c.env)) {
        const name = str(e.name) ?? '';
        if (seen.has(name)) report(o, `${c.at}/env/${i}/name`, `environment variable ${name} is set twice in container "${c.name}" (the last one wins)`, { evidence: name });
        seen.add(name);
      }
    });
  },
};
