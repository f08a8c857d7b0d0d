// helmforge writes only where it owns the target. A directory is helmforge's when it does not exist, is empty, or
// carries its marker: the `helmforge.dev/generated` annotation in a chart's Chart.yaml, or the manifest of generated
// files that every output tree carries (.helmforge-manifest), or holds nothing but files that generate writes (output
// of a version before manifests). Everything else is refused before a byte is written, with the reason and the remedy.
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { HelmforgeError } from '../errors.js';
import { listTree, type FileTree } from '../writer.js';

/** The manifest file at the top of every generated tree: which files helmforge wrote there. */
export const MANIFEST = '.helmforge-manifest';
const MANIFEST_HEADER = '# helmforge: the files it generated in this directory (it replaces them as a whole; do not edit)';
const CHART_MARKER = /^\s+helmforge\.dev\/generated:\s*["']?true["']?\s*$/m;

/** A Chart.yaml that carries helmforge's annotation: a chart (or package) helmforge generated. */
export function isGeneratedChartYaml(text: string): boolean {
  return CHART_MARKER.test(text);
}

/** The tree plus its manifest, which lists every other file of it. */
export function withManifest(tree: FileTree): FileTree {
  const out: FileTree = new Map(tree);
  out.delete(MANIFEST);
  out.set(MANIFEST, [MANIFEST_HEADER, ...[...out.keys()].sort()].join('\n'));
  return out;
}

export interface OutputTarget {
  /** The directory that is replaced as a whole. */
  dir: string;
  tree: FileTree;
  /** The option that named it, for the remedy: `--out`, `--schemas`. */
  option: string;
}

export interface TargetContext {
  cwd: string;
  /** The stack file the trees come from. */
  stackFile: string;
  /** How a path is shown in messages (relative to the current directory). */
  show: (path: string) => string;
}

/** The real path of `p`, also when its last parts do not exist yet (symbolic links in the existing part resolved). */
function realPath(p: string): string {
  const abs = resolve(p);
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, abs));
}

const inside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

function refuse(target: OutputTarget, ctx: TargetContext, why: string, remedy: string): never {
  throw new HelmforgeError(`refusing to write to ${ctx.show(target.dir)} (${target.option}): ${why}; ${remedy}. Nothing was changed.`);
}

/**
 * Refusals that follow from the paths alone: a target that is a file or a symbolic link, the current directory or one
 * of its ancestors, a directory holding the stack file, or two targets inside each other.
 */
export function refuseUnsafeTargets(targets: OutputTarget[], ctx: TargetContext): void {
  const cwd = realPath(ctx.cwd);
  const stack = realPath(ctx.stackFile);
  const reals = targets.map((t) => realPath(t.dir));
  for (const [i, t] of targets.entries()) {
    const real = reals[i] as string;
    const own = `give ${t.option} a directory of its own, e.g. ${t.option} ${t.option === '--schemas' ? 'schemas' : 'charts'}`;
    let kind: 'file' | 'symlink' | 'dir' | 'none' = 'none';
    try {
      const st = lstatSync(t.dir);
      kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : 'file';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') refuse(t, ctx, 'a part of that path is a file, not a directory', own);
      if (code !== 'ENOENT') throw error;
    }
    if (kind === 'file') refuse(t, ctx, 'it is a file, and generate writes a directory there', own);
    if (kind === 'symlink') refuse(t, ctx, 'it is a symbolic link, which generate would replace by a directory', 'give the directory it points to instead');
    if (inside(cwd, real)) refuse(t, ctx, real === cwd ? 'it is the current directory, and generate replaces its target as a whole' : 'it contains the current directory, and generate replaces its target as a whole', own);
    if (inside(stack, real)) refuse(t, ctx, `it holds the stack file ${ctx.show(ctx.stackFile)}, and generate replaces its target as a whole`, own);
  }
  for (const [i, t] of targets.entries()) {
    const real = reals[i] as string;
    for (const [j, other] of targets.entries()) {
      if (j <= i) continue;
      const o = reals[j] as string;
      if (inside(real, o) || inside(o, real)) refuse(t, ctx, `it overlaps ${ctx.show(other.dir)} (${other.option}), and each is replaced as a whole`, `give ${t.option} and ${other.option} separate directories`);
    }
  }
}

/** The files helmforge generated in `dir` last time (its manifest), or undefined when the directory has no marker. */
function generatedBefore(dir: string): Set<string> | undefined {
  const manifest = join(dir, MANIFEST);
  if (existsSync(manifest)) {
    const lines = readFileSync(manifest, 'utf8').split('\n');
    if (lines[0] === MANIFEST_HEADER) return new Set(lines.slice(1).filter((l) => l !== ''));
  }
  const chartYaml = join(dir, 'Chart.yaml');
  if (existsSync(chartYaml) && lstatSync(chartYaml).isFile() && isGeneratedChartYaml(readFileSync(chartYaml, 'utf8'))) return new Set();
  return undefined;
}

/**
 * Checks that every existing target is helmforge's, and returns the files a user added inside one (neither in its new
 * tree nor generated before) — the caller refuses them unless --force. Throws for a foreign non-empty directory.
 */
export function userFilesIn(targets: OutputTarget[], ctx: TargetContext): string[] {
  const added: string[] = [];
  for (const t of targets) {
    const present = listTree(t.dir);
    if (present.length === 0) continue; // absent or empty: ours to fill
    // a tree from before manifests existed holds only files that generate writes: nothing else is at stake
    const before = generatedBefore(t.dir) ?? (present.every((p) => t.tree.has(p)) ? new Set<string>() : undefined);
    if (before === undefined) {
      refuse(
        t,
        ctx,
        `it is a non-empty directory that helmforge did not generate (it has no ${MANIFEST}), and generate would replace all of it`,
        `give ${t.option} an empty or new directory, or move ${ctx.show(t.dir)} away first`,
      );
    }
    for (const p of present) if (!t.tree.has(p) && !before.has(p) && p !== MANIFEST) added.push(join(t.dir, p));
  }
  return added;
}

/** The refusal for files a user added inside a generated tree. */
export function refuseUserFiles(files: string[], ctx: TargetContext): never {
  const shown = files.slice(0, 10).map(ctx.show).join(', ');
  const more = files.length > 10 ? ` and ${files.length - 10} more` : '';
  throw new HelmforgeError(
    `refusing to delete ${files.length === 1 ? 'a file' : `${files.length} files`} that helmforge did not generate: ${shown}${more}; move ${files.length === 1 ? 'it' : 'them'} out of the generated tree (generate replaces it as a whole), or pass --force to delete ${files.length === 1 ? 'it' : 'them'}. Nothing was changed.`,
  );
}
