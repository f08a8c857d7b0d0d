// `helmforge diff OLD NEW` and the upgrade report of `helmforge generate --diff`: both sides rendered with the real
// helm over the same values, judged by @helmforge/diff (loaded on demand, like the validator).
import type { DiffOutput, Verdict } from '@helmforge/diff';
import { Option, type Command } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { VERSION, type Io } from '../program.js';
import { composeFor } from './generate.js';
import { collect, collectList } from './options.js';

// spelled out so that parsing the command line does not load the diff package; `satisfies` keeps them in step
const OUTPUTS = ['text', 'json', 'markdown', 'sarif'] satisfies DiffOutput[];
const FAIL_ON = ['restart', 'replaced'] satisfies Verdict[];


interface DiffFlags {
  values?: string[];
  set?: string[];
  setString?: string[];
  scenarios?: boolean;
  release?: string;
  namespace: string;
  kubernetesVersion: string;
  manifests?: string;
  output: DiffOutput;
  failOn?: string[];
  verbose?: boolean;
  color?: boolean;
  helmBin?: string;
  version?: string;
  oldVersion?: string;
  newVersion?: string;
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
}

/** Colours on a terminal, unless NO_COLOR (no-color.org); FORCE_COLOR or --color asks for them anyway. */
function wantColor(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if ((process.env.NO_COLOR ?? '') !== '') return false;
  return (process.env.FORCE_COLOR ?? '') !== '' || process.stdout.isTTY === true;
}

