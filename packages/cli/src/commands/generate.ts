import { diffTree, writeTreesAtomically, type FileTree } from '@helmforge/core';
import { composePlatform, loadStack } from '@helmforge/umbrella';
import type { Command } from 'commander';
import { join, relative, resolve } from 'node:path';
import type { Io } from '../program.js';
import { showUpgradeDiff } from './diff.js';

export interface GenerateOptions {
  config: string;
  out: string;
  schemas: string;
  check?: boolean;
  diff?: boolean;
}

export function generateCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('Write the umbrella chart (charts/<name>/) and the JSON schemas (schemas/) from the stack file.')
    .option('-c, --config <file>', 'stack file', 'helmforge.yaml')
    .option('-o, --out <dir>', 'directory that receives charts/<name>/', 'charts')
    .option('--schemas <dir>', 'directory that receives the generated JSON schemas', 'schemas')
    .option('--check', 'write nothing; exit 1 and list the files that are stale, missing or extra')
    .option('--diff', 'first show what upgrading a release of the chart on disk to the regenerated one does (helmforge diff); exit 1 if that fails or loses data')
    .addHelpText('after', '\nThe output is replaced atomically: on any error nothing on disk changes.\nExample: helmforge generate --check   # in CI, after a commit')
    .action(async (options: GenerateOptions) => {
      const upgrade = options.diff === true ? await showUpgradeDiff(options, io) : 0;
      setExit(Math.max(upgrade, runGenerate(options, io)));
    });
}

export function runGenerate(options: GenerateOptions, io: Io): number {
  const stack = loadStack(options.config);
  const platform = composePlatform(stack);
  const targets = [
    { dir: resolve(options.out, platform.metadata.name), tree: platform.chart },
    { dir: resolve(options.schemas), tree: platform.schemas },
  ];
  const show = (p: string) => relative(process.cwd(), p) || '.';
  if (options.check) {
    const stale = targets.flatMap((t) => staleFiles(t.dir, t.tree).map((f) => `  ${f.state.padEnd(7)}  ${show(f.path)}`));
    if (stale.length) {
      io.err(`generated files are stale (${stale.length}):\n${stale.join('\n')}\nrun \`helmforge generate\` and commit the result\n`);
      return 1;
    }
    io.out(`up to date: ${targets.map((t) => show(t.dir)).join(', ')}\n`);
    return 0;
  }
  writeTreesAtomically(targets);
  io.out(targets.map((t) => `wrote ${show(t.dir)} (${t.tree.size} files)`).join('\n') + '\n');
  return 0;
}

/** The files under `dir` that are not what generating `tree` there would write: changed, missing or extra. */
export function staleFiles(dir: string, tree: FileTree): { state: 'changed' | 'missing' | 'extra'; path: string }[] {
  const d = diffTree(dir, tree);
  const at = (state: 'changed' | 'missing' | 'extra') => (f: string) => ({ state, path: join(dir, f) });
  return [...d.changed.map(at('changed')), ...d.missing.map(at('missing')), ...d.extra.map(at('extra'))];
}
