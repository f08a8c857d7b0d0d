// A reproducible chart archive: the files `helm package` would put in <name>-<version>.tgz, in Helm's order, written
// with fixed modes, owners and times and a gzip header without a timestamp, so the same chart gives the same bytes and
// digest on every machine (`helm package` stamps the time of packaging). tar-stream writes the tar, zlib deflates.
import ignore from 'ignore';
import { pack } from 'tar-stream';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { readTree, type FileTree } from '@helmforge/core';
import { parse } from 'yaml';

/**
 * The time stamped on every entry (and on the .tgz file, which `helm push` records as the OCI `created` annotation):
 * SOURCE_DATE_EPOCH (reproducible-builds.org; e.g. the commit time) when set, else the Unix epoch.
 */
export function sourceDate(env: NodeJS.ProcessEnv = process.env): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date(0);
  if (!/^\d+$/.test(raw)) throw new Error(`SOURCE_DATE_EPOCH=${raw} is not a number of seconds since 1970: unset it or set it to e.g. $(git log -1 --format=%ct)`);
  return new Date(Number(raw) * 1000);
}

/** The chart's files as Helm loads them: what its .helmignore leaves, then each vendored subchart the same way. */
function entries(tree: FileTree, base: string): { path: string; content: string }[] {
  const ignored = ignore().add(tree.get('.helmignore') ?? '');
  const own = [...tree.keys()].filter((p) => !p.startsWith('charts/') && !ignored.ignores(p));
  // Helm writes Chart.yaml, Chart.lock, values.yaml and the schema first, then templates, then the other files.
  const rank = (p: string) => ['Chart.yaml', 'Chart.lock', 'values.yaml', 'values.schema.json'].indexOf(p) + 1 || (p.startsWith('templates/') ? 5 : 6);
  own.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out = own.map((p) => ({ path: `${base}/${p}`, content: tree.get(p) ?? '' }));
  // Subcharts in the order Chart.yaml lists them (as Helm saves them), each once.
  const dependencies = (parse(tree.get('Chart.yaml') ?? '') as { dependencies?: { name: string }[] } | null)?.dependencies ?? [];
  for (const name of new Set(dependencies.map((d) => d.name))) {
    const sub: FileTree = new Map([...tree].filter(([p]) => p.startsWith(`charts/${name}/`)).map(([p, c]) => [p.slice(`charts/${name}/`.length), c]));
    if (sub.size) out.push(...entries(sub, `${base}/charts/${name}`));
  }
  return out;
}

async function tar(files: { path: string; content: string }[], mtime: Date): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const f of files) {
    const body = Buffer.from(f.content, 'utf8');
    // Regular files only, no directory entries, owner 0:0 without names: what Helm writes, minus its clock.
    await new Promise<void>((resolve, reject) => archive.entry({ name: f.path, size: body.length, mode: 0o644, mtime, uid: 0, gid: 0, type: 'file' }, body, (e) => (e ? reject(e) : resolve())));
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** gzip (RFC 1952) with MTIME 0 and OS 255 (unknown), so the header does not depend on the clock or the platform. */
function gzip(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([header, deflateRawSync(data, { level: constants.Z_BEST_COMPRESSION }), trailer]);
}

/** <name>-<version>.tgz of the chart in `chartDir`, as bytes. */
export async function chartArchive(chartDir: string, name: string, mtime: Date): Promise<Buffer> {
  return gzip(await tar(entries(readTree(chartDir), name), mtime));
}
