#!/usr/bin/env node
// Benchmark of the validator (npm run bench:validate, after a build), on what users run:
//   workloads: one Deployment file; a many-kinds corpus (the generated charts rendered by the real helm over their
//   values scenarios, plus apps of ~30 kinds including custom resources; tools/bench/corpus.mjs); 21,000 resources with
//   -n 1 and -n 2; 210,000 resources with -n 2;
//   paths: -schema-bundle (the v1.33 _definitions.json, CRDs by -crd) and -schema-location (standalone strict schemas in
//   kubeconform's layout, made from the bundle into a temporary folder; CRDs converted as kubeconform's
//   openapi2jsonschema.py converts them, as a second location), and for the small workloads the same schemas
//   downloaded from a local HTTP server with -cache;
//   caches: cold (no compiled validators, nor downloads, from an earlier run) and warm (a run before filled them).
// Each configuration runs HELMFORGE_BENCH_RUNS times (default 3; 15 for one file, once for 210,000), all
// configurations of a workload taking turns, so that a busy machine slows them alike; the median is printed with wall
// time, resources/s, CPU time (user + system, all threads) and peak RSS (whole process, worker threads included).
// With KUBECONFORM=path/to/kubeconform, kubeconform runs the same workloads from the same schema locations, side by
// side, and the ratios (wall time and CPU time: on a shared machine the wall time of short runs is mostly waiting for
// a CPU) and the verdict agreement are shown.
// Then the lint rules' cost: `helmforge validate --manifests` on the 21,000 resources with and without --no-lint, in
// alternating pairs (HELMFORGE_BENCH_RUNS pairs, at least 5), the median of the per-pair ratios against the ≤ +25 % target,
// and the rules alone in this process, first run and compiled (the least the rule layer costs).
// HELMFORGE_BENCH_QUICK=1 leaves out 210,000; HELMFORGE_BENCH_KEEP=1 keeps the corpora.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateManyKinds, generateUniform, renderCharts } from './bench/corpus.mjs';
import { writeStandaloneSchemas } from './standalone-schemas.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'packages', 'validator', 'dist', 'helmforge-conform.cjs');
const CLI = join(ROOT, 'packages', 'cli', 'dist', 'helmforge.mjs');
const BUNDLE = join(ROOT, '..', 'shared', 'kubernetes-schemas', 'v1.33', '_definitions.json');
const CRDS = [join(ROOT, 'packages', 'validator', 'test', 'fixtures', 'crds', 'monitoring.coreos.com_prometheusrules.yaml'), join(ROOT, '..', 'shared', 'kubernetes-schemas', 'crds', 'monitoring.coreos.com_prometheuses.yaml')];
const HELM = process.env.HELM_BIN ?? join(ROOT, '.tools', 'helm-4', 'helm');
const KUBECONFORM = process.env.KUBECONFORM;
const RUNS = Math.max(1, Number(process.env.HELMFORGE_BENCH_RUNS ?? 3));
const QUICK = process.env.HELMFORGE_BENCH_QUICK === '1';
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

for (const [what, p] of [['validator build', BIN], ['schema bundle', BUNDLE], ['helm (npm test installs it; or set HELM_BIN)', HELM]]) {
  if (!existsSync(p)) {
    console.error(`${what} missing: ${p}${what === 'validator build' ? ' (run npm run build first)' : ''}`);
    process.exit(2);
  }
}
if (KUBECONFORM !== undefined && !existsSync(KUBECONFORM)) {
  console.error(`KUBECONFORM=${KUBECONFORM}: no such file`);
  process.exit(2);
}

const { crdSchemas, crdJsonSchema, parseManifest, splitText } = await import(join(ROOT, 'packages', 'validator', 'dist', 'index.js'));
const lint = await import(join(ROOT, 'packages', 'lint', 'dist', 'index.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MiB = (kib) => kib / 1024;

/** Runs a command to the end: wall time, CPU time and peak RSS (of the whole process), stdout. */
function measure(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const [exe, argv] = TIME === undefined ? [cmd, args] : [TIME, ['-f', 'HFBENCH %M %U %S', cmd, ...args]];
    const child = spawn(exe, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledPeak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) polledPeak = Math.max(polledPeak, Number(m[1]));
      } catch {
        // gone
      }
    }, 20);
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const t = /HFBENCH (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ code, wall, cpu: t ? Number(t[2]) + Number(t[3]) : NaN, rssKiB: t ? Math.max(Number(t[1]), polledPeak) : polledPeak, stdout, stderr });
    });
  });
}

