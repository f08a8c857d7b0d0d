import type { Writer } from '../output/output.js';
import type { CompileStats } from '../validator/schemas.js';

export interface CommandIO {
  stdout: Writer;
  stderr: Writer;
  stdin?: NodeJS.ReadableStream;
  /** Standard input is a terminal or other character device (nothing piped in), as kubeconform checks. */
  stdinIsTerminal?: boolean;
  /** Told at the end of a run how many schemas were compiled and how many came from the persistent cache. */
  stats?: (stats: CompileStats) => void;
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
