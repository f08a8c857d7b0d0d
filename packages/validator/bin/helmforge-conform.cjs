#!/usr/bin/env node
// Committed entry point for `npx helmforge-conform`: npm links bins at install time, before the build exists.
// CommonJS, as the bundle it loads: Node starts it without setting up its ES module loader.
try {
  require('../dist/helmforge-conform.cjs');
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes('helmforge-conform.cjs')) throw error;
  console.error('helmforge-conform is not built yet: run `npm start` (or `npm run build`) first');
  process.exitCode = 1;
}
