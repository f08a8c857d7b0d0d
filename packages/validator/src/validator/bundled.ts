// The build bundles some modules of this package into one file each, beside the module (`worker.js` →
// `worker.mjs`): loading one file is a fraction of loading the module graph. The bundles keep this package's
// import.meta.url, so "beside" holds for code bundled into another package's bin too.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The bundle of the module `name` beside `base` (an import.meta.url), when the build made one. */
export function siblingBundle(name: string, base: string): URL | undefined {
  const url = new URL(`./${name}.mjs`, base);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Loads one of this package's dependencies on first use, resolved from this package (the bundles keep this module's
 * own import.meta.url), so that a bundle elsewhere (the helmforge CLI's) gets the version this package depends on,
 * and no bundle carries the module or loads its imports (node:tls …) at start.
 */
export function importOwnDependency<T>(name: string): Promise<T> {
  // resolved once: proxyFor asks on every download
  let loading = ownDependencies.get(name);
  if (loading === undefined) {
    loading = import(pathToFileURL(createRequire(import.meta.url).resolve(name)).href);
    ownDependencies.set(name, loading);
  }
  return loading as Promise<T>;
}

const ownDependencies = new Map<string, Promise<unknown>>();
