// `helmforge values`: a starter values file for the umbrella chart or a subchart, whose `$schema` line names a schema
// that resolves wherever the file is written: the absolute path of the generated schema under schemas/, or (with
// --schema-url) the schema's published URL. The habit it replaces, `helm show values chart.tgz > my-values.yaml`,
// keeps the chart's relative `$schema=values.schema.json`, which resolves only beside the chart's own schema.
import { HelmforgeError, valuesSchemaFile } from '@helmforge/core';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomically } from '../files.js';
import { composeFor } from './generate.js';
import type { Io } from '../program.js';

export interface ValuesOptions {
  config: string;
  out: string;
  schemas: string;
  chart?: string;
  output?: string;
  schemaUrl?: string | true;
  force?: boolean;
}

const MODELINE = /^# yaml-language-server: \$schema=.*$/m;

export function valuesCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('values')
    .description('Write a starter values file (the chart\'s commented defaults) whose $schema line resolves where it is written.')
    .option('-c, --config <file>', 'stack file', 'helmforge.yaml')
    .option('--chart <name>', 'the umbrella chart (default) or one of its subcharts')
    .option('-o, --output <file>', 'write the file here instead of to standard output')
    .option('--out <dir>', 'directory of the generated charts/<name>/', 'charts')
    .option('--schemas <dir>', 'directory of the generated JSON schemas', 'schemas')
    .option('--schema-url [url]', 'name the schema by its published URL (its $id, or the URL given) instead of its absolute path')
    .option('-f, --force', 'overwrite an existing output file')
    .addHelpText('after', '\nExamples:\n  helmforge values -o ~/deploy/my-values.yaml\n  helmforge values --chart registry --schema-url > registry-values.yaml')
    .action((options: ValuesOptions) => setExit(runValues(options, io)));
}

export function runValues(options: ValuesOptions, io: Io): number {
  const { platform } = composeFor(options);
  const name = platform.metadata.name;
  const chart = options.chart ?? name;
  const values = platform.chart.get(chart === name ? 'values.yaml' : `charts/${chart}/values.yaml`);
  const schemaFile = valuesSchemaFile(chart);
  const schema = platform.schemas.get(schemaFile);
  if (values === undefined || schema === undefined) {
    const charts = [name, ...new Set(platform.metadata.dependencies?.map((d) => d.name))];
    throw new HelmforgeError(`unknown chart "${chart}"`, [{ message: `charts of ${options.config}: ${charts.join(', ')}`, hint: 'pass one of them to --chart' }]);
  }
  const location = schemaLocation(options, schemaFile, schema);
  const text = values.replace(MODELINE, `# yaml-language-server: $schema=${location}`);
  if (!options.output) {
    io.out(text);
    return 0;
  }
  if (existsSync(options.output) && !options.force) {
    throw new HelmforgeError(`${options.output} already exists`, [{ file: options.output, message: 'refusing to overwrite it', hint: 'pass --force, or -o to write elsewhere' }]);
  }
  writeFileAtomically(options.output, text);
  io.out(`wrote ${options.output} (values of ${chart}, schema ${location})\n`);
  return 0;
}

/**
 * The published URL (`--schema-url`: the schema's $id, or the URL given), else the absolute path of the schema under
 * --schemas, which must be the one the stack file generates: a stale schema would check the file against old rules.
 */
function schemaLocation(options: ValuesOptions, file: string, generated: string): string {
  if (typeof options.schemaUrl === 'string') return options.schemaUrl;
  if (options.schemaUrl) return (JSON.parse(generated) as { $id: string }).$id;
  const path = resolve(options.schemas, file);
  const onDisk = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (onDisk !== generated) {
    throw new HelmforgeError(`${path} ${onDisk === undefined ? 'does not exist' : 'is not what the stack file generates'}`, [
      { file: path, message: 'the $schema line would name a missing or stale schema', hint: 'run `helmforge generate` first (or pass --schema-url for the published schema)' },
    ]);
  }
  // a path with spaces would end the modeline early: then as a file: URL
  return /\s/.test(path) ? pathToFileURL(path).href : path;
}
