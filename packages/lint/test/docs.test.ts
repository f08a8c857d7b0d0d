// docs/rules.md is generated from the rule table; it must be current (npm run docs:rules rewrites it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, rulesMarkdown } from '../src/index.js';

const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'rules.md');

describe('docs/rules.md', () => {
  it('is what the rule table generates (run npm run docs:rules after changing a rule)', () => {
    expect(readFileSync(DOC, 'utf8'), 'docs/rules.md is stale: run npm run docs:rules').toBe(rulesMarkdown());
  });

  it('has a section per rule with its description, remediation and severity', () => {
    const md = rulesMarkdown();
    for (const r of RULES) {
      expect(md).toContain(`### ${r.id}\n\n${r.description}\n\n**Remediation:** ${r.remediation}`);
      expect(md).toContain(`| [\`${r.id}\`](#${r.id}) | ${r.category} | ${r.severity} |`);
    }
  });
});
