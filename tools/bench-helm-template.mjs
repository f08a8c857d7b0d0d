#!/usr/bin/env node
// What the values schemas cost `helm template`: the committed umbrella chart against the one of another revision
// (default: main), rendered by each Helm binary in alternating pairs (A B A B …), so that the load of a shared
// machine falls on both sides alike. Prints the schema bytes Helm reads (umbrella plus subcharts), and for wall time
// and for CPU time (user + system of helm and its threads, which the load of other processes disturbs far less) each
// side's median and the median of the per-pair ratios.
// Usage (after npm test has extracted the Helms): node tools/bench-helm-template.mjs [REV] [PAIRS]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [rev = 'main', pairsArg = '15'] = process.argv.slice(2);
const pairs = Number(pairsArg);
const helms = [
  { label: 'helm 4.1.4', bin: join(root, '.tools', 'helm-4', 'helm') },
  { label: 'helm 3.17.0', bin: join(root, '.tools', 'helm-3', 'helm') },
];

const temp = mkdtempSync(join(tmpdir(), 'helmforge-bench-'));
try {
  // the other revision's committed chart, as git has it
  execFileSync('sh', ['-c', `git -C "${root}" archive "${rev}" charts | tar -x -C "${temp}"`]);
  const sides = [
    { name: rev, chart: join(temp, 'charts', 'platform') },
    { name: 'this tree', chart: join(root, 'charts', 'platform') },
  ];
  for (const side of sides) console.log(`${side.name}: values.schema.json bytes Helm reads ${schemaBytes(side.chart).toLocaleString('en')}`);
  for (const helm of helms) {
    const runs = sides.map(() => []);
    for (let i = 0; i < pairs; i++) sides.forEach((side, s) => runs[s].push(render(helm.bin, side.chart)));
    for (const measure of ['wall', 'cpu']) {
      const times = runs.map((r) => r.map((t) => t[measure]));
      const ratios = times[1].map((t, i) => t / times[0][i]);
      console.log(`${helm.label} ${measure}: ${sides.map((s, i) => `${s.name} median ${median(times[i]).toFixed(0)} ms`).join(', ')}; paired ratio median ${median(ratios).toFixed(3)} (${pairs} pairs)`);
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

/** One `helm template`: wall ms, and CPU ms from bash's `times` (the children's user and system time). */
function render(bin, chart) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$0" template bench "$1" >/dev/null && times', bin, chart], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${bin} template ${chart} failed: ${r.stderr}`);
  const [user, system] = [...r.stdout.trim().split('\n')[1].matchAll(/(\d+)m([\d.]+)s/g)].map((m) => (Number(m[1]) * 60 + Number(m[2])) * 1000);
  return { wall, cpu: user + system };
}

function schemaBytes(chart) {
  let total = 0;
  for (const entry of readdirSync(chart, { recursive: true })) if (entry.endsWith('values.schema.json')) total += statSync(join(chart, entry)).size;
  return total;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
