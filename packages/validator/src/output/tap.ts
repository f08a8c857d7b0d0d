// kubeconform's TAP output: the version line, one `ok` / `not ok` line per document (resources named
// apiVersion/kind/namespace/name), the plan at the end.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingPath, findingText, qualifiedName, resultPath } from './output.js';

export class TapOutput extends CountingOutput {
  private index = 0;

  private next(): number {
    this.index++;
    if (this.index === 1) this.w.write('TAP version 13\n');
    return this.index;
  }

  /** A finding is a test point: not ok for errors and warnings, ok with a TODO directive for information. */
  protected reportFinding(f: Finding): void {
    const n = this.next();
    const o = f.object;
    const name = `${findingPath(f)} (${o.apiVersion}/${o.kind}/${o.namespace}/${o.name}) - ${findingText(f).replace(/\n/g, ' ')}`;
    this.w.write(f.severity === 'info' ? `ok ${n} - ${name} # TODO information only\n` : `not ok ${n} - ${name}\n`);
  }

  protected report(r: ValidationResult): void {
    this.next();
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
    if (this.index === 0 && this.opts.schemas === false) this.w.write('TAP version 13\n');
    this.w.write(`1..${this.index}\n`);
  }
}
