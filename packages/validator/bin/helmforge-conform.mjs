#!/usr/bin/env node
// Committed entry point for `npx helmforge-conform`: npm links bins at install time, before the build exists.
try {
  await import('../dist/helmforge-conform.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('helmforge-conform.mjs')) throw error;
  console.error('helmforge-conform is not built yet: run `npm start` (or `npm run build`) first');
  process.exitCode = 1;
}
