// kubeconform's text output: one line per invalid/error resource (and valid/skipped with -verbose).
import type { ValidationResult } from '../validator/result.js';
import { Counter, resultPath, summaryLine, type Output, type OutputOptions, type Writer } from './output.js';

export class TextOutput implements Output {
  private readonly counter = new Counter();
  constructor(
    private readonly w: Writer,
    private readonly opts: OutputOptions = {},
  ) {}

  get summary() {
    return this.counter.summary;
  }

  write(r: ValidationResult): void {
    this.counter.count(r);
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
        if (this.opts.verbose) this.w.write(`${path} - ${r.kind} ${r.name} skipped\n`);
        break;
      case 'empty':
        break;
    }
  }

  flush(): void {
    if (this.opts.summary) this.w.write(summaryLine(this.counter, this.opts.isStdin ?? false));
  }
}
