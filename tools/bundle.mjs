#!/usr/bin/env node
// Bundles a built entry point into one file with esbuild: `node tools/bundle.mjs ENTRY OUTFILE` (paths relative to
// the current directory, the package being built); an ES module, or CommonJS when OUTFILE ends in `.cjs` (Node starts
// a CommonJS entry point ~5 ms sooner: no ES module loader to set up, which counts for a bin whose runs take a tenth
// of a second). Loading one file instead of a few hundred ES and CommonJS modules takes a fifth off a cold
// `helmforge generate`, and ~0.1 s off every validator worker thread's start.
// Each workspace package keeps its own import.meta.url, so templates/, files/ and the validator's own bundles (worker,
// Ajv engine: loaded from beside the importing module, see validator/bundled.ts) are still
// found beside the package they belong to.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, outfile, ...extra] = process.argv.slice(2);
if (entry === undefined || outfile === undefined || extra.length > 0) {
  console.error('usage: node tools/bundle.mjs ENTRY OUTFILE');
  process.exit(2);
}

const keepMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[/\\]packages[/\\][^/\\]+[/\\]dist[/\\].*\.js$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'js',
      resolveDir: dirname(path),
    }));
  },
};

const commonjs = outfile.endsWith('.cjs');
await build({
  entryPoints: [resolve(entry)],
  outfile: resolve(outfile),
  bundle: true,
  platform: 'node',
  format: commonjs ? 'cjs' : 'esm',
  target: 'node20',
  // a package's ES module build first: a UMD `main` (jsonc-parser's) hides its require() calls from the bundler
  mainFields: ['module', 'main'],
  // CommonJS dependencies (ajv, handlebars, yaml) call require() for Node built-ins (an ES module has none).
  ...(commonjs ? {} : { banner: { js: "import { createRequire as __helmforgeRequire } from 'node:module';\nconst require = __helmforgeRequire(import.meta.url);" } }),
  plugins: [keepMetaUrl],
  logLevel: 'warning',
});
await chmod(resolve(outfile), 0o755);
