#!/usr/bin/env node
// helmforge-conform: a drop-in for kubeconform's command line.
import { fstatSync } from 'node:fs';
import { runConform } from './cli/conform.js';

const started = performance.now();
const stats = process.env.HELMFORGE_CONFORM_STATS === '1';
let compile: unknown;
const stdinIsTerminal = ((): boolean => {
  try {
    return fstatSync(0).isCharacterDevice();
  } catch {
    return false; // closed: reading it gives nothing, as with an empty pipe
  }
})();
// (no top-level await: the bundle of this bin is CommonJS, which Node starts ~10 ms faster than an ES module)
void runConform(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // (a getter: Node makes process.stdin when it is first read, ~1.5 ms that a run of files need not pay)
  get stdin() {
    return process.stdin;
  },
  stdinIsTerminal,
  ...(stats ? { stats: (s: unknown) => (compile = s) } : {}),
}).then((code) => {
  if (stats) {
    // for tools/bench-validate.mjs and the tests: peak RSS of the whole process (all threads) in KiB, and how many
    // schemas were compiled or came from the persistent cache
    process.stderr.write(`${JSON.stringify({ maxRSSKiB: process.resourceUsage().maxRSS, wallMs: Math.round(performance.now() - started), compile })}\n`);
  }
  process.exitCode = code;
});
