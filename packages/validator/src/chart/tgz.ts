// Reads the files of a packaged chart (.tgz) that helmforge needs without unpacking it: the ci/ values scenarios.
import { gunzipSync } from 'node:zlib';

/** Entries of a (gzipped) tar archive whose path matches `want`, as path → content. */
export function readTarEntries(tgz: Buffer, want: (path: string) => boolean): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const out = new Map<string, Buffer>();
  let pos = 0;
  let longName: string | undefined;
  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number): string => header.toString('utf8', from, from + len).replace(/\0.*$/s, '');
    let name = field(0, 100);
    const prefix = field(345, 155);
    if (prefix !== '') name = `${prefix}/${name}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 48);
    const body = tar.subarray(pos + 512, pos + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else {
      if (longName !== undefined) {
        name = longName;
        longName = undefined;
      }
      if ((type === '0' || type === '\0') && want(name)) out.set(name, Buffer.from(body));
    }
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
