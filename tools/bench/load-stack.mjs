#!/usr/bin/env node
// For tools/bench-generate.mjs: loads one stack file the way every helmforge command does first (read, UTF-8 check,
// parse, duplicate keys, schema, each part's values) in this fresh process, and prints one JSON line: the verdict,
// wall and CPU milliseconds of the load, and the process's peak RSS.
import { loadStack } from '../../packages/umbrella/dist/index.js';

const file = process.argv[2];
const cpu = process.cpuUsage();
const start = performance.now();
let verdict = 'accepted';
try {
  loadStack(file);
} catch (error) {
  verdict = `rejected (${String(error.message).split('\n')[1]?.trim() ?? error.message})`;
}
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ verdict, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
