// Chart.lock for the vendored dependencies, byte for byte what `helm dependency build` would keep: with it in the tree,
// `helm dependency build` finds the lock in sync and changes nothing (no untracked Chart.lock, no stale --check).
import type { ChartDependency } from '@helmforge/core';
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

/**
 * A fixed `generated` time keeps generation deterministic; Helm reads it only as the mtime of Chart.lock inside a
 * package. The digest is Helm's (internal/resolver HashReq): sha256 of the JSON of [the Chart.yaml dependencies, the
 * locked ones], with Go's field order and omitempty.
 */
const GENERATED = '1970-01-01T00:00:00Z';

export function chartLock(dependencies: ChartDependency[]): string {
  const requested = dependencies.map((d) => ({
    name: d.name,
    ...(d.version ? { version: d.version } : {}),
    repository: d.repository ?? '',
    ...(d.condition ? { condition: d.condition } : {}),
    ...(d.alias ? { alias: d.alias } : {}),
  }));
  // Vendored charts (no repository) are locked at the version Chart.yaml asks for.
  const locked = dependencies.map((d) => ({ name: d.name, version: d.version, repository: d.repository ?? '' }));
  const digest = `sha256:${createHash('sha256').update(JSON.stringify([requested, locked])).digest('hex')}`;
  // sigs.k8s.io/yaml writes keys in alphabetical order
  // (YAML 1.1 quotes the timestamp, as Helm writes it)
  return stringify({ dependencies: locked.map((d) => ({ name: d.name, repository: d.repository, version: d.version })), digest, generated: GENERATED }, { version: '1.1', lineWidth: 0, indentSeq: false });
}
