// docs/rules.md, generated from the rule table (npm run docs:rules; a test keeps the file current).
import { DEPRECATIONS } from './deprecations.js';
import { RULES } from './rules/index.js';
import { CATEGORIES, type Category } from './types.js';

const TITLES: Record<Category, string> = {
  api: 'What the API server rejects',
  security: 'Security',
  reliability: 'Reliability',
  'cross-resource': 'Cross-resource consistency',
  deprecation: 'Deprecated and removed APIs',
  portability: 'Portability across network plugins',
};

export function rulesMarkdown(): string {
  const out: string[] = [
    '# helmforge lint rules',
    '',
    '<!-- Generated from packages/lint/src/rules by `npm run docs:rules`; do not edit. -->',
    '',
    `${RULES.length} rules. \`helmforge validate\` runs them with the schema checks (\`--no-lint\` turns them off), \`helmforge lint\``,
    'runs them alone, and `helmforge-conform -api-rules` runs the first category. Each rule is suppressed on one object by the',
    'annotation `ignore-check.helmforge.dev/<rule>: "<reason>"`, and by the kube-linter, Polaris and kube-score annotations of',
    'the checks it answers to; see the README for the configuration file.',
    '',
    '| Rule | Category | Severity | Default | kube-linter |',
    '|------|----------|----------|---------|-------------|',
    ...RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.category} | ${r.severity} | ${r.enabledByDefault === false ? 'off' : 'on'} | ${(r.kubeLinter ?? []).map((n) => `\`${n}\``).join(', ')} |`),
  ];
  for (const c of CATEGORIES) {
    out.push('', `## ${TITLES[c]}`);
    for (const r of RULES.filter((x) => x.category === c)) {
      out.push('', `### ${r.id}`, '', r.description, '', `**Remediation:** ${r.remediation}`, '');
      out.push(`- Severity: ${r.severity}${r.enabledByDefault === false ? ' (off by default)' : ''}; applies to: ${r.kinds.join(', ')}`);
      const aliases = [
        ...(r.kubeLinter ?? []).map((n) => `kube-linter \`${n}\``),
        ...(r.polaris ?? []).map((n) => `Polaris \`${n}\``),
        ...(r.kubeScore ?? []).map((n) => `kube-score \`${n}\``),
      ];
      if (aliases.length > 0) out.push(`- Answers to: ${aliases.join(', ')}`);
    }
  }
  out.push('', '## Deprecation table', '', '| apiVersion | kinds | deprecated in | removed in | replacement |', '|---|---|---|---|---|');
  for (const d of DEPRECATIONS) out.push(`| \`${d.apiVersion}\` | ${d.kinds.filter((k) => !k.endsWith('List')).join(', ')} | ${d.deprecatedIn ?? ''} | ${d.removedIn ?? '–'} | ${d.replacement ?? d.note ?? ''} |`);
  return `${out.join('\n')}\n`;
}
