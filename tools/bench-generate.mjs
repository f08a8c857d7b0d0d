#!/usr/bin/env node
// Benchmark: cold-process wall time (median of several runs) and peak RSS of `helmforge generate` for the
// committed stack file, and of loading 5 MB stack files (one mapping of ~120,000 keys) that are accepted or rejected.
// Prints figures; asserts nothing (targets: generate < 1 s, < 200 MB; a 5 MB stack file < 2 s, < 300 MB).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'dist', 'helmforge.mjs');
const rssHook = join(root, 'tools', 'bench', 'report-rss.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 9);

const work = mkdtempSync(join(tmpdir(), 'helmforge-bench-'));
cpSync(join(root, 'helmforge.yaml'), join(work, 'helmforge.yaml'));
const times = [];
const rss = [];
for (let i = 0; i < runs; i++) {
  const rssFile = join(work, `rss-${i}`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', rssHook, bin, 'generate'], { cwd: work, env: { ...process.env, HELMFORGE_RSS_FILE: rssFile }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`generate failed: ${r.stderr}`);
  times.push(ms);
  rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
}
const sorted = [...times].sort((a, b) => a - b);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`helmforge generate (umbrella, cold process, ${runs} runs)`);
console.log(`  wall time: median ${median(times).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms   (target < 1000 ms)`);
console.log(`  peak RSS:  max ${Math.max(...rss).toFixed(1)} MB   (target < 200 MB)`);

// 5 MB stack files: the committed stack with ~120,000 environment variables in one mapping (accepted), the same keys
// as unknown keys of metadata (rejected by the schema), and the accepted file with its first key repeated after the
// last (rejected as a duplicate key, found in js-yaml's events).
const committed = readFileSync(join(root, 'helmforge.yaml'), 'utf8');
/** `KEY_000000: value-…` lines at an indentation, enough of them to make the committed stack file 5 MB. */
const keyLines = (indent, name = 'KEY') => {
  const lines = [];
  for (let size = committed.length, i = 0; size < 5 * 1024 * 1024; i++) {
    lines.push(`${' '.repeat(indent)}${name}_${String(i).padStart(6, '0')}: value-${String(i).padStart(6, '0')}-abcdefghij\n`);
    size += lines.at(-1).length;
  }
  return lines;
};
const env = keyLines(8);
const files = {
  accepted: committed.replace('        LOG_LEVEL: info\n', `        LOG_LEVEL: info\n${env.join('')}`),
  'rejected (unknown keys)': committed.replace('  version: 0.1.0\n', `  version: 0.1.0\n${keyLines(2, 'key').join('')}`),
  'rejected (repeated key)': committed.replace('        LOG_LEVEL: info\n', `        LOG_LEVEL: info\n${env.join('')}${env[0]}`),
};
const stackRuns = Math.max(3, Math.floor(runs / 2));
console.log(`\nloading a 5 MB stack file (${env.length} keys in one mapping; cold process, ${stackRuns} runs each)`);
for (const [what, text] of Object.entries(files)) {
  const file = join(work, 'big.yaml');
  writeFileSync(file, text);
  const results = [];
  for (let i = 0; i < stackRuns; i++) {
    const r = spawnSync(process.execPath, [join(root, 'tools', 'bench', 'load-stack.mjs'), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`loading failed: ${r.stderr}`);
    results.push(JSON.parse(r.stdout));
  }
  const verdicts = [...new Set(results.map((r) => r.verdict.split(' (')[0]))].join('/');
  console.log(`  ${what.padEnd(24)} ${(text.length / 1024 / 1024).toFixed(1)} MB: ${verdicts}; wall median ${median(results.map((r) => r.wallMs)).toFixed(0)} ms, CPU median ${median(results.map((r) => r.cpuMs)).toFixed(0)} ms, peak RSS max ${Math.max(...results.map((r) => r.maxRssMB)).toFixed(0)} MB   (target < 2000 ms, < 300 MB)`);
}
const full = join(work, 'full');
writeFileSync(join(work, 'big.yaml'), files.accepted);
const start = process.hrtime.bigint();
const g = spawnSync(process.execPath, ['--import', rssHook, bin, 'generate', '--config', 'big.yaml', '--out', join(full, 'charts'), '--schemas', join(full, 'schemas')], { cwd: work, env: { ...process.env, HELMFORGE_RSS_FILE: join(work, 'rss-full') }, encoding: 'utf8' });
if (g.status !== 0) throw new Error(`generate failed: ${g.stderr}`);
console.log(`  (for scale: the whole helmforge generate of the accepted file, one run: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms, ${(Number(readFileSync(join(work, 'rss-full'), 'utf8')) / 1024).toFixed(0)} MB; no target)`);
rmSync(work, { recursive: true, force: true });
