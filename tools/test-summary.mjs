#!/usr/bin/env node
// Adds up the per-package Vitest JSON reports (.test-results/*.json) into one closing line, and fails
// when a package ran no test at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '.test-results');
const packages = readdirSync(join(import.meta.dirname, '..', 'packages'));
let passed = 0, failed = 0, skipped = 0;
const missing = [];
for (const pkg of packages) {
  const file = join(dir, `${pkg}.json`);
  if (!existsSync(file)) { missing.push(pkg); continue; }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`  ${pkg.padEnd(16)} ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}
if (missing.length) console.log(`  no test report from: ${missing.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed || missing.length ? 1 : 0);
