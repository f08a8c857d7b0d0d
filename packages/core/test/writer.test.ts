import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTree, readTree, writeTreesAtomically } from '../src/writer.js';
import { tempDir } from '../../../tools/testkit/temp.js';

const temp = () => tempDir('writer');

describe('atomic, deterministic writer', () => {
  it('replaces a directory with exactly the tree, LF and one final newline', () => {
    const root = temp();
    const dir = join(root, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.txt'), 'old');
    writeTreesAtomically([{ dir, tree: new Map([['b/c.txt', 'x\r\ny\n\n\n'], ['a.txt', 'a']]) }]);
    expect([...readTree(dir)]).toEqual([['a.txt', 'a\n'], ['b/c.txt', 'x\ny\n']]);
    expect(readdirSync(root)).toEqual(['out']);
  });

  it('leaves every target untouched when a write fails part-way', () => {
    const root = temp();
    const first = join(root, 'first');
    mkdirSync(first);
    writeFileSync(join(first, 'keep.txt'), 'precious\n');
    // The second target's parent is a file, so staging it fails after the first tree was staged.
    writeFileSync(join(root, 'blocker'), '');
    const second = join(root, 'blocker', 'second');
    expect(() => writeTreesAtomically([{ dir: first, tree: new Map([['new.txt', 'n']]) }, { dir: second, tree: new Map([['x', 'y']]) }])).toThrow();
    expect([...readTree(first)]).toEqual([['keep.txt', 'precious\n']]);
    expect(readdirSync(root).sort()).toEqual(['blocker', 'first']);
  });

  it('rolls the first target back when the swap fails half-way, at the second target', () => {
    const root = temp();
    const first = join(root, 'first');
    mkdirSync(first);
    writeFileSync(join(first, 'keep.txt'), 'precious\n');
    // the second target is a mount point: renaming it aside (its backup) fails with EBUSY, after the first was swapped
    const second = join(root, 'second');
    mkdirSync(second);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'helmforge-test', second], { encoding: 'utf8' });
    expect(mount.status, mount.stderr).toBe(0);
    try {
      writeFileSync(join(second, 'mine.txt'), 'also precious\n');
      expect(() => writeTreesAtomically([{ dir: first, tree: new Map([['new.txt', 'n']]) }, { dir: second, tree: new Map([['x', 'y']]) }])).toThrow(/EBUSY/);
      expect([...readTree(first)]).toEqual([['keep.txt', 'precious\n']]);
      expect([...readTree(second)]).toEqual([['mine.txt', 'also precious\n']]);
      // no staged tree, backup or journal left beside them
      expect(readdirSync(root).sort()).toEqual(['first', 'second']);
    } finally {
      spawnSync('umount', [second]);
    }
  });

  it('lists changed, missing and extra files', () => {
    const dir = temp();
    writeFileSync(join(dir, 'same'), 's\n');
    writeFileSync(join(dir, 'changed'), 'old\n');
    writeFileSync(join(dir, 'extra'), 'e\n');
    const diff = diffTree(dir, new Map([['same', 's'], ['changed', 'new'], ['missing', 'm']]));
    expect(diff).toEqual({ changed: ['changed'], missing: ['missing'], extra: ['extra'] });
  });
});
