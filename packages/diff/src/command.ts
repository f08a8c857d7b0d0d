// `helmforge diff OLD NEW`: both sides rendered over the same values and release, the new one as an upgrade
// (`helm template --is-upgrade`) and twice, so that values generated at render time are told apart from changes;
// one release diff per values scenario; printed as text, json, markdown or sarif; exit 1 when unsafe.
import { availableParallelism } from 'node:os';
import { helmBinary, helmSaid, mapLimit, renderChart } from '@helmforge/validator';
import { diffReleases, generatedPaths } from './analyze.js';
import { readRelease, ManifestError, type Release } from './objects.js';
import { renderJson } from './output/json.js';
import { renderMarkdown } from './output/markdown.js';
import { renderSarif } from './output/sarif.js';
import { renderText } from './output/text.js';
import { exitCode, type DiffReport, type ScenarioDiff } from './report.js';
import { openSide, SideError, type Side } from './sides.js';
import type { Verdict } from './verdicts.js';

export const DIFF_OUTPUTS = ['text', 'json', 'markdown', 'sarif'] as const;
export type DiffOutput = (typeof DIFF_OUTPUTS)[number];

export interface DiffOptions {
  /** Release name (default: the new chart's name). */
  release?: string;
  /** Release namespace (default `default`). */
  namespace?: string;
  /** Values for both sides, as helm takes them. */
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  /** Diff the defaults and every ci/*-values.yaml scenario of the charts, one after the other. */
  scenarios?: boolean;
  /** Capabilities.KubeVersion for both renders (default 1.33.0). */
  kubernetesVersion?: string;
  /** The old side is a saved release manifest (helm get manifest), whatever it looks like. */
  oldIsManifest?: boolean;
  /** Verdicts that fail besides will-fail and data-loss: restart, replaced. */
  failOn?: Verdict[];
  helmBin?: string;
  /** Chart versions of oci:// sides (helm pull --version). */
  oldVersion?: string;
  newVersion?: string;
  plainHttp?: boolean;
  insecureSkipTlsVerify?: boolean;
  /** How to name the sides in the report (default: as given). */
  labels?: { old?: string; new?: string };
}

/** Something the diff could not be made of: a side, a render, a manifest. */
export class DiffError extends Error {}

interface Planned {
  label: string;
  valuesFile?: string;
}

function plan(old: Side, next: Side, o: DiffOptions): Planned[] {
  const given = (o.valuesFiles?.length ?? 0) + (o.set?.length ?? 0) + (o.setString?.length ?? 0) > 0;
  const base: Planned = { label: given ? 'values given' : 'defaults' };
  if (o.scenarios !== true) return [base];
  if (old.kind !== 'chart' || next.kind !== 'chart') throw new DiffError('--scenarios needs a chart on both sides: a saved manifest is one release, rendered from its own values');
  const labels = [...new Set([...old.scenarios.keys(), ...next.scenarios.keys()])].sort();
  return [base, ...labels.map((label) => ({ label: given ? `${label} + values given` : label, valuesFile: next.scenarios.get(label) ?? old.scenarios.get(label) }))];
}

