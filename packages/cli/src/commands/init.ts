import { HelmforgeError } from '@helmforge/core';
import { STARTER_STACK } from '@helmforge/umbrella';
import type { Command } from 'commander';
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { show } from '../errors.js';
import { stagingPrefix, writeFileAtomically } from '../files.js';
import type { Io } from '../program.js';

export function initCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('Write a starter stack file for an on-premises platform: three nodes, an NFS server exporting /nfsdata, a private registry, Prometheus and Grafana, a web app and an API, and a nightly backup.')
    .option('-c, --config <file>', 'where to write the stack file', 'helmforge.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action((options: { config: string; force?: boolean }) => {
      const file = options.config;
      const kind = entryKind(file);
      if (kind === 'directory' || kind === 'other') {
        throw new HelmforgeError(`refusing to write the stack file to ${show(file)}: it is a ${kind === 'directory' ? 'directory' : 'special file or link'}, not a file; pass --config with a file path. Nothing was changed.`);
      }
      if (kind === 'file' && !options.force) {
        throw new HelmforgeError(`${file} already exists`, [{ file, message: 'refusing to overwrite it', hint: 'pass --force, or --config to write elsewhere' }]);
      }
      // written beside the target and renamed over it: a crash leaves the old file or the new one; a sibling left by a
      // run that was killed is removed by the next init
      const prefix = stagingPrefix(file);
      for (const name of readdirSync(dirname(file))) if (name.startsWith(prefix)) rmSync(join(dirname(file), name), { force: true });
      writeFileAtomically(file, STARTER_STACK);
      io.out(`wrote ${file}; next: helmforge generate --config ${file}\n`);
      setExit(0);
    });
}

function entryKind(path: string): 'none' | 'file' | 'directory' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
}
