// Renders chart files with Handlebars. One escaping convention, used everywhere: a Helm (Go template)
// action is written `\{{ ... }}` in a .hbs file and comes out as `{{ ... }}`; a bare `{{name}}` is a
// Handlebars expression evaluated at generation time. Every render is checked (see checkHelmActions),
// so a template whose Helm actions would be mangled fails generation instead of shipping.
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { HelmforgeError } from './errors.js';

const hbs = Handlebars.create();

/** Escaped Helm actions in a .hbs source, in order, still containing any Handlebars expressions. */
// The body may hold generation-time expressions, as in `\{{ include "{{chart}}.fullname" . }}`.
const ESCAPED_ACTION = /\\\{\{((?:\{\{[^{}]*\}\}|(?!\}\})[\s\S])*?)\}\}/g;
const HELM_ACTION = /\{\{[\s\S]*?\}\}/g;

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Compiled once per distinct source: the shared _helpers.tpl is rendered for every chart. */
function compile(source: string): HandlebarsTemplateDelegate {
  let template = compiled.get(source);
  if (!template) compiled.set(source, (template = hbs.compile(source, { noEscape: true, strict: true })));
  return template;
}

export function renderTemplate(source: string, context: Record<string, unknown>, name: string): string {
  let output: string;
  try {
    output = compile(source)(context);
  } catch (error) {
    throw new HelmforgeError(`cannot render ${name}`, [{ file: name, message: (error as Error).message, hint: 'fix the Handlebars template' }]);
  }
  const problems = checkHelmActions(source, output, context);
  if (problems.length) {
    throw new HelmforgeError(`${name}: Helm template actions would not survive generation`, problems.map((message) => ({ file: name, message })));
  }
  return output;
}

/**
 * Proves that the Helm actions in `output` are exactly those authored in `source` (with only their
 * generation-time `{{name}}` parts filled in), in the same order, and that no Handlebars syntax leaked.
 */
export function checkHelmActions(source: string, output: string, context: Record<string, unknown>): string[] {
  const problems: string[] = [];
  // Bodies hold at most simple `{{name}}` expressions; anything else goes through Handlebars itself.
  const fill = (body: string) =>
    !body.includes('{{') ? body : /\{\{(?!\s*[a-zA-Z_]\w*\s*\}\})/.test(body) ? compile(body)(context) : body.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => String(context[key]));
  const expected = [...source.matchAll(ESCAPED_ACTION)].map((m) => `{{${fill(m[1] ?? '')}}}`);
  const actual = output.match(HELM_ACTION) ?? [];
  if (expected.length !== actual.length) {
    problems.push(`authored ${expected.length} Helm actions but the output has ${actual.length}: is a Helm action missing its \\ escape?`);
  }
  expected.forEach((want, i) => {
    if (actual[i] !== undefined && actual[i] !== want) problems.push(`Helm action #${i + 1} changed: authored ${want} but got ${actual[i]}`);
  });
  const leaks = output.match(/\\\{\{|\{\{\{\{|\{\{[#>!^]|\{\{\/(?!\*)|\{\{else\b/g);
  if (leaks) problems.push(`Handlebars syntax leaked into the output: ${[...new Set(leaks)].join(', ')}`);
  return problems;
}

export interface RenderedFile {
  /** Path relative to the templates directory, without the `.hbs` suffix. */
  path: string;
  content: string;
}

/** Renders every `*.hbs` under `dir` (recursively), sorted by path. */
export function renderTemplateDir(dir: string, context: Record<string, unknown>): RenderedFile[] {
  return listFiles(dir)
    .filter((f) => f.endsWith('.hbs'))
    .map((file) => {
      const path = relative(dir, file).split(sep).join('/').replace(/\.hbs$/, '');
      return { path, content: renderTemplate(readFileSync(file, 'utf8'), context, file) };
    });
}

/** Every file under `dir`, recursively, in a stable order. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listFiles(p) : [p];
    });
}
