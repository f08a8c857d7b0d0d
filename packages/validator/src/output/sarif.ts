// SARIF 2.1.0 output (GitHub code scanning and other SARIF viewers), in the shape kubeconform 0.7 gives it: rules
// KUBE-VALID / KUBE-INVALID / KUBE-ERROR / KUBE-SKIPPED, one result per schema violation (its JSON pointer as the
// logical location), one per error or skipped resource, and valid ones with -verbose. Added here: the line of the
// document (or the template for chart renders) and the values scenario.
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput } from './output.js';

const rule = (id: string, name: string, text: string, level: 'note' | 'error') => ({ id, name, shortDescription: { text }, defaultConfiguration: { level } });

export const SARIF_RULES = [
  rule('KUBE-VALID', 'ValidResource', 'Resource is valid.', 'note'),
  rule('KUBE-INVALID', 'InvalidResource', 'Resource is invalid against schema.', 'error'),
  rule('KUBE-ERROR', 'ProcessingError', 'Error processing resource.', 'error'),
  rule('KUBE-SKIPPED', 'SkippedResource', 'Resource validation was skipped.', 'note'),
];

const RULE_OF = { valid: 0, invalid: 1, error: 2, skipped: 3 } as const;

export class SarifOutput extends CountingOutput {
  private readonly results: unknown[] = [];
  protected report(r: ValidationResult): void {
    if (r.status === 'empty' || (r.status === 'valid' && this.opts.verbose !== true)) return;
    const what = [r.kind, r.name].filter((x) => x !== '').join(' ');
    const subject = r.kind !== '' && r.name !== '' ? what : (r.source ?? r.filename);
    const where = r.scenario !== undefined ? ` (values scenario ${r.scenario})` : '';
    const uri = encodeURI((r.source ?? r.filename).replace(/\\/g, '/'));
    const physicalLocation = { artifactLocation: { uri }, ...(r.source === undefined ? { region: { startLine: Math.max(1, r.line) } } : {}) };
    const result = (status: keyof typeof RULE_OF, text: string, path?: string): void => {
      const index = RULE_OF[status];
      const location = path !== undefined ? { physicalLocation, logicalLocations: [{ name: path }] } : { physicalLocation };
      this.results.push({ ruleId: SARIF_RULES[index]?.id, ruleIndex: index, level: SARIF_RULES[index]?.defaultConfiguration.level, message: { text }, locations: [location] });
    };
    switch (r.status) {
      case 'valid':
        result('valid', `${what} is valid${where}`);
        break;
      case 'skipped':
        result('skipped', `${what} skipped${where}`);
        break;
      case 'error':
        result('error', `${subject} failed validation${where}: ${r.message ?? ''}`);
        break;
      case 'invalid':
        if (r.errors === undefined || r.errors.length === 0) result('invalid', `${subject} is invalid${where}: ${r.message ?? ''}`);
        else for (const e of r.errors) result('invalid', `${subject} is invalid${where}: ${e.path}: ${e.message}`, e.path);
        break;
    }
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
