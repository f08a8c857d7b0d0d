import { UsageError } from '@helmforge/core';
import { APP_CHART, COMPONENTS, stackSchema, valuesSchemaOf } from '@helmforge/umbrella';
import type { Command } from 'commander';
import type { Io } from '../program.js';

export function schemaCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const charts = [...COMPONENTS.map((c) => c.chart), APP_CHART];
  program
    .command('schema')
    .description('Print a JSON Schema: the stack file\'s (default) or a subchart\'s values schema.')
    .option('--chart <name>', `a subchart: ${charts.map((c) => c.CHART_NAME).join(', ')}`)
    .action((options: { chart?: string }) => {
      let schema = stackSchema();
      if (options.chart) {
        const chart = charts.find((c) => c.CHART_NAME === options.chart);
        if (!chart) throw new UsageError(`unknown chart "${options.chart}"; known charts: ${charts.map((c) => c.CHART_NAME).join(', ')}`);
        schema = valuesSchemaOf(chart);
      }
      io.out(`${JSON.stringify(schema, null, 2)}\n`);
      setExit(0);
    });
}
