// SARIF 2.1.0 output (GitHub code scanning and other SARIF viewers), in the shape kubeconform 0.7 gives it: rules
// KUBE-VALID / KUBE-INVALID / KUBE-ERROR / KUBE-SKIPPED, one result per schema violation (its JSON pointer as the
// logical location), one per error or skipped resource, and valid ones with -verbose. Added here: the line of the
// document (or the template for chart renders) and the values scenario. Lint rules follow the KUBE-* rules, each with
// its description, remediation as help and severity as default level; a finding points at its line and column (or the
// rendered template line) and at its JSON pointer, with the stack-file key it came from as a related location.
import type { Finding, Rule, Severity } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingOrigin } from './output.js';

const rule = (id: string, name: string, text: string, level: 'note' | 'error') => ({ id, name, shortDescription: { text }, defaultConfiguration: { level } });

export const SARIF_RULES = [
  rule('KUBE-VALID', 'ValidResource', 'Resource is valid.', 'note'),
  rule('KUBE-INVALID', 'InvalidResource', 'Resource is invalid against schema.', 'error'),
  rule('KUBE-ERROR', 'ProcessingError', 'Error processing resource.', 'error'),
  rule('KUBE-SKIPPED', 'SkippedResource', 'Resource validation was skipped.', 'note'),
];

const RULE_OF = { valid: 0, invalid: 1, error: 2, skipped: 3 } as const;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A lint rule as a SARIF reportingDescriptor: what code scanning shows as the rule's page. */
function lintRule(r: Rule) {
  const aliases = (r.kubeLinter ?? []).map((n) => `kube-linter check \`${n}\``);
  const markdown = [r.description, '', `**Remediation:** ${r.remediation}`, ...(aliases.length > 0 ? ['', `Also answers to ${aliases.join(', ')}.`] : [])].join('\n');
  return {
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description.split(/(?<=\.)\s/)[0] ?? r.description },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\nRemediation: ${r.remediation}`, markdown },
    helpUri: `https://github.com/helmforge/helmforge/blob/main/docs/rules.md#${r.id}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { category: r.category, tags: [r.category, 'kubernetes'] },
  };
}

export class SarifOutput extends CountingOutput {
  private readonly results: unknown[] = [];
  private readonly lintRules = this.opts.rules ?? [];

  protected reportFinding(f: Finding): void {
    const index = this.lintRules.findIndex((r) => r.id === f.rule);
    const uri = encodeURI((f.source ?? f.file).replace(/\\/g, '/'));
    const line = f.source !== undefined ? f.templateLine : f.position?.line;
    const region = line !== undefined ? { startLine: Math.max(1, line), ...(f.source === undefined && f.position !== undefined ? { startColumn: f.position.column } : {}) } : undefined;
    const o = f.object;
    const where = f.scenarios !== undefined && f.scenarios.length > 0 ? ` (values scenario ${f.scenarios.join(', ')})` : '';
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ...(index >= 0 ? { ruleIndex: SARIF_RULES.length + index } : {}),
      level: LEVEL[f.severity],
      message: { text: `${o.kind} ${o.name}: ${f.message}${where}${findingOrigin(f)}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri }, ...(region !== undefined ? { region } : {}) },
          logicalLocations: [{ name: f.pointer || '/', fullyQualifiedName: `${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}${f.pointer}`, kind: 'object' }],
        },
      ],
      properties: { category: f.category, ...(f.scenarios !== undefined ? { scenarios: f.scenarios } : {}), ...(f.valuesKey !== undefined ? { valuesKey: f.valuesKey } : {}) },
    };
    if (f.origin !== undefined) {
      result.relatedLocations = [
        { id: 1, message: { text: `set by ${f.origin.key}` }, physicalLocation: { artifactLocation: { uri: encodeURI(f.origin.file.replace(/\\/g, '/')) }, region: { startLine: f.origin.line, startColumn: f.origin.column } } },
      ];
    }
    this.results.push(result);
  }
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
              rules: [...SARIF_RULES, ...this.lintRules.map(lintRule)],
            },
          },
          results: this.results,
        },
      ],
    };
    this.w.write(`${JSON.stringify(log, null, 2)}\n`);
  }
}
