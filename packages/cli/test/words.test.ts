// What the command line says to a user: an unknown command is a usage error (whatever follows it), and the help and
// README describe the starter stack in the user's terms.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../tools/testkit/helm.js';
import { helmforge as run } from './support.js';

const helmforge = (args: string[]) => run(args, REPO_ROOT);

describe('unknown commands', () => {
  it.each([['deploy', '--help'], ['deploy'], ['rollout', 'a', 'b'], ['--help-me-not']])('helmforge %s … is a usage error, exit 2', (...args) => {
    const r = helmforge(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown (command|option) '[^']+'\n/);
  });

  it('known commands and help still answer with exit 0', () => {
    expect(helmforge(['--help']).status).toBe(0);
    expect(helmforge(['help', 'generate']).stdout).toMatch(/Usage: helmforge generate/);
    expect(helmforge(['package', '--help']).status).toBe(0);
  });
});

describe("the user's words", () => {
  // (commander wraps help text; Markdown adds backticks)
  const plain = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ');
  const help = plain(helmforge(['--help']).stdout + helmforge(['init', '--help']).stdout);
  const readme = plain(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));

  it('help and README describe the starter stack as what it is: three nodes, an NFS server, registry, monitoring, apps', () => {
    for (const text of [help, readme]) {
      expect(text).toMatch(/three nodes/);
      expect(text).toMatch(/NFS server exporting \/nfsdata/);
    }
    expect(help).toMatch(/helm install platform \.\/charts\/platform .*--render-subchart-notes/);
  });

  it('no internal wording reaches the user', () => {
    for (const text of [help, readme, readFileSync(join(REPO_ROOT, 'helmforge.yaml'), 'utf8')]) expect(text).not.toMatch(/\bseed\b/i);
  });
});
