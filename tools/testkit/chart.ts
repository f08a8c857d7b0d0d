// Test kit: generated charts on disk for real helm, rendered objects, NOTES.txt, and the checks every chart passes.
import { missingDescriptions, verifyChartValues, type GeneratedChart } from '@helmforge/core';
import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { runHelm, type HelmBinary } from './helm.js';
import { tempDir } from './temp.js';

export function writeTreeToTemp(files: Map<string, string>, name = 'chart'): string {
  const dir = join(tempDir('test'), name);
  for (const [path, content] of files) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

/** Parses `helm template` output into objects (empty documents dropped). */
export function parseManifests(stream: string): K8sObject[] {
  return parseAllDocuments(stream)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => !!o && typeof o === 'object');
}

export function findObject(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` named ${name}` : ''} in: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/**
 * NOTES.txt as helm renders it. `helm template` leaves NOTES out and Helm 3's `install --dry-run=client`
 * still wants a cluster, so a copy of the chart carries NOTES.txt as a plain file plus one template that
 * renders it with `tpl` (same engine, values and helpers) into a ConfigMap.
 */
export function notesRenderer(chartDir: string, defaults: { release: string; namespace: string }) {
  let copy: string | undefined;
  return (helm: HelmBinary, args: string[] = [], release = defaults.release): string => {
    if (!copy) {
      copy = join(tempDir('notes'), basename(chartDir));
      cpSync(chartDir, copy, { recursive: true });
      mkdirSync(join(copy, 'notes'));
      renameSync(join(copy, 'templates', 'NOTES.txt'), join(copy, 'notes', 'NOTES.txt'));
      writeFileSync(
        join(copy, 'templates', 'zz-notes.yaml'),
        ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: rendered-notes', 'data:', '  NOTES.txt: {{ tpl (.Files.Get "notes/NOTES.txt") . | quote }}', ''].join('\n'),
      );
    }
    const r = runHelm(helm, ['template', release, copy, '--namespace', defaults.namespace, '--show-only', 'templates/zz-notes.yaml', ...args]);
    if (r.status !== 0) throw new Error(`rendering NOTES.txt failed:\n${r.stderr}`);
    return (parse(r.stdout) as { data: { 'NOTES.txt': string } }).data['NOTES.txt'];
  };
}

/** The checks every generated chart must pass, as tests: documented schema, valid defaults and scenarios, determinism. */
export function describeGeneratedChart(generate: () => GeneratedChart): void {
  const chart = generate();
  describe(`${chart.metadata.name} generate()`, () => {
    it('documents every values property', () => {
      expect(missingDescriptions(chart.valuesSchema)).toEqual([]);
    });

    it('has defaults and ci scenarios that match its values schema', () => {
      expect(() => verifyChartValues(chart)).not.toThrow();
    });

    it('is deterministic: two calls give byte-identical files', () => {
      expect([...generate().files]).toEqual([...chart.files]);
    });

    it('writes one ci file per scenario, and LF text only', () => {
      for (const name of Object.keys(chart.scenarios)) expect(chart.files.has(`ci/${name}-values.yaml`), name).toBe(true);
      for (const [path, content] of chart.files) expect(content.includes('\r'), path).toBe(false);
    });
  });
}

/** A generated chart written to disk once, with `helm template` as objects and NOTES.txt as helm renders it. */
export function chartFixture(generate: () => GeneratedChart, defaults: { release: string; namespace: string }) {
  const chart = generate();
  const dir = writeTreeToTemp(chart.files, chart.metadata.name);
  return {
    dir,
    /** The chart's ci/*-values.yaml paths, sorted. */
    scenarios: [...chart.files.keys()].filter((f) => f.startsWith('ci/')).sort(),
    /** `helm template` with extra args; throws with helm's stderr when it fails. */
    template(helm: HelmBinary, args: string[] = [], release = defaults.release): K8sObject[] {
      const r = runHelm(helm, ['template', release, dir, '--namespace', defaults.namespace, ...args]);
      if (r.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${r.stderr}`);
      return parseManifests(r.stdout);
    },
    renderNotes: notesRenderer(dir, defaults),
  };
}
