// kubeconform's TAP output: one `ok` / `not ok` line per document, the plan at the end.
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, resultPath } from './output.js';

export class TapOutput extends CountingOutput {
  private index = 0;

  protected report(r: ValidationResult): void {
    this.index++;
    const path = resultPath(r);
    const msg = (r.message ?? '').replace(/\n/g, ' ');
    switch (r.status) {
      case 'valid':
        this.w.write(`ok ${this.index} - ${path} (${r.kind})\n`);
        break;
      case 'invalid':
        this.w.write(`not ok ${this.index} - ${path} (${r.kind}): ${msg}\n`);
        break;
      case 'empty':
        this.w.write(`ok ${this.index} - ${path} (empty)\n`);
        break;
      case 'error':
        this.w.write(`not ok ${this.index} - ${path}: ${msg}\n`);
        break;
      case 'skipped':
        this.w.write(`ok ${this.index} #skip - ${path}\n`);
        break;
    }
  }

  flush(): void {
    this.w.write(`1..${this.index}\n`);
  }
}
