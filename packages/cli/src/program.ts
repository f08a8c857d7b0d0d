// The `helmforge` command line: parsing with commander, one module per command, one error path.
import { Command, CommanderError } from 'commander';
import { errorText } from './errors.js';
import { diffCommand } from './commands/diff.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { schemaCommand } from './commands/schema.js';
import { lintCommand, validateCommand } from './commands/validate.js';
import { valuesCommand } from './commands/values.js';
import { packageCommand, pushCommand } from './commands/publish.js';

export const VERSION = '0.1.0';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('helmforge')
    .description(
      'Generate an umbrella Helm chart for an on-premises Kubernetes platform (a private registry, NFS volumes, Prometheus and '
      + 'Grafana, your applications and batch jobs) and prove it correct before anyone installs it.',
    )
    .version(VERSION)
    // helmforge's own options come before the command: `validate --version 1.2.0` is the chart's version (helm's flag)
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    // taken out of argv by main() wherever it stands, so that every command accepts it
    .option('--debug', 'on an error, also print its stack trace')
    .addHelpText(
      'after',
      '\nGetting started:\n'
      + '  helmforge init        # helmforge.yaml: three nodes, an NFS server exporting /nfsdata, registry, monitoring, web + api, backup\n'
      + '  helmforge generate    # charts/platform/, an umbrella chart that installs with plain helm\n'
      + '  helmforge validate charts/platform   # schemas and lint rules (helmforge lint: the rules alone)\n'
      + '  helm install platform ./charts/platform -n platform --create-namespace --render-subchart-notes',
    );
  for (const register of [initCommand, generateCommand, validateCommand, lintCommand, diffCommand, packageCommand, pushCommand, schemaCommand, valuesCommand]) register(program, io, setExit);
  return program;
}

/** `--debug` anywhere on the command line (or HELMFORGE_DEBUG=1): errors come with their stack. */
export function debugRequested(argv: string[]): boolean {
  return argv.includes('--debug') || process.env.HELMFORGE_DEBUG === '1';
}

/**
 * Commander answers `helmforge lint --help` with the general help and exit 0 (help is handled before the command
 * is looked up), which tells a script that `lint` exists. An unknown command is a usage error, whatever follows it.
 */
function refuseUnknownCommand(program: Command, args: string[]): void {
  const command = args.find((a) => !a.startsWith('-'));
  if (command === undefined || command === 'help') return;
  if (program.commands.some((c) => c.name() === command || c.aliases().includes(command))) return;
  program.error(`error: unknown command '${command}'`, { code: 'commander.unknownCommand', exitCode: 2 });
}

/** Runs the CLI and returns the exit code: 0 success, 1 a problem with the input, 2 usage error. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  const args = argv.filter((a, i) => i < 2 || a !== '--debug');
  try {
    refuseUnknownCommand(program, args.slice(2));
    await program.parseAsync(args);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const command = args.slice(2).find((a) => program.commands.some((c) => c.name() === a)) ?? '';
    const { text, code: exit } = errorText(command, error, debugRequested(argv));
    io.err(text);
    return exit;
  }
}
