// Splits a byte stream into YAML documents without holding more than one document in memory.
// A document ends at a line that starts with `---` (a YAML document marker); `# Source: path` comments that
// `helm template` writes are kept with their document. Oversized, binary and non-UTF-8 documents become
// documents that carry an error instead of text, so that the rest of the stream is still validated.
import { isUtf8 } from 'node:buffer';

/** One document of a stream, before parsing. */
export interface RawDocument {
  /** File path as given (or found under a directory), or `stdin`. */
  filename: string;
  /** 0-based index of the document in its file. */
  docIndex: number;
  /** 1-based line where the document's text starts. */
  line: number;
  /** Template path from a `# Source:` comment in `helm template` output. */
  source?: string;
  /** UTF-8 text of the document; absent when `error` is set. */
  text?: string;
  /** Why the document could not be read. */
  error?: string;
}

export interface SplitOptions {
  /** Documents larger than this become an error (default 3 MiB, the Kubernetes API server's request limit). */
  maxDocumentBytes?: number;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;

const NL = 0x0a;
const DASH = 0x2d;
const SOURCE_PREFIX = Buffer.from('# Source: ');

/** Incremental splitter: push chunks, collect finished documents. */
export class DocumentSplitter {
  private readonly max: number;
  private parts: Buffer[] = [];
  private size = 0;
  private oversized = false;
  private carry: Buffer | undefined;
  /** The carried partial line was dropped because it was too long: the next bytes continue it. */
  private inLongLine = false;
  private lineNo = 0; // lines completed so far
  private docIndex = 0;
  private docLine = 1;
  private source: string | undefined;

  constructor(
    private readonly filename: string,
    options: SplitOptions = {},
  ) {
    this.max = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  }

  push(chunk: Buffer, out: RawDocument[]): void {
    let data = chunk;
    if (this.carry !== undefined) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let pos = 0;
    let docStart = 0;
    const len = data.length;
    while (pos < len) {
      const nl = data.indexOf(NL, pos);
      if (nl === -1) break;
      const continuing = this.inLongLine;
      this.inLongLine = false;
      this.lineNo++;
      if (!continuing && data[pos] === DASH && isMarker(data, pos, nl)) {
        this.append(data, docStart, pos);
        this.finish(out);
        // text after the marker on the same line (`--- {...}`) belongs to the new document
        const rest = data.subarray(pos + 3, nl);
        this.docLine = this.lineNo + (isBlank(rest) ? 1 : 0);
        docStart = isBlank(rest) ? nl + 1 : pos + 3;
      } else if (!continuing && this.source === undefined && data[pos] === 0x23 && startsWith(data, pos, SOURCE_PREFIX)) {
        this.source = data.toString('utf8', pos + SOURCE_PREFIX.length, nl).trim();
      }
      pos = nl + 1;
    }
    this.append(data, docStart, pos);
    if (pos < len) {
      const tail = data.subarray(pos);
      if (tail.length > this.max) {
        this.size += tail.length;
        this.oversized = true;
        this.parts = [];
        this.inLongLine = true;
      } else {
        this.carry = Buffer.from(tail); // copy: the chunk may be large
      }
    }
  }

  end(out: RawDocument[]): void {
    if (this.carry !== undefined) {
      this.append(this.carry, 0, this.carry.length);
      this.carry = undefined;
    }
    this.finish(out);
  }

  private append(data: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.size += to - from;
    if (this.oversized) return;
    if (this.size > this.max) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(data.subarray(from, to));
  }

  private finish(out: RawDocument[]): void {
    const doc: RawDocument = { filename: this.filename, docIndex: this.docIndex, line: this.docLine };
    if (this.source !== undefined) doc.source = this.source;
    if (this.oversized) {
      doc.error = `document is ${formatBytes(this.size)}, over the ${formatBytes(this.max)} limit (the Kubernetes API server rejects requests over 3 MiB): split it or check it is really a manifest`;
    } else {
      const buf = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
      const nul = buf.indexOf(0);
      if (nul !== -1) {
        doc.error = `binary data (NUL byte at offset ${nul} of the document): this is not a YAML or JSON manifest`;
      } else if (!isUtf8(buf)) {
        doc.error = `invalid UTF-8 at byte ${firstInvalidUtf8(buf)} of the document: manifests must be UTF-8 text`;
      } else {
        doc.text = buf.toString('utf8');
      }
    }
    out.push(doc);
    this.docIndex++;
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.source = undefined;
  }
}

function isMarker(data: Buffer, pos: number, nl: number): boolean {
  if (nl - pos < 3 || data[pos + 1] !== DASH || data[pos + 2] !== DASH) return false;
  if (nl - pos === 3) return true;
  const c = data[pos + 3];
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

function startsWith(data: Buffer, pos: number, prefix: Buffer): boolean {
  return data.length - pos >= prefix.length && data.compare(prefix, 0, prefix.length, pos, pos + prefix.length) === 0;
}

function isBlank(b: Buffer): boolean {
  for (const c of b) if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return c === 0x23 ? true : false;
  return true;
}

function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const c = buf[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Splits a whole stream. Yields documents as soon as they are complete. */
export async function* splitStream(
  filename: string,
  stream: AsyncIterable<Buffer | string>,
  options: SplitOptions = {},
): AsyncGenerator<RawDocument> {
  const splitter = new DocumentSplitter(filename, options);
  const out: RawDocument[] = [];
  for await (const chunk of stream) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, out);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  splitter.end(out);
  yield* out;
}

/** Splits an in-memory text or buffer. */
export function splitText(filename: string, content: string | Buffer, options: SplitOptions = {}): RawDocument[] {
  const splitter = new DocumentSplitter(filename, options);
  const out: RawDocument[] = [];
  splitter.push(typeof content === 'string' ? Buffer.from(content) : content, out);
  splitter.end(out);
  return out;
}
