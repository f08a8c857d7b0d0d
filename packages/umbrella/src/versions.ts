// Subchart versions that follow their content. The subcharts are vendored into the umbrella, so a subchart whose
// files change between two generations must get a new version, or version-bump checks (chart-testing's
// check-version-increment, a registry that refuses to overwrite) cannot see the change. Each generated subchart records
// a hash of its content in Chart.yaml; the next generation keeps the recorded version while the hash is the same and
// bumps its patch number when it differs. The package's own version is the floor (a developer's bump wins).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { inc, gt, valid } from 'semver';
import { parse } from 'yaml';
import type { FileTree } from '@helmforge/core';

export const CONTENT_HASH_ANNOTATION = 'helmforge.dev/content-hash';

/** What the previous generation recorded per subchart: chart name → version and content hash. */
export type PreviousGeneration = Map<string, { version: string; contentHash: string }>;

/** sha256 over every file of a chart (path and content), in path order. */
export function contentHash(files: FileTree): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort()) hash.update(`${path}\0${files.get(path) ?? ''}\0`);
  return `sha256:${hash.digest('hex')}`;
}

/** The version a subchart gets now: see the module comment. */
export function subchartVersion(packageVersion: string, hash: string, previous: { version: string; contentHash: string } | undefined): string {
  if (!previous || !valid(previous.version) || (!gt(previous.version, packageVersion) && previous.version !== packageVersion)) return packageVersion;
  if (previous.contentHash === hash) return previous.version;
  return inc(previous.version, 'patch') ?? packageVersion;
}

/** The versions and hashes recorded in <umbrella>/charts/<chart>/Chart.yaml by the last generation (none if absent). */
export function readPreviousGeneration(umbrellaDir: string): PreviousGeneration {
  const previous: PreviousGeneration = new Map();
  let charts: string[];
  try {
    charts = readdirSync(join(umbrellaDir, 'charts'));
  } catch {
    return previous;
  }
  for (const chart of charts) {
    let text: string;
    try {
      text = readFileSync(join(umbrellaDir, 'charts', chart, 'Chart.yaml'), 'utf8');
    } catch {
      continue;
    }
    const metadata = parse(text) as { version?: unknown; annotations?: Record<string, unknown> } | null;
    const version = metadata?.version;
    const contentHash = metadata?.annotations?.[CONTENT_HASH_ANNOTATION];
    if (typeof version === 'string' && typeof contentHash === 'string') previous.set(chart, { version, contentHash });
  }
  return previous;
}
