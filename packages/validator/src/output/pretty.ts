// kubeconform's pretty output: ✔ / ✖ / - marks, in kubeconform's colours (red, green, yellow) unless told not to.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingPath, findingText, resultPath } from './output.js';

/** Colour and mark of each finding severity. */
const SEVERITY = { error: [31, '\u2716'], warning: [33, '!'], info: [36, 'i'] } as const;

export class PrettyOutput extends CountingOutput {
  private paint(code: number, s: string): string {
    return this.opts.color ? `\u001b[${code}m${s}\u001b[0m` : s;
  }

  protected report(r: ValidationResult): void {
    const path = resultPath(r);
    const what = [r.kind, r.name].filter((x) => x !== '').join(' ');
    switch (r.status) {
      case 'valid':
        if (this.opts.verbose) this.w.write(`${this.paint(32, '\u2714')} ${path}: ${this.paint(32, `${what} is valid`)}\n`);
        break;
      case 'invalid':
        this.w.write(`${this.paint(31, '\u2716')} ${path}: ${this.paint(31, `${what} is invalid: ${r.message ?? ''}`)}\n`);
        break;
      case 'error':
        this.w.write(`${this.paint(31, '\u2716')} ${path}: ${this.paint(31, `${what ? `${what} ` : ''}failed validation: ${r.message ?? ''}`)}\n`);
        break;
      case 'skipped':
        if (this.opts.verbose) this.w.write(`${this.paint(33, '-')} ${path}: ${this.paint(33, `${what ? `${what} ` : ''}skipped`)}\n`);
        break;
      case 'empty':
        break;
    }
  }

  protected reportFinding(f: Finding): void {
    const [code, mark] = SEVERITY[f.severity];
    this.w.write(`${this.paint(code, mark)} ${findingPath(f)}: ${this.paint(code, findingText(f))}\n`);
  }

  flush(): void {
    if (this.opts.summary) this.w.write(this.summaryLines());
  }
}
