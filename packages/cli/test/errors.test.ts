// Every file-system error and every parser exception is one line through the bin — what failed, the path, what to do —
// never a stack trace; --debug adds the stack. Each case provokes the real error: as root, EACCES needs the bin run
// without CAP_DAC_OVERRIDE (setpriv), ENOSPC a small tmpfs mounted for the test.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { BIN, helmforge, workspace } from './support.js';

const HELM = join(REPO_ROOT, '.tools', 'helm-4', 'helm');
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
});

/** Aliases nested ten deep: 10^10 values if expanded. */
const aliasBomb = ['apiVersion: helmforge.dev/v1alpha1', 'kind: Platform', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  .concat(Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`))
  .join('\n');

interface Case {
  code: string;
  /** Prepares the workspace; returns the helmforge arguments, and how to run the bin if not plainly. */
  setup: (dir: string) => { args: string[]; prefix?: string[]; env?: Record<string, string> };
  line: RegExp;
}

const cases: Case[] = [
  { code: 'ENOENT', setup: () => ({ args: ['generate', '--config', 'nope.yaml'] }), line: /^helmforge generate: cannot read the stack file nope\.yaml: no such file; run `helmforge init` to write a starter stack file, or pass --config FILE$/ },
  {
    code: 'ENOTDIR',
    setup: (dir) => (writeFileSync(join(dir, 'notes.txt'), 'x\n'), { args: ['generate', '--config', 'notes.txt/helmforge.yaml'] }),
    line: /^helmforge generate: cannot open notes\.txt\/helmforge\.yaml: a part of the path is a file, not a directory \(ENOTDIR\); check the path$/,
  },
  {
    code: 'EISDIR',
    setup: (dir) => (mkdirSync(join(dir, 'conf')), { args: ['generate', '--config', 'conf'] }),
    line: /^helmforge generate: cannot read conf: it is a directory, where a file is expected \(EISDIR\); give the path of a file$/,
  },
  {
    code: 'EACCES',
    setup: (dir) => {
      mkdirSync(join(dir, 'charts'));
      chmodSync(join(dir, 'charts'), 0o555);
      // root without CAP_DAC_OVERRIDE: permissions apply to it as to anyone
      return { args: ['generate'], prefix: ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--'] };
    },
    line: /^helmforge generate: cannot create the directory charts\/\.platform\.helmforge-lock: permission denied \(EACCES\); check the permissions of the path and of its directories/,
  },
  {
    code: 'EEXIST',
    setup: (dir) => (helmforge(['generate'], dir), writeFileSync(join(dir, 'dist'), 'a file\n'), { args: ['package', '-d', 'dist'], env: { HELM_BIN: HELM } }),
    line: /^helmforge package: cannot create the directory dist: something else is already there \(EEXIST\); move it away or choose another path$/,
  },
  {
    code: 'ENOTEMPTY',
    setup: (dir) => {
      // a lock left by a process that is gone, with something inside that helmforge did not put there
      mkdirSync(join(dir, 'charts', '.platform.helmforge-lock'), { recursive: true });
      writeFileSync(join(dir, 'charts', '.platform.helmforge-lock', 'note'), 'x\n');
      writeFileSync(join(dir, 'charts', '.platform.helmforge-lock.owner'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), command: 'generate', verb: 'writing' }));
      return { args: ['generate'] };
    },
    line: /^helmforge generate: cannot remove the directory charts\/\.platform\.helmforge-lock: the directory is not empty \(ENOTEMPTY\); look at what is in it/,
  },
  {
    code: 'ENOSPC',
    setup: (dir) => {
      const full = join(dir, 'full');
      mkdirSync(full);
      const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'helmforge-test', full], { encoding: 'utf8' });
      expect(mount.status, mount.stderr).toBe(0);
      mounts.push(full);
      return { args: ['generate', '--out', 'full/charts', '--schemas', 'full/schemas'] };
    },
    line: /^helmforge generate: cannot write full\/(charts\/platform|schemas)\/\S+: no space left on the device \(ENOSPC\); free some space/,
  },
  {
    code: 'YAML alias limit',
    setup: (dir) => (writeFileSync(join(dir, 'bomb.yaml'), aliasBomb), { args: ['generate', '--config', 'bomb.yaml'] }),
    line: /^helmforge generate: bomb\.yaml:4:10: its aliases expand to too much data \(more than 100 alias nodes to resolve\); write the values out/,
  },
  {
    code: 'several documents',
    setup: (dir) => (writeFileSync(join(dir, 'two.yaml'), 'apiVersion: helmforge.dev/v1alpha1\n---\nkind: Platform\n'), { args: ['generate', '--config', 'two.yaml'] }),
    line: /^helmforge generate: two\.yaml:2:1: a second YAML document starts here, and a stack file is one document; remove this --- line/,
  },
  {
    code: 'invalid UTF-8',
    setup: (dir) => (writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('apiVersion: helmforge.dev/v1alpha1\nkind: Platform\n# caf\xe9\n', 'latin1')), { args: ['generate', '--config', 'latin1.yaml'] }),
    line: /^helmforge generate: latin1\.yaml:3:6: the byte 0xe9 is not UTF-8 text; save the file as UTF-8$/,
  },
];

function run(c: Case, debug: boolean) {
  const dir = workspace();
  const { args, prefix = [], env = {} } = c.setup(dir);
  const argv = [...prefix, process.execPath, BIN, ...args, ...(debug ? ['--debug'] : [])];
  const r = spawnSync(argv[0] as string, argv.slice(1), { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('one-line errors through the bin', () => {
  it.each(cases.map((c) => [c.code, c] as const))('%s: one line naming the path and what to do, exit 1', (_code, c) => {
    const r = run(c, false);
    expect(r.stderr).toMatch(/^[^\n]*\n$/);
    expect(r.stderr.trimEnd()).toMatch(c.line);
    expect(r.status).toBe(1);
  });

  it.each(cases.filter((c) => /^E[A-Z]+$/.test(c.code)).map((c) => [c.code, c] as const))('%s with --debug: the same line, then the stack', (_code, c) => {
    const r = run(c, true);
    const [first, ...stack] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(c.line);
    // the error as Node has it, then its frames (none for an error from an asynchronous fs call)
    expect(stack[0]).toMatch(/^\w*Error: /);
    expect(stack.slice(1).every((l) => /^\s+at /.test(l))).toBe(true);
    expect(r.status).toBe(1);
  });
});
