#!/usr/bin/env node
// Benchmark (part of npm run bench, after a build): `helmforge diff` of the committed platform chart against itself
// with every ci/ scenario (the defaults and 7 scenarios, each side rendered by helm: the old once, the new twice to
// tell generated values from changes, so 24 `helm template` runs), in a cold process, with each Helm in .tools/.
// Prints the median, fastest and slowest of HELMFORGE_BENCH_RUNS runs (default 5) and the peak RSS of the
// helmforge process (helm's child processes not included), and beside it the same 24 `helm template` runs alone,
// as many at a time as helmforge runs them, which is the floor, and helmforge's own work on those renders measured
// in this process (reading 24 renders, pairing and judging 8 release pairs). Asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'dist', 'helmforge.mjs');
const rssHook = join(root, 'tools', 'bench', 'report-rss.mjs');
const chart = join(root, 'charts', 'platform');
const runs = Number(process.env.HELMFORGE_BENCH_RUNS ?? 5);
const helms = [
  ['Helm 4.1.4', join(root, '.tools', 'helm-4', 'helm')],
  ['Helm 3.17.0', join(root, '.tools', 'helm-3', 'helm')],
];
if (!existsSync(bin)) {
  console.error(`${bin} missing: run npm run build first`);
  process.exit(2);
}

/** The renders helmforge diff makes, with helm alone: milliseconds for all of them. */
async function helmAlone(helm) {
  const ci = readdirSync(join(chart, 'ci')).filter((f) => f.endsWith('-values.yaml')).map((f) => ['-f', join(chart, 'ci', f)]);
  const jobs = [[], ...ci].flatMap((values) => [values, [...values, '--is-upgrade'], [...values, '--is-upgrade']]);
  const start = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const args = ['template', 'platform', chart, '--namespace', 'default', '--kube-version', '1.33.0', ...jobs[i]];
      outputs[i] = await new Promise((resolve, reject) => {
        const child = spawn(helm, args, { stdio: ['ignore', 'pipe', 'ignore'] });
        const chunks = [];
        child.stdout.on('data', (c) => chunks.push(c));
        child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`helm ${args.join(' ')}: ${code}`))));
      });
    }
  };
  const outputs = [];
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, outputs };
}

/** helmforge's own work on the renders: read them, pair, judge (in this process, after a warm-up). */
async function ownWork(outputs) {
  const { readRelease, diffReleases, generatedPaths } = await import(pathToFileURL(join(root, 'packages', 'diff', 'dist', 'index.js')).href);
  const once = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < outputs.length; i += 3) {
      const [a, b, c] = outputs.slice(i, i + 3).map((text) => readRelease('bench', text, { namespace: 'default', fallbackComponent: 'platform' }));
      diffReleases(a, b, { generated: generatedPaths(b, c) });
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  once();
  const t = Array.from({ length: 9 }, once).sort((x, y) => x - y);
  return t[4];
}

const work = mkdtempSync(join(tmpdir(), 'helmforge-bench-diff-'));
try {
  for (const [label, helm] of helms) {
    if (!existsSync(helm)) {
      console.log(`helmforge diff: ${label} not installed at ${helm} (node tools/install-helm.mjs), skipped`);
      continue;
    }
    const times = [];
    const rss = [];
    const alone = [];
    let outputs = [];
    let scenarios = 0;
    let objects = 0;
    for (let i = 0; i < runs; i++) {
      const rssFile = join(work, `rss-${i}`);
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--import', rssHook, bin, 'diff', chart, chart, '--scenarios', '-o', 'json'], {
        env: { ...process.env, HELM_BIN: helm, HELMFORGE_RSS_FILE: rssFile },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.status !== 0) throw new Error(`helmforge diff failed (${r.status}): ${r.stderr}`);
      const report = JSON.parse(r.stdout);
      scenarios = report.scenarios.length;
      objects = report.scenarios.reduce((n, s) => n + s.objects.length, 0);
      rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
      const h = await helmAlone(helm); // alternating, so that both see the same load
      alone.push(h.ms);
      outputs = h.outputs;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const floor = [...alone].sort((a, b) => a - b)[Math.floor(alone.length / 2)];
    console.log(`helmforge diff charts/platform charts/platform --scenarios with ${label} (cold process, ${runs} runs)`);
    console.log(`  ${scenarios} scenarios, ${scenarios * 3} helm template runs, ${objects} object pairs judged`);
    console.log(`  wall time: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms`);
    console.log(`  the same helm template runs alone: median ${floor.toFixed(0)} ms`);
    console.log(`  helmforge's own work on them (read, pair, judge; in process, median of 9): ${(await ownWork(outputs)).toFixed(0)} ms`);
    console.log(`  peak RSS of helmforge: max ${Math.max(...rss).toFixed(1)} MB`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
