import { JsonOutput } from './json.js';
import { JunitOutput } from './junit.js';
import type { Output, OutputFormat, OutputOptions, Writer } from './output.js';
import { PrettyOutput } from './pretty.js';
import { SarifOutput } from './sarif.js';
import { TapOutput } from './tap.js';
import { TextOutput } from './text.js';

const FORMATS: Record<OutputFormat, new (w: Writer, options: OutputOptions) => Output> = {
  text: TextOutput,
  json: JsonOutput,
  junit: JunitOutput,
  tap: TapOutput,
  pretty: PrettyOutput,
  sarif: SarifOutput,
};

export function createOutput(format: OutputFormat, w: Writer, options: OutputOptions = {}): Output {
  return new FORMATS[format](w, options);
}

export { JsonOutput, JunitOutput, PrettyOutput, SarifOutput, TapOutput, TextOutput };
export { OUTPUT_FORMATS, Counter, resultPath, summaryLine, type Output, type OutputFormat, type OutputOptions, type Writer } from './output.js';
