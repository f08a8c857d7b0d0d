import type { Writer } from '../output/output.js';

export interface CommandIO {
  stdout: Writer;
  stderr: Writer;
  stdin?: NodeJS.ReadableStream;
  /** Standard input is a terminal or other character device (nothing piped in), as kubeconform checks. */
  stdinIsTerminal?: boolean;
}

/** Collects small writes into larger ones (one write per ~64 KiB instead of one per line). */
export class BufferedWriter implements Writer {
  private buf = '';
  constructor(private readonly target: Writer) {}
  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= 65536) this.flush();
  }
  flush(): void {
    if (this.buf !== '') {
      this.target.write(this.buf);
      this.buf = '';
    }
  }
}
