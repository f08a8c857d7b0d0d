#!/usr/bin/env node
// Writes docs/rules.md from the rule table of @helmforge/lint (npm run docs:rules, after a build). A test in
// packages/lint fails while the file is stale.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesMarkdown } from '../packages/lint/dist/index.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, rulesMarkdown());
console.log(`wrote ${file}`);
