#!/usr/bin/env node
// Benchmark: cold-process wall time (median of several runs) and peak RSS of `helmforge generate` for the
// committed stack file. Prints figures; asserts nothing (targets: < 1 s, < 200 MB on the 2-core machine).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
rmSync(work, { recursive: true, force: true });
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`helmforge generate (umbrella, cold process, ${runs} runs)`);
console.log(`  wall time: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms   (target < 1000 ms)`);
console.log(`  peak RSS:  max ${Math.max(...rss).toFixed(1)} MB   (target < 200 MB)`);
