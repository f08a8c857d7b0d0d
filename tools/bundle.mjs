#!/usr/bin/env node
// Bundles a built entry point into one file with esbuild: `node tools/bundle.mjs ENTRY OUTFILE` (paths relative to
// the current directory, the package being built); an ES module, or CommonJS when OUTFILE ends in `.cjs` (Node starts
// a CommonJS entry point ~5 ms sooner: no ES module loader to set up, which counts for a bin whose runs take a tenth
// of a second). Loading one file instead of a few hundred ES and CommonJS modules takes a fifth off a cold
// `helmforge generate`, and ~0.1 s off every validator worker thread's start.
// Each workspace package keeps its own import.meta.url, so templates/, files/ and the validator's own bundles (its
// worker: loaded from beside the importing module, see validator/bundled.ts) are still found beside the package they
// belong to.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { split: { type: 'string', multiple: true } } });
const [entry, outfile, ...extra] = positionals;
if (entry === undefined || outfile === undefined || extra.length > 0) {
  console.error('usage: node tools/bundle.mjs ENTRY OUTFILE [--split MODULE]...');
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
const extension = commonjs ? '.cjs' : '.mjs';

// --split MODULE: a built module that the entry point imports dynamically (`await import(…)`) becomes a bundle of its
// own beside the module (`dist/lint/rules-run.js` → `dist/lint/rules-run.cjs`), loaded only when that import runs: a
// run that never needs it neither reads nor compiles it (V8 parses the whole of a script it loads). Modules that both
// import are in both bundles, so a split module shares nothing that holds state with the rest.
const splits = new Map((flags.split ?? []).map((m) => [resolve(m), resolve(m).replace(/\.js$/, extension)]));
const splitOff = {
  name: 'split-off',
  setup(b) {
    b.onResolve({ filter: /^\./ }, ({ path, resolveDir, kind }) => {
      const target = splits.get(resolve(resolveDir, path));
      if (target === undefined) return undefined;
      if (kind !== 'dynamic-import') throw new Error(`${path} is split off (--split) but imported statically from ${resolveDir}`);
      const specifier = relative(dirname(resolve(outfile)), target).split(sep).join('/');
      return { path: specifier.startsWith('.') ? specifier : `./${specifier}`, external: true };
    });
  },
};

const options = {
  bundle: true,
  platform: 'node',
  format: commonjs ? 'cjs' : 'esm',
  target: 'node20',
  // a package's ES module build first: a UMD `main` (jsonc-parser's) hides its require() calls from the bundler
  mainFields: ['module', 'main'],
  // CommonJS dependencies (ajv, handlebars, yaml) call require() for Node built-ins (an ES module has none).
  ...(commonjs ? {} : { banner: { js: "import { createRequire as __helmforgeRequire } from 'node:module';\nconst require = __helmforgeRequire(import.meta.url);" } }),
  logLevel: 'warning',
};
await build({ ...options, entryPoints: [resolve(entry)], outfile: resolve(outfile), plugins: [splitOff, keepMetaUrl] });
await chmod(resolve(outfile), 0o755);
for (const [module, target] of splits) await build({ ...options, entryPoints: [module], outfile: target, plugins: [keepMetaUrl] });