/**
 * The rules' added time: pairs of `helmforge validate --manifests -n 2` runs without (--no-lint) and with the rules, the
 * order swapped from pair to pair so that both sides see the same minutes of a shared machine.
 */
async function lintCost(corpus, pairs) {
  const args = (lint) => [CLI, 'validate', '--manifests', corpus, '--schema-bundle', BUNDLE, '-n', '2', '--summary', ...(lint ? [] : ['--no-lint'])];
  const without = [];
  const withRules = [];
  for (let i = 0; i < pairs; i++) {
    for (const lint of i % 2 === 0 ? [false, true] : [true, false]) (lint ? withRules : without).push(await measure(process.execPath, args(lint)));
  }
  const line = (label, rs) =>
    `  ${label} median ${median(rs.map((r) => r.wall)).toFixed(2)} s (min ${Math.min(...rs.map((r) => r.wall)).toFixed(2)}), CPU ${median(rs.map((r) => r.cpu)).toFixed(2)} s, peak RSS ${MiB(median(rs.map((r) => r.rssKiB))).toFixed(0)} MiB`;
  const ratio = median(without.map((r, i) => withRules[i].wall / r.wall));
  const cpuRatio = median(without.map((r, i) => withRules[i].cpu / r.cpu));
  console.log(`lint rules on the 21,000 resources: helmforge validate --manifests -n 2, ${pairs} alternating pairs of cold runs`);
  console.log(`  ${withRules[0].stdout.trim().split('\n').slice(-2).join('\n  ')}`);
  console.log(line('schemas only (--no-lint):', without));
  console.log(line('schemas + rules:         ', withRules));
  console.log(`  added by the rules: ${((ratio - 1) * 100).toFixed(0)} % wall time, ${((cpuRatio - 1) * 100).toFixed(0)} % CPU time (medians of the pairs' ratios; target ≤ 25 %)`);
  rulesAlone(corpus, median(without.map((r) => r.wall)));
}

/**
 * The rules alone, in this process, over the corpus parsed beforehand: no parsing, locating, encoding or writing of
 * findings, and the same rules run again and again so that V8 has compiled them (a run of the CLI runs them once,
 * mostly before they are compiled). What the rule layer costs at the least, against the +25 % the target allows.
 */
function rulesAlone(corpus, schemasOnlyWall) {
  const objects = [];
  for (const name of readdirSync(corpus).sort()) {
    const file = join(corpus, name);
    for (const doc of splitText(file, readFileSync(file))) {
      const value = parseManifest(doc.text ?? '', { strict: false }).value;
      if (value !== null && typeof value === 'object') objects.push({ value, file, docIndex: doc.docIndex, line: doc.line });
    }
  }
  const config = lint.resolveConfig([], { include: [], exclude: [] });
  const passes = [];
  let findings = 0;
  for (let pass = 0; pass < 6; pass++) {
    const t0 = performance.now();
    findings = 0;
    // as the validator runs them: the object rules over batches of 100 as they are parsed, each object's projection
    // kept, then the release rules over all of them
    const kept = [];
    for (let i = 0; i < objects.length; i += 100) {
      const batch = objects.slice(i, i + 100);
      findings += lint.lintRelease({ objects: batch }, config, 'object').length;
      for (const o of batch) kept.push({ ...o, value: lint.releaseProjection(o.value) });
    }
    findings += lint.lintRelease({ objects: kept }, config, 'release').length;
    passes.push(performance.now() - t0);
  }
  const budget = schemasOnlyWall * 0.25 * 1000;
  console.log(
    `  the rules alone in one process (${objects.length.toLocaleString('en-US')} parsed objects, ${findings.toLocaleString('en-US')} findings, not located nor written): first pass ${passes[0].toFixed(0)} ms, best of the next five ${Math.min(...passes.slice(1)).toFixed(0)} ms (compiled); the target allows ${budget.toFixed(0)} ms for all of the rules' work`,
  );
}

