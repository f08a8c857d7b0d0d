// kubeconform's text output: one line per invalid/error resource (and valid/skipped with -verbose), then one per
// lint finding.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingPath, findingText, resultPath } from './output.js';

export class TextOutput extends CountingOutput {
  protected report(r: ValidationResult): void {
    const path = resultPath(r);
    switch (r.status) {
      case 'valid':
        if (this.opts.verbose) this.w.write(`${path} - ${r.kind} ${r.name} is valid\n`);
        break;
      case 'invalid':
        this.w.write(`${path} - ${r.kind} ${r.name} is invalid: ${r.message ?? ''}\n`);
        break;
      case 'error':
        if (r.kind !== '' && r.name !== '') this.w.write(`${path} - ${r.kind} ${r.name} failed validation: ${r.message ?? ''}\n`);
        else this.w.write(`${path} - failed validation: ${r.message ?? ''}\n`);
        break;
      case 'skipped':
        // (name before kind: kubeconform prints it so)
        if (this.opts.verbose) this.w.write(`${path} - ${r.name} ${r.kind} skipped\n`);
        break;
      case 'empty':
        break;
    }
  }

  protected reportFinding(f: Finding): void {
    this.w.write(`${findingPath(f)} - ${findingText(f)}\n`);
  }

  flush(): void {
    if (this.opts.summary) this.w.write(this.summaryLines());
  }
}
