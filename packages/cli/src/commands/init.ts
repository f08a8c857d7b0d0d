import { HelmforgeError } from '@helmforge/core';
import { STARTER_STACK } from '@helmforge/umbrella';
import type { Command } from 'commander';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { Io } from '../program.js';

export function initCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('Write a starter stack file for an on-premises platform: three nodes, an NFS server exporting /nfsdata, a private registry, Prometheus and Grafana, a web app and an API, and a nightly backup.')
    .option('-c, --config <file>', 'where to write the stack file', 'helmforge.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action((options: { config: string; force?: boolean }) => {
      if (existsSync(options.config) && !options.force) {
        throw new HelmforgeError(`${options.config} already exists`, [{ file: options.config, message: 'refusing to overwrite it', hint: 'pass --force, or --config to write elsewhere' }]);
      }
      const tmp = `${options.config}.tmp-${process.pid}`;
      writeFileSync(tmp, STARTER_STACK);
      renameSync(tmp, options.config);
      io.out(`wrote ${options.config}; next: helmforge generate --config ${options.config}\n`);
      setExit(0);
    });
}
