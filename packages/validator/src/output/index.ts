import { JsonOutput } from './json.js';
import { JunitOutput } from './junit.js';
import type { Output, OutputFormat, OutputOptions, Writer } from './output.js';
import { PrettyOutput } from './pretty.js';
import { SarifOutput } from './sarif.js';
import { TapOutput } from './tap.js';
import { TextOutput } from './text.js';

export function createOutput(format: OutputFormat, w: Writer, options: OutputOptions = {}): Output {
  switch (format) {
    case 'text':
      return new TextOutput(w, options);
    case 'json':
      return new JsonOutput(w, options);
    case 'junit':
      return new JunitOutput(w, options);
    case 'tap':
      return new TapOutput(w, options);
    case 'pretty':
      return new PrettyOutput(w, options);
    case 'sarif':
      return new SarifOutput(w, options);
  }
}

export { JsonOutput, JunitOutput, PrettyOutput, SarifOutput, TapOutput, TextOutput };
export { OUTPUT_FORMATS, Counter, resultPath, summaryLine, type Output, type OutputFormat, type OutputOptions, type Writer } from './output.js';
