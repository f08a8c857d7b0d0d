#!/usr/bin/env node
// Committed entry point for `npx helmforge`: npm links bins at install time, before the build exists.
try {
  await import('../dist/helmforge.mjs');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('helmforge.mjs')) throw error;
  console.error('helmforge is not built yet: run `npm start` (or `npm run build`) first');
  process.exitCode = 1;
}