/** Renders both sides for every scenario and compares them. */
export async function diffSides(oldRef: string, newRef: string, o: DiffOptions = {}, stdin?: NodeJS.ReadableStream): Promise<DiffReport> {
  const helm = helmBinary(o.helmBin);
  const pull = { ...(o.plainHttp === true ? { plainHttp: true } : {}), ...(o.insecureSkipTlsVerify === true ? { insecureSkipTlsVerify: true } : {}) };
  const opened: Side[] = [];
  try {
    const old = await openSide(oldRef, { helm, ...pull, ...(o.oldVersion !== undefined ? { version: o.oldVersion } : {}), ...(o.oldIsManifest === true ? { manifest: true } : {}), ...(stdin !== undefined ? { stdin } : {}) });
    opened.push(old);
    const next = await openSide(newRef, { helm, ...pull, ...(o.newVersion !== undefined ? { version: o.newVersion } : {}), ...(stdin !== undefined ? { stdin } : {}) });
    opened.push(next);
    const namespace = o.namespace ?? 'default';
    const release = o.release ?? (next.kind === 'chart' ? next.name : old.kind === 'chart' ? old.name : 'release');
    const scenarios = plan(old, next, o);
    const kubeVersion = o.kubernetesVersion ?? '1.33.0';

    // every render of every scenario in parallel: the old side once, the new side (as an upgrade) twice when it is a
    // chart, to find its generated values; a manifest is the same text each time, read once
    type Job = { side: Side; which: 'old' | 'new'; scenario: Planned };
    const perScenario = next.kind === 'chart' ? 3 : 2;
    const jobs: Job[] = scenarios.flatMap((scenario) => {
      const renderNew: Job = { side: next, which: 'new', scenario };
      return [{ side: old, which: 'old', scenario }, renderNew, ...(perScenario === 3 ? [renderNew] : [])];
    });
    const read = (job: Job, text: string): Release => readRelease(`${job.side.label} [values: ${job.scenario.label}]`, text, { namespace, fallbackComponent: release });
    const rendered = await mapLimit(jobs, Math.max(1, availableParallelism()), async (job): Promise<Release | DiffError> => {
      if (job.side.kind === 'manifest') return read(job, job.side.text);
      const r = await renderChart(helm, job.side.path, { label: job.scenario.label, ...(job.scenario.valuesFile !== undefined ? { valuesFile: job.scenario.valuesFile } : {}) }, kubeVersion, {
        release,
        namespace,
        valuesFiles: o.valuesFiles ?? [],
        set: o.set ?? [],
        setString: o.setString ?? [],
        isUpgrade: job.which === 'new',
      });
      if (!r.ok) return new DiffError(`helm template failed for the ${job.which} chart ${job.side.label} (values: ${job.scenario.label}): ${helmSaid(r.stderr)}`);
      return read(job, r.stdout);
    });
    // the first failure in order (old before new), not whichever render ended first
    const failed = rendered.find((r) => r instanceof DiffError);
    if (failed !== undefined) throw failed;
    const releases = rendered as Release[];
    const results: ScenarioDiff[] = scenarios.map((scenario, i) => {
      const [before, after, again] = releases.slice(perScenario * i, perScenario * (i + 1)) as [Release, Release, Release?];
      return { label: scenario.label, diff: diffReleases(before, after, { generated: again !== undefined ? generatedPaths(after, again) : new Map() }) };
    });
    return {
      old: o.labels?.old ?? old.label,
      new: o.labels?.new ?? next.label,
      release,
      namespace,
      scenarios: results,
      failOn: o.failOn ?? [],
      ...(next.kind === 'chart' && next.sourceRoot !== undefined ? { sourceRoot: next.sourceRoot } : {}),
    };
  } catch (error) {
    if (error instanceof SideError || error instanceof ManifestError) throw new DiffError(error.message);
    throw error;
  } finally {
    for (const s of opened) s.close();
  }
}

export interface DiffIO {
  out(text: string): void;
  err(text: string): void;
  stdin?: NodeJS.ReadableStream;
}

export function renderReport(report: DiffReport, output: DiffOutput, options: { color: boolean; verbose?: boolean; toolVersion?: string }): string {
  switch (output) {
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarif(report, options.toolVersion ?? '0.1.0');
    default:
      return renderText(report, { color: options.color, ...(options.verbose !== undefined ? { verbose: options.verbose } : {}) });
  }
}

/** The command: prints the report; 0 safe, 1 unsafe or a problem (then one line on stderr). */
export async function diffCommand(
  oldRef: string,
  newRef: string,
  options: DiffOptions & { output?: DiffOutput; color?: boolean; verbose?: boolean; toolVersion?: string },
  io: DiffIO,
): Promise<number> {
  try {
    const report = await diffSides(oldRef, newRef, options, io.stdin);
    io.out(renderReport(report, options.output ?? 'text', { color: options.color ?? false, ...(options.verbose !== undefined ? { verbose: options.verbose } : {}), ...(options.toolVersion !== undefined ? { toolVersion: options.toolVersion } : {}) }));
    return exitCode(report);
  } catch (error) {
    if (!(error instanceof DiffError)) throw error;
    io.err(`helmforge diff: ${error.message}\n`);
    return 1;
  }
}
