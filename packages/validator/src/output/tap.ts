// kubeconform's TAP output: the version line, one `ok` / `not ok` line per document (resources named
// apiVersion/kind/namespace/name), the plan at the end.
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, qualifiedName, resultPath } from './output.js';

export class TapOutput extends CountingOutput {
  private index = 0;

  protected report(r: ValidationResult): void {
    this.index++;
    if (this.index === 1) this.w.write('TAP version 13\n');
    const path = resultPath(r);
    const msg = (r.message ?? '').replace(/\n/g, ' ');
    switch (r.status) {
      case 'valid':
        this.w.write(`ok ${this.index} - ${path} (${qualifiedName(r)})\n`);
        break;
      case 'invalid':
        this.w.write(`not ok ${this.index} - ${path} (${qualifiedName(r)}): ${msg}\n`);
        break;
      case 'empty':
        this.w.write(`ok ${this.index} - ${path} (empty)\n`);
        break;
      case 'error':
        this.w.write(`not ok ${this.index} - ${path}: ${msg}\n`);
        break;
      case 'skipped':
        this.w.write(`ok ${this.index} - ${path} (${qualifiedName(r)}) # skip\n`);
        break;
    }
  }

  flush(): void {
    this.w.write(`1..${this.index}\n`);
  }
}