/** Serves a folder on 127.0.0.1 (kubeconform's schema layout over HTTP, as the default location is downloaded). */
async function serve(root) {
  const server = createServer((req, res) => {
    const file = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0])));
    if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const tmp = mkdtempSync(join(tmpdir(), 'helmforge-bench-'));
let server;
try {
  // ---- schemas and corpora ------------------------------------------------------------------------------------
  let t0 = Date.now();
  const schemas = join(tmp, 'schemas');
  writeStandaloneSchemas(BUNDLE, schemas);
  const crdDir = join(schemas, 'crds');
  mkdirSync(crdDir);
  for (const file of CRDS) {
    for (const doc of splitText(file, readFileSync(file))) {
      const crd = parseManifest(doc.text ?? '', { strict: false }).value;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const group = crd.spec.group.split('.')[0];
      for (const { gvk, schema } of crdSchemas(crd)) {
        const version = gvk.split('/').at(-2);
        // named as kubeconform's schema location template {{ .ResourceKind }}{{ .KindSuffix }} finds it
        writeFileSync(join(crdDir, `${crd.spec.names.kind}-${group}-${version}.json`.toLowerCase()), JSON.stringify(crdJsonSchema(schema), null, 2));
      }
    }
  }
  server = await serve(schemas);
  const single = join(tmp, 'single');
  mkdirSync(single);
  generateManyKinds(join(tmp, 'single-source'), 1, 7);
  writeFileSync(join(single, 'deployment.yaml'), readFileSync(join(tmp, 'single-source', 'app-000.yaml'), 'utf8').split('---\n')[1]);
  const manyKinds = join(tmp, 'many-kinds');
  const renders = await renderCharts(join(manyKinds, 'charts'), ROOT, HELM);
  const synthetic = generateManyKinds(join(manyKinds, 'apps'), 150, 1);
  const uniform21 = join(tmp, 'uniform-21000');
  generateUniform(uniform21, 21_000);
  const uniform210 = join(tmp, 'uniform-210000');
  if (!QUICK) generateUniform(uniform210, 210_000);
  console.log(`setup: standalone schemas, ${renders} chart renders + 150 files of ${synthetic} objects of ~30 kinds, uniform corpora (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${RUNS} runs per configuration (${RUNS * 5} for one file${QUICK ? '' : ', 1 for 210,000'}), taking turns; medians`);

  // (custom resources only in the many-kinds corpus: the other workloads are given the built-in kinds' schemas alone)
  const location = (crds) => ['-schema-location', schemas, ...(crds ? ['-schema-location', `${crdDir}/{{ .ResourceKind }}{{ .KindSuffix }}.json`] : [])];
  const httpLocation = (crds) => ['-schema-location', `${server.url}/`, ...(crds ? ['-schema-location', `${server.url}/crds/{{ .ResourceKind }}{{ .KindSuffix }}.json`] : [])];
  const bundle = (crds) => ['-schema-bundle', BUNDLE, ...(crds ? CRDS.flatMap((c) => ['-crd', c]) : [])];
  const common = ['-strict', '-summary', '-kubernetes-version', '1.33.0'];

  const workloads = [
    // (5 × the runs for one file: a run takes a tenth of a second, and the time a busy machine adds varies most there)
    { name: 'one Deployment file', inputs: [single], n: [], runs: RUNS * 5, http: true },
    { name: `many kinds: ${renders} chart renders + 150 apps`, inputs: [join(manyKinds, 'charts'), join(manyKinds, 'apps')], n: [], runs: RUNS, http: true, verdicts: true, crds: true },
    { name: '21,000 resources, -n 1', inputs: [uniform21], n: ['-n', '1'], runs: RUNS, verdicts: true },
    { name: '21,000 resources, -n 2', inputs: [uniform21], n: ['-n', '2'], runs: RUNS },
    ...(QUICK ? [] : [{ name: '210,000 resources, -n 2', inputs: [uniform210], n: ['-n', '2'], runs: 1 }]),
  ];

  const table = [];
  const checks = [];
  for (const w of workloads) {
    // a cache folder per configuration: "cold" runs get an empty one each time, "warm" ones the one a first run filled
    const [b, l, h] = [bundle(w.crds), location(w.crds), httpLocation(w.crds)];
    const configs = [
      { label: 'helmforge -schema-bundle', tool: 'ours', args: b, path: 'bundle', cache: 'cold' },
      { label: 'helmforge -schema-bundle', tool: 'ours', args: b, path: 'bundle', cache: 'warm' },
      { label: 'helmforge -schema-location', tool: 'ours', args: l, path: 'location', cache: 'cold' },
      { label: 'helmforge -schema-location', tool: 'ours', args: l, path: 'location', cache: 'warm' },
      ...(w.http ? [{ label: 'helmforge -schema-location http:// -cache', tool: 'ours', args: h, path: 'http', cache: 'cold', download: true }] : []),
      ...(w.http ? [{ label: 'helmforge -schema-location http:// -cache', tool: 'ours', args: h, path: 'http', cache: 'warm', download: true }] : []),
      ...(KUBECONFORM ? [{ label: 'kubeconform -schema-location', tool: 'kc', args: l, path: 'location', cache: '' }] : []),
      ...(KUBECONFORM && w.http ? [{ label: 'kubeconform -schema-location http:// -cache', tool: 'kc', args: h, path: 'http', cache: 'cold', download: true }] : []),
      ...(KUBECONFORM && w.http ? [{ label: 'kubeconform -schema-location http:// -cache', tool: 'kc', args: h, path: 'http', cache: 'warm', download: true }] : []),
    ];
    const run = async (c, round) => {
      const home = join(tmp, 'caches', `${w.name.replace(/\W+/g, '-')}-${configs.indexOf(c)}-${c.cache === 'warm' ? 'warm' : round}`);
      mkdirSync(home, { recursive: true });
      const cacheArgs = c.download ? ['-cache', home] : [];
      const [cmd, args] = c.tool === 'kc' ? [KUBECONFORM, [...common, ...w.n, ...cacheArgs, ...c.args, ...w.inputs]] : [process.execPath, [BIN, ...common, ...w.n, ...cacheArgs, ...c.args, ...w.inputs]];
      return measure(cmd, args, { XDG_CACHE_HOME: home, HELMFORGE_CONFORM_STATS: '1' });
    };
    const started = Date.now();
    for (const c of configs) if (c.cache === 'warm') await run(c, 'warming');
    const results = configs.map(() => []);
    for (let round = 0; round < w.runs; round++) for (const [i, c] of configs.entries()) results[i].push(await run(c, round));
    let total;
    const kc = {};
    for (const [i, c] of configs.entries()) {
      const rs = results[i];
      const summary = rs[0].stdout.trim().split('\n').at(-1);
      const found = Number(/(\d+) resources? found/.exec(summary)?.[1] ?? NaN);
      total ??= found;
      const wall = median(rs.map((r) => r.wall));
      const row = {
        workload: w.name,
        config: c.cache === '' ? c.label : `${c.label} (${c.cache})`,
        tool: c.tool,
        key: `${c.path}-${c.cache}`,
        wall,
        min: Math.min(...rs.map((r) => r.wall)),
        max: Math.max(...rs.map((r) => r.wall)),
        cpu: median(rs.map((r) => r.cpu)),
        rss: MiB(median(rs.map((r) => r.rssKiB))),
        rate: found / wall,
        summary,
        codes: [...new Set(rs.map((r) => r.code))],
      };
      if (c.tool === 'kc') kc[c.download ? `http-${c.cache}` : 'location'] = row;
      table.push(row);
    }
    console.error(`${w.name}: ${configs.length} configurations × ${w.runs} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const row of table.filter((r) => r.workload === w.name && r.tool === 'ours')) {
      const base = row.key.startsWith('http') ? (kc[row.key] ?? kc['http-cold']) : kc.location;
      row.ratio = base === undefined ? undefined : base.wall / row.wall;
      row.cpuRatio = base === undefined ? undefined : base.cpu / row.cpu;
    }
    if (w.verdicts && KUBECONFORM) {
      // the verdict of every resource, ours (each path) against kubeconform's
      const statuses = async (cmd, args) => {
        const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, XDG_CACHE_HOME: join(tmp, 'caches', 'verdicts') } });
        const counts = new Map();
        for (const x of JSON.parse(r.stdout).resources) {
          const k = `${x.filename}\t${x.kind}\t${x.name}\t${x.status}`;
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
        return counts;
      };
      const json = ['-strict', '-verbose', '-output', 'json', '-kubernetes-version', '1.33.0', ...w.n];
      const theirs = await statuses(KUBECONFORM, [...json, ...l, ...w.inputs]);
      for (const [label, args] of [
        ['-schema-location', l],
        ['-schema-bundle', b],
      ]) {
        const ours = await statuses(process.execPath, [BIN, ...json, ...args, ...w.inputs]);
        let same = 0;
        let all = 0;
        const differ = [];
        for (const [k, n] of theirs) {
          all += n;
          const m = Math.min(n, ours.get(k) ?? 0);
          same += m;
          if (m < n) differ.push(k);
        }
        checks.push(`verdicts, ${w.name}, helmforge ${label} against kubeconform: ${same} of ${all} resources the same${differ.length > 0 ? `; differing: ${differ.slice(0, 5).join('; ')}` : ''}`);
      }
    }
    for (const row of table.filter((r) => r.workload === w.name)) if (!row.codes.every((c) => c === 0 || c === 1)) checks.push(`unexpected exit code ${row.codes} for ${row.config} on ${w.name}`);
  }

  // ---- report --------------------------------------------------------------------------------------------------
  const pad = (s, n) => String(s).padEnd(n);
  console.log('');
  console.log(`| workload | tool, path (compiled-validator cache) | wall (median; min–max) | resources/s | CPU | peak RSS | wall time vs kubeconform | CPU time vs kubeconform |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of table) {
    const times = (x) => (x === undefined ? '' : x >= 1 ? `${x.toFixed(1)}× faster` : `${(1 / x).toFixed(1)}× slower`);
    console.log(
      `| ${r.workload} | ${pad(r.config, 52)} | ${r.wall.toFixed(2)} s (${r.min.toFixed(2)}–${r.max.toFixed(2)}) | ${Math.round(r.rate).toLocaleString('en-US')} | ${r.cpu.toFixed(2)} s | ${r.rss.toFixed(0)} MiB | ${times(r.ratio)} | ${times(r.cpuRatio)} |`,
    );
  }
  console.log('');
  for (const w of workloads) {
    const ours = table.filter((r) => r.workload === w.name && r.tool === 'ours');
    console.log(`${w.name}: ${ours[0]?.summary}`);
  }
  console.log('');
  // -schema-location, local files or downloaded (http://)
  const locationRows = table.filter((r) => r.tool === 'ours' && !r.key.startsWith('bundle'));
  if (KUBECONFORM) {
    const worst = locationRows.reduce((a, b) => (a.ratio < b.ratio ? a : b));
    const worstCpu = locationRows.reduce((a, b) => (a.cpuRatio < b.cpuRatio ? a : b));
    checks.push(
      `target ≥ 1.5× kubeconform from -schema-location on every workload, cold included: worst ${worst.ratio.toFixed(2)}× in wall time (${worst.workload}, ${worst.config}), ${worstCpu.cpuRatio.toFixed(2)}× in CPU time (${worstCpu.workload}, ${worstCpu.config})`,
    );
  }
  const warmSingle = table.find((r) => r.workload === workloads[0].name && r.key === 'location-warm');
  checks.push(`target single file from -schema-location with a warm cache under 0.2 s: ${warmSingle.wall.toFixed(3)} s`);
  const oursRows = table.filter((r) => r.tool === 'ours');
  const heaviest = oursRows.reduce((a, b) => (a.rss > b.rss ? a : b));
  checks.push(`target peak RSS under 128 MiB on every workload: highest ${heaviest.rss.toFixed(0)} MiB (${heaviest.workload}, ${heaviest.config})`);
  const singleRss = Math.max(...oursRows.filter((r) => r.workload === workloads[0].name).map((r) => r.rss));
  checks.push(`target peak RSS under 64 MiB for a single file: highest ${singleRss.toFixed(0)} MiB`);
  for (const c of checks) console.log(c);
  console.log('');
  if (existsSync(CLI)) await lintCost(uniform21, Math.max(5, RUNS));
  else console.log(`lint rules: not measured (${CLI} missing: run npm run build first)`);
} finally {
  await server?.close();
  if (process.env.HELMFORGE_BENCH_KEEP) console.log(`corpora kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
