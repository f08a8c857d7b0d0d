import { diffTree, withManifest, withRecoveredLocks, writeOwnedTrees, type FileTree, type OutputTarget } from '@helmforge/core';
import { CT_CONFIG, chartTestingConfig, composePlatform, loadStack, readPreviousGeneration, schemaAssociations, type ComposedPlatform } from '@helmforge/umbrella';
import { Option, type Command } from 'commander';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { show } from '../errors.js';
import { mergeVscodeSettings } from '../vscode-settings.js';
import type { Io } from '../program.js';
import { showUpgradeDiff } from './diff.js';

export interface GenerateOptions {
  config: string;
  out: string;
  schemas: string;
  check?: boolean;
  force?: boolean;
  diff?: boolean;
  vscode?: boolean;
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
    .option('--diff', 'first show what upgrading a release of the chart on disk to the regenerated one does (helmforge diff); exit 1 if that fails or loses data')
    .addOption(new Option('--vscode', 'also map the schemas to their files in .vscode/settings.json (yaml.schemas), keeping every other setting').conflicts('check'))
    .addHelpText(
      'after',
      '\nThe output is replaced as a whole and crash-safely: on any error, or if the process is killed, the next helmforge\n' +
        'command finds the old trees or the new ones, complete. Only directories helmforge owns are written: absent or\n' +
        'empty ones, and ones it generated (.helmforge-manifest, or the chart\'s helmforge.dev/generated annotation).\n' +
        'Example: helmforge generate --check   # in CI, after a commit',
    )
    .action(async (options: GenerateOptions) => {
      const upgrade = options.diff === true ? await showUpgradeDiff(options, io) : 0;
      setExit(Math.max(upgrade, await runGenerate(options, io)));
    });
}

/** The stack file's platform as generating it into `out` would write it (subchart versions follow the tree there). */
export function composeFor(options: { config: string; out: string }): { platform: ComposedPlatform; chartDir: string } {
  const stack = loadStack(options.config);
  const chartDir = resolve(options.out, stack.metadata.name);
  const platform = composePlatform(stack, readPreviousGeneration(chartDir));
  // chart-testing reads chart-dirs relative to where it runs: this directory, as for --out
  platform.chart.set(CT_CONFIG, chartTestingConfig(stack, relative(process.cwd(), resolve(options.out)).split(sep).join('/') || '.'));
  return { platform, chartDir };
}

/** The two trees generate writes, charts/<name>/ and schemas/, each with its manifest. */
export function outputTargets(options: { config: string; out: string; schemas?: string }): { platform: ComposedPlatform; chart: OutputTarget; schemas: OutputTarget } {
  const { platform, chartDir } = composeFor(options);
  return {
    platform,
    chart: { dir: chartDir, tree: withManifest(platform.chart), option: '--out' },
    schemas: { dir: resolve(options.schemas ?? 'schemas'), tree: withManifest(platform.schemas), option: '--schemas' },
  };
}

export async function runGenerate(options: GenerateOptions, io: Io): Promise<number> {
  // composed against the trees on disk (subchart versions follow them), and again if recovering an interrupted run
  // changed those trees
  let platform: ComposedPlatform | undefined;
  const build = () => {
    const output = outputTargets(options);
    platform = output.platform;
    return [output.chart, output.schemas];
  };
  const note = (line: string) => io.err(`${line}\n`);
  if (options.check) {
    let targets = build();
    const requests = targets.map((t) => ({ path: t.dir, verb: 'checking', optional: true }));
    const stale = await withRecoveredLocks(requests, 'generate', show, note, (_locks, recovered) => {
      if (recovered) targets = build();
      return targets.flatMap((t) => staleFiles(t.dir, t.tree).map((f) => `  ${f.state.padEnd(7)}  ${show(f.path)}`));
    });
    if (stale.length) {
      io.err(`generated files are stale (${stale.length}):\n${stale.join('\n')}\nrun \`helmforge generate\` and commit the result\n`);
      return 1;
    }
    io.out(`up to date: ${requests.map((r) => show(r.path)).join(', ')}\n`);
    return 0;
  }
  const targets = await writeOwnedTrees(build, { command: 'generate', cwd: process.cwd(), stackFile: options.config, show, force: options.force === true, note });
  io.out(targets.map((t) => `wrote ${show(t.dir)} (${t.tree.size} files)`).join('\n') + '\n');
  if (options.vscode && platform !== undefined) {
    // the workspace is the stack file's directory; the file patterns are relative to it
    const workspace = dirname(resolve(options.config));
    const subcharts = [...new Set(platform.metadata.dependencies?.map((d) => d.name))];
    const associations = schemaAssociations(platform.metadata.name, subcharts, relative(workspace, resolve(options.out)).split(sep).join('/') || '.');
    const settings = mergeVscodeSettings(workspace, resolve(options.schemas), associations);
    io.out(settings ? `wrote ${show(settings)} (yaml.schemas)\n` : 'yaml.schemas in .vscode/settings.json is up to date\n');
  }
  return 0;
}

/** The files under `dir` that are not what generating `tree` there would write: changed, missing or extra. */
export function staleFiles(dir: string, tree: FileTree): { state: 'changed' | 'missing' | 'extra'; path: string }[] {
  const d = diffTree(dir, tree);
  const at = (state: 'changed' | 'missing' | 'extra') => (f: string) => ({ state, path: join(dir, f) });
  return [...d.changed.map(at('changed')), ...d.missing.map(at('missing')), ...d.extra.map(at('extra'))];
}
