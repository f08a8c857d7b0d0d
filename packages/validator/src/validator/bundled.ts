// The build bundles some modules of this package into one file each, beside the module (`worker.js` →
// `worker.mjs`, `ajv-engine.js` → `ajv-engine.mjs`): loading one file is a fraction of loading the module graph. The
// bundles keep this package's import.meta.url, so "beside" holds for code bundled into another package's bin too.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundle of the module `name` beside `base` (an import.meta.url), when the build made one. */
export function siblingBundle(name: string, base: string): URL | undefined {
  const url = new URL(`./${name}.mjs`, base);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
