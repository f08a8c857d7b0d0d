import { diffTree, withManifest, withRecoveredLocks, writeOwnedTrees, type FileTree, type OutputTarget } from '@helmforge/core';
import { composePlatform, loadStack, type ComposedPlatform } from '@helmforge/umbrella';
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { show } from '../errors.js';
import type { Io } from '../program.js';

export interface GenerateOptions {
  config: string;
  out: string;
  schemas: string;
  check?: boolean;
  force?: boolean;
}

export function generateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('Write the umbrella chart (charts/<name>/) and the JSON schemas (schemas/) from the stack file.')
    .option('-c, --config <file>', 'stack file', 'helmforge.yaml')
    .option('-o, --out <dir>', 'directory that receives charts/<name>/', 'charts')
    .option('--schemas <dir>', 'directory that receives the generated JSON schemas', 'schemas')
    .option('--check', 'write nothing; exit 1 and list the files that are stale, missing or extra')
    .option('-f, --force', 'delete files that were added by hand inside the generated trees (refused otherwise)')
    .addHelpText(
      'after',
      '\nThe output is replaced as a whole and crash-safely: on any error, or if the process is killed, the next helmforge\n' +
        'command finds the old trees or the new ones, complete. Only directories helmforge owns are written: absent or\n' +
        'empty ones, and ones it generated (.helmforge-manifest, or the chart\'s helmforge.dev/generated annotation).\n' +
        'Example: helmforge generate --check   # in CI, after a commit',
    )
    .action(async (options: GenerateOptions) => setExit(await runGenerate(options, io)));
}

/** The stack file's platform and the two trees generate writes: charts/<name>/ and schemas/, each with its manifest. */
export function platformOutput(options: { config: string; out: string; schemas?: string }): { platform: ComposedPlatform; chart: OutputTarget; schemas: OutputTarget } {
  const platform = composePlatform(loadStack(options.config));
  return {
    platform,
    chart: { dir: resolve(options.out, platform.metadata.name), tree: withManifest(platform.chart), option: '--out' },
    schemas: { dir: resolve(options.schemas ?? 'schemas'), tree: withManifest(platform.schemas), option: '--schemas' },
  };
}

export async function runGenerate(options: GenerateOptions, io: Io): Promise<number> {
  const { chart, schemas } = platformOutput(options);
  const targets = [chart, schemas];
  const note = (line: string) => io.err(`${line}\n`);
  if (options.check) {
    const dirs = targets.map((t) => t.dir);
    const stale = await withRecoveredLocks(dirs.map((path) => ({ path, verb: 'checking', optional: true })), 'generate', show, note, () =>
      targets.flatMap((t) => staleFiles(t.dir, t.tree).map((f) => `  ${f.state.padEnd(7)}  ${show(f.path)}`)),
    );
    if (stale.length) {
      io.err(`generated files are stale (${stale.length}):\n${stale.join('\n')}\nrun \`helmforge generate\` and commit the result\n`);
      return 1;
    }
    io.out(`up to date: ${targets.map((t) => show(t.dir)).join(', ')}\n`);
    return 0;
  }
  await writeOwnedTrees(targets, { command: 'generate', cwd: process.cwd(), stackFile: options.config, show, force: options.force === true, note });
  io.out(targets.map((t) => `wrote ${show(t.dir)} (${t.tree.size} files)`).join('\n') + '\n');
  return 0;
}

/** The files under `dir` that are not what generating `tree` there would write: changed, missing or extra. */
export function staleFiles(dir: string, tree: FileTree): { state: 'changed' | 'missing' | 'extra'; path: string }[] {
  const d = diffTree(dir, tree);
  const at = (state: 'changed' | 'missing' | 'extra') => (f: string) => ({ state, path: join(dir, f) });
  return [...d.changed.map(at('changed')), ...d.missing.map(at('missing')), ...d.extra.map(at('extra'))];
}
