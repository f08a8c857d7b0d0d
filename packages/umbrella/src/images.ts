// The container images a release renders, for Artifact Hub's `artifacthub.io/images`: found in each enabled part's
// values (the chart's defaults with the stack's overrides), as every chart's image helper turns them into references.
import { isPlainObject } from '@helmforge/core';
import type { ArtifactHubImage } from './metadata.js';

/**
 * Every image-shaped value ({ registry, repository, tag | digest }) outside a section switched off with
 * `enabled: false`, as `<registry>/<repository>:<tag>` (or `@<digest>`); global.imageRegistry replaces the registry.
 */
export function imagesOf(values: unknown, globalRegistry = ''): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    if (!isPlainObject(value) || value.enabled === false) return;
    if (typeof value.repository === 'string' && ('tag' in value || 'digest' in value)) {
      const registry = globalRegistry || (typeof value.registry === 'string' ? value.registry : '');
      const ref = registry ? `${registry}/${value.repository}` : value.repository;
      found.push(typeof value.digest === 'string' && value.digest ? `${ref}@${value.digest}` : `${ref}:${String(value.tag)}`);
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk(values);
  return found;
}

/** Artifact Hub's image list: each distinct reference once, named by its repository's last segment, in name order. */
export function artifactHubImages(references: string[]): ArtifactHubImage[] {
  const unique = [...new Set(references)];
  return unique.map((image) => ({ name: (image.split('/').pop() ?? image).replace(/[:@].*$/, ''), image })).sort((a, b) => a.name.localeCompare(b.name) || a.image.localeCompare(b.image));
}