export function diffCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('Say what `helm upgrade` from OLD to NEW would do: what fails on immutable fields, what loses data, what is replaced, which pods restart, which hooks run.')
    .argument('[old]', 'the installed version: a chart directory, .tgz, oci:// reference, or a saved release manifest (helm get manifest RELEASE > old.yaml; - for stdin)')
    .argument('[new]', 'the version to upgrade to: a chart directory, .tgz or oci:// reference (or a manifest)')
    .option('-f, --values <file>', 'values file for both sides, as helm -f (repeatable)', collect)
    .option('--set <key=value>', 'value for both sides, as helm --set (repeatable)', collect)
    .option('--set-string <key=value>', 'string value for both sides, as helm --set-string (repeatable)', collect)
    .option('--scenarios', 'diff the defaults and every ci/*-values.yaml scenario of the charts')
    .option('--release <name>', 'release name (default: the new chart\'s name)')
    .option('-n, --namespace <namespace>', 'release namespace', 'default')
    .option('-k, --kubernetes-version <version>', 'Capabilities.KubeVersion of both renders', '1.33.0')
    .option('--manifests <file>', 'the old side is this saved release manifest (then give only NEW)')
    .addOption(new Option('-o, --output <format>', 'report format').choices(OUTPUTS).default('text'))
    .addOption(new Option('--fail-on <verdicts>', 'exit 1 on these verdicts too (comma-separated), besides will-fail and data-loss').argParser(collectList))
    .option('--verbose', 'also list unchanged objects')
    .option('--color', 'colour the text report even when not on a terminal')
    .option('--no-color', 'never colour the text report')
    .option('--helm-bin <path>', 'helm binary (default: $HELM_BIN, then helm on PATH)')
    .option('--version <version>', 'chart version of oci:// references on both sides (helm pull --version)')
    .option('--old-version <version>', 'chart version of an oci:// OLD')
    .option('--new-version <version>', 'chart version of an oci:// NEW')
    .option('--plain-http', 'the OCI registry speaks plain HTTP')
    .option('--insecure-skip-tls-verify', "accept the OCI registry's certificate unchecked")
    .addHelpText(
      'after',
      [
        '',
        'Exit code 0 when nothing will fail or lose data, 1 otherwise (or when a side cannot be rendered), 2 usage error.',
        'Examples:',
        '  helmforge diff charts/platform ../next/charts/platform',
        '  helm get manifest platform > old.yaml && helmforge diff old.yaml charts/platform -f prod-values.yaml',
        '  helmforge diff oci://registry.local:5000/charts/platform charts/platform --old-version 0.1.0 --plain-http -o markdown',
      ].join('\n'),
    )
    .action(async (oldArg: string | undefined, newArg: string | undefined, f: DiffFlags) => {
      const given = [oldArg, newArg].filter((s): s is string => s !== undefined);
      const sides = f.manifests !== undefined ? [f.manifests, ...given] : given;
      if (sides.length !== 2) {
        io.err(f.manifests !== undefined ? 'helmforge diff: with --manifests OLD.yaml give one chart: helmforge diff --manifests old.yaml NEW\n' : 'helmforge diff: give OLD and NEW (chart directories, .tgz files, oci:// references or manifest files)\n');
        setExit(2);
        return;
      }
      const bad = (f.failOn ?? []).filter((v) => !(FAIL_ON as string[]).includes(v));
      if (bad.length > 0) {
        io.err(`helmforge diff: --fail-on ${bad.join(',')}: expected ${FAIL_ON.join(' or ')} (will-fail and data-loss always fail)\n`);
        setExit(2);
        return;
      }
      const { diffCommand: runDiff } = await import('@helmforge/diff');
      const code = await runDiff(sides[0] as string, sides[1] as string, {
        ...(f.values ? { valuesFiles: f.values } : {}),
        ...(f.set ? { set: f.set } : {}),
        ...(f.setString ? { setString: f.setString } : {}),
        ...(f.scenarios ? { scenarios: true } : {}),
        ...(f.release ? { release: f.release } : {}),
        namespace: f.namespace,
        kubernetesVersion: f.kubernetesVersion,
        ...(f.manifests !== undefined ? { oldIsManifest: true } : {}),
        failOn: (f.failOn ?? []) as Verdict[],
        ...(f.helmBin ? { helmBin: f.helmBin } : {}),
        ...(f.oldVersion ?? f.version ? { oldVersion: (f.oldVersion ?? f.version) as string } : {}),
        ...(f.newVersion ?? f.version ? { newVersion: (f.newVersion ?? f.version) as string } : {}),
        ...(f.plainHttp ? { plainHttp: true } : {}),
        ...(f.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
        output: f.output,
        color: wantColor(f.color),
        ...(f.verbose ? { verbose: true } : {}),
        toolVersion: VERSION,
      }, { out: io.out, err: io.err, stdin: process.stdin });
      setExit(code);
    });
}

/**
 * `helmforge generate --diff`: what upgrading a release of the chart on disk (the committed one) to the chart the
 * stack file generates now would do, said before anything is written. Returns the diff's exit code.
 */
export async function showUpgradeDiff(options: { config: string; out: string }, io: Io): Promise<number> {
  // composed as generate composes it, against the chart on disk: subchart versions (in every helm.sh/chart label)
  // follow the recorded ones, which a composition from scratch would reset
  const { platform, chartDir: current } = composeFor(options);
  const shown = relative(process.cwd(), current) || '.';
  if (!existsSync(join(current, 'Chart.yaml'))) {
    io.out(`no chart at ${shown} yet: every object is new, there is no release to compare with\n`);
    return 0;
  }
  const { temporaryDirectory, removeTemporaryDirectory } = await import('@helmforge/validator');
  const work = temporaryDirectory('diff');
  try {
    const next = join(work, platform.metadata.name);
    for (const [path, content] of platform.chart) {
      mkdirSync(dirname(join(next, path)), { recursive: true });
      writeFileSync(join(next, path), content);
    }
    const { diffCommand: runDiff } = await import('@helmforge/diff');
    return await runDiff(current, next, { color: wantColor(undefined), labels: { old: shown, new: `${shown} as ${options.config} generates it` }, toolVersion: VERSION }, io);
  } finally {
    removeTemporaryDirectory(work);
  }
}
