// `helmforge generate --vscode`: the `yaml.schemas` setting of VS Code's YAML extension (yaml-language-server) in
// .vscode/settings.json, mapping each generated schema to the files it checks. The file is the user's: it is edited in
// place with jsonc-parser, so comments, formatting and every other setting stay as they are; a file that does not parse
// is left untouched and reported.
import { HelmforgeError, isPlainObject } from '@helmforge/core';
import type { SchemaAssociation } from '@helmforge/umbrella';
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomically } from './files.js';

const SETTING = 'yaml.schemas';

/**
 * Merges the associations into `<workspace>/.vscode/settings.json` (created when missing). Schema paths are written
 * relative to the workspace (`./schemas/…`), which is how the YAML extension resolves them. Returns the file when it
 * changed, undefined when it already said all of it.
 */
export function mergeVscodeSettings(workspace: string, schemasDir: string, associations: SchemaAssociation[]): string | undefined {
  const file = join(workspace, '.vscode', 'settings.json');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '{}\n';
  const errors: ParseError[] = [];
  const settings = parse(before, errors, { allowTrailingComma: true }) as unknown;
  const refuse = (message: string) => new HelmforgeError(`cannot add the yaml.schemas setting to ${file}`, [{ file, message, hint: 'fix or remove the file and run `helmforge generate --vscode` again; nothing was written' }]);
  if (errors.length || !isPlainObject(settings)) throw refuse(errors.length ? `not JSON with comments (${printParseErrorCode(errors[0]!.error)} at offset ${errors[0]!.offset})` : 'not a JSON object');
  if (settings[SETTING] !== undefined && !isPlainObject(settings[SETTING])) throw refuse(`"${SETTING}" is not an object`);
  const options = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };
  let text = before;
  for (const a of associations) {
    if (!a.fileMatch.length) continue;
    const schema = `./${relative(workspace, join(schemasDir, a.file)).split('\\').join('/')}`;
    text = applyEdits(text, modify(text, [SETTING, schema], a.fileMatch, options));
  }
  if (text === before && existsSync(file)) return undefined;
  writeFileAtomically(file, text.endsWith('\n') ? text : `${text}\n`);
  return file;
}
