import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkHelmActions, renderTemplate, renderTemplateDir } from '../src/engine.js';
import { HelmforgeError } from '../src/errors.js';

const HELPERS = fileURLToPath(new URL('../templates/', import.meta.url));

describe('Handlebars engine with escaped Helm actions', () => {
  it('passes Helm actions through exactly as authored, filling in only {{chart}}', () => {
    const source = 'name: \\{{ include "{{chart}}.fullname" . }}\n\\{{- if .Values.x }}\n  a: \\{{ .Values.x | quote }}\n\\{{- end }}\n';
    expect(renderTemplate(source, { chart: 'web' }, 't.yaml')).toBe('name: {{ include "web.fullname" . }}\n{{- if .Values.x }}\n  a: {{ .Values.x | quote }}\n{{- end }}\n');
  });

  it('keeps every Helm action of the shared _helpers.tpl, in order, with no Handlebars left', () => {
    const [helpers] = renderTemplateDir(HELPERS, { chart: 'demo' });
    const source = readFileSync(`${HELPERS}/_helpers.tpl.hbs`, 'utf8');
    expect(helpers?.path).toBe('_helpers.tpl');
    expect(checkHelmActions(source, helpers?.content ?? '', { chart: 'demo' })).toEqual([]);
    expect(helpers?.content).toContain('{{- define "demo.fullname" -}}');
    expect(helpers?.content).not.toMatch(/\\\{\{|\{\{chart\}\}/);
    // As many Helm actions out as were authored in.
    expect(helpers?.content.match(/\{\{/g)?.length).toBe(source.match(/\\\{\{/g)?.length);
  });

  it('fails generation when a Helm action lacks its escape (Handlebars would eat it)', () => {
    expect(() => renderTemplate('a: {{ .Values.x }}\n', { chart: 'c' }, 'bad.yaml')).toThrow(HelmforgeError);
  });

  it('reports a Helm action that Handlebars changed', () => {
    const problems = checkHelmActions('\\{{ .Values.a }}', '{{ .Values.b }}', {});
    expect(problems.join('\n')).toMatch(/Helm action #1 changed/);
  });

  it('reports Handlebars syntax that leaked into the output', () => {
    expect(checkHelmActions('', '{{#if x}}y{{/if}}', {}).join('\n')).toMatch(/leaked/);
  });

  it('names the template when Handlebars itself fails', () => {
    expect(() => renderTemplate('{{missing}}', { chart: 'c' }, 'x.yaml.hbs')).toThrow(/x\.yaml\.hbs/);
  });
});
