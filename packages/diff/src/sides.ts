// The two sides of a diff: a chart (directory, .tgz, or oci:// reference that helm pulls into a temporary
// directory) rendered with the real helm, or a saved release manifest (`helm get manifest RELEASE > old.yaml`, or
// `-` for standard input) taken as it is.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { chartScenarios, parseManifest, pullChart, readTarEntries, removeTemporaryDirectory, temporaryDirectory, type PullOptions } from '@helmforge/validator';
import { isObject } from './objects.js';

/** A side that cannot be used: reported as one line, exit 1. */
export class SideError extends Error {}

export type Side =
  | {
      kind: 'chart';
      /** As the user gave it. */
      label: string;
      /** What helm template is given: a directory or a .tgz. */
      path: string;
      /** The chart's name (Chart.yaml). */
      name: string;
      /** Its ci/*-values.yaml scenarios, by label (`ci/x-values.yaml`) → file. */
      scenarios: Map<string, string>;
      /** The directory the chart's `# Source:` paths start in, when the chart is a directory. */
      sourceRoot?: string;
      /** Removes what opening it created (a pulled chart, extracted scenarios). */
      close(): void;
    }
  | { kind: 'manifest'; label: string; text: string; close(): void };

export interface OpenOptions extends PullOptions {
  helm: string;
  /** Take the side as a manifest file even if it looks otherwise. */
  manifest?: boolean;
  stdin?: NodeJS.ReadableStream;
}

const isPackage = (p: string) => /\.(tgz|tar\.gz)$/.test(p);

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function chartName(chartYaml: string, where: string): string {
  const parsed = parseManifest(chartYaml, { strict: false });
  const name = parsed.ok && isObject(parsed.value) ? parsed.value.name : undefined;
  if (typeof name !== 'string' || name === '') throw new SideError(`${where}: no name in Chart.yaml`);
  return name;
}

/** A chart directory's ci/*-values.yaml scenarios as the validator finds them, the defaults left out. */
function dirScenarios(dir: string): Map<string, string> {
  return new Map(chartScenarios(dir).flatMap((s) => (s.valuesFile !== undefined ? [[s.label, s.valuesFile] as const] : [])));
}

function openChartDir(label: string, dir: string, close: () => void): Side {
  try {
    return { kind: 'chart', label, path: dir, name: chartName(readFileSync(join(dir, 'Chart.yaml'), 'utf8'), join(label, 'Chart.yaml')), scenarios: dirScenarios(dir), sourceRoot: dirname(resolve(dir)), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** A packaged chart: its name and ci/ files come out of the archive; helm template reads the .tgz itself. */
function openPackage(label: string, file: string): Side {
  let entries: Map<string, Buffer>;
  try {
    entries = readTarEntries(readFileSync(file), (p) => /^[^/]+\/Chart\.yaml$/.test(p) || /^[^/]+\/ci\/[^/]+-values\.ya?ml$/.test(p));
  } catch (error) {
    throw new SideError(`${label}: not a chart package (${(error as Error).message}); expected a .tgz made by helm package`);
  }
  const chartYaml = [...entries].find(([p]) => p.endsWith('/Chart.yaml'))?.[1];
  if (chartYaml === undefined) throw new SideError(`${label}: no Chart.yaml at the top of the archive (expected a chart packaged by helm package)`);
  const ci = [...entries].filter(([p]) => p.includes('/ci/')).sort(([a], [b]) => (a < b ? -1 : 1));
  const dir = ci.length > 0 ? temporaryDirectory('diff-ci') : undefined;
  const scenarios = new Map<string, string>();
  for (const [p, content] of ci) {
    const f = join(dir as string, basename(p));
    writeFileSync(f, content);
    scenarios.set(`ci/${basename(p)}`, f);
  }
  return { kind: 'chart', label, path: file, name: chartName(chartYaml.toString('utf8'), `${label}:Chart.yaml`), scenarios, close: () => dir !== undefined && removeTemporaryDirectory(dir) };
}

/** Opens one side; `close()` it when done. */
export async function openSide(ref: string, options: OpenOptions): Promise<Side> {
  const none = () => undefined;
  if (ref === '-') {
    if (options.stdin === undefined) throw new SideError('-: no standard input to read a manifest from');
    return { kind: 'manifest', label: 'stdin', text: await readStream(options.stdin), close: none };
  }
  if (ref.startsWith('oci://')) {
    if (options.manifest === true) throw new SideError(`${ref}: an oci:// reference is a chart, not a manifest file`);
    const pulled = await pullChart(options.helm, ref, options);
    if (!pulled.ok) throw new SideError(pulled.error);
    const label = options.version !== undefined ? `${ref}:${options.version}` : ref;
    return openChartDir(label, pulled.dir, () => removeTemporaryDirectory(dirname(pulled.dir)));
  }
  if (!existsSync(ref)) throw new SideError(`${ref}: no such file or directory (expected a chart directory, a .tgz, an oci:// reference or a manifest file)`);
  const stat = statSync(ref);
  if (options.manifest === true || (stat.isFile() && !isPackage(ref))) {
    if (!stat.isFile()) throw new SideError(`${ref}: --manifests wants a file (helm get manifest RELEASE > old.yaml)`);
    return { kind: 'manifest', label: ref, text: readFileSync(ref, 'utf8'), close: none };
  }
  if (stat.isDirectory()) {
    if (!existsSync(join(ref, 'Chart.yaml'))) throw new SideError(`${ref}: no Chart.yaml in this directory (expected a chart directory, a .tgz, an oci:// reference or a manifest file)`);
    return openChartDir(ref, ref, none);
  }
  return openPackage(ref, ref);
}
