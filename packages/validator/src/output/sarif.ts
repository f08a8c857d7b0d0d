// SARIF 2.1.0 output (GitHub code scanning and other SARIF viewers): one result per invalid or errored resource.
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput } from './output.js';

export const SARIF_RULES = [
  {
    id: 'kubernetes-schema-invalid',
    name: 'KubernetesSchemaInvalid',
    shortDescription: { text: 'The resource does not match the Kubernetes JSON schema of its kind' },
    help: { text: 'Fix the fields named in the message (unknown field, wrong type, missing required field) in the manifest or template.' },
  },
  {
    id: 'kubernetes-schema-error',
    name: 'KubernetesSchemaError',
    shortDescription: { text: 'The resource could not be validated' },
    help: { text: 'The document could not be parsed, has no apiVersion/kind, is rejected, or no schema was found for its kind.' },
  },
];

export class SarifOutput extends CountingOutput {
  private readonly results: unknown[] = [];
  protected report(r: ValidationResult): void {
    if (r.status !== 'invalid' && r.status !== 'error') return;
    const what = [r.kind, r.name].filter((x) => x !== '').join(' ');
    const where = r.scenario !== undefined ? ` (values scenario ${r.scenario})` : '';
    const text = `${what !== '' ? `${what} ` : ''}${r.status === 'invalid' ? 'is invalid' : 'failed validation'}${where}: ${r.message ?? ''}`;
    const uri = (r.source ?? r.filename).replace(/\\/g, '/');
    this.results.push({
      ruleId: r.status === 'invalid' ? SARIF_RULES[0]?.id : SARIF_RULES[1]?.id,
      ruleIndex: r.status === 'invalid' ? 0 : 1,
      level: 'error',
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(uri) },
            ...(r.source === undefined ? { region: { startLine: Math.max(1, r.line) } } : {}),
          },
        },
      ],
      ...(r.errors !== undefined ? { properties: { validationErrors: r.errors } } : {}),
    });
  }

  flush(): void {
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: this.opts.toolName ?? 'helmforge-conform',
              version: this.opts.toolVersion ?? '0.1.0',
              informationUri: 'https://github.com/yannh/kubeconform',
              rules: SARIF_RULES,
            },
          },
          results: this.results,
        },
      ],
    };
    this.w.write(`${JSON.stringify(log, null, 2)}\n`);
  }
}
