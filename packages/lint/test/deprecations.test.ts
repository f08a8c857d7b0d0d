// The deprecation table is authored from the Kubernetes deprecation guide; here it is held against Pluto's data
// (../shared/kubernetes-schemas/deprecations/pluto-versions.yaml, every `component: k8s` entry).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEPRECATIONS, deprecationOf } from '../src/index.js';
import { lintText } from './fixtures.js';

interface PlutoEntry {
  version: string;
  kind: string;
  'deprecated-in': string;
  'removed-in': string;
  'replacement-api': string;
  component: string;
}

const PLUTO = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'kubernetes-schemas', 'deprecations', 'pluto-versions.yaml');
const minor = (v: string) => (v === '' ? undefined : v.replace(/^v/, '').split('.').slice(0, 2).join('.'));

/**
 * Where the table follows the deprecation guide and Pluto says otherwise: Pluto lists flowcontrol v1beta1 FlowSchema
 * and PriorityLevelConfiguration as removed in 1.29 (the guide: no longer served as of 1.26, when v1beta1 went; 1.29
 * is v1beta2's removal), and gives v1beta3's deprecations as 1.24 and 1.31 (the guide: deprecated in 1.29). Each
 * difference is pinned, so that new Pluto data is looked at again.
 */
const DIFFERENCES: Record<string, Partial<Record<'deprecatedIn' | 'removedIn', { pluto: string; table: string }>>> = {
  'flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema': { deprecatedIn: { pluto: '1.24', table: '1.23' }, removedIn: { pluto: '1.29', table: '1.26' } },
  'flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration': { deprecatedIn: { pluto: '1.24', table: '1.23' }, removedIn: { pluto: '1.29', table: '1.26' } },
  'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema': { deprecatedIn: { pluto: '1.24', table: '1.26' } },
  'flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration': { deprecatedIn: { pluto: '1.24', table: '1.26' } },
  'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema': { deprecatedIn: { pluto: '1.24', table: '1.29' } },
  'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration': { deprecatedIn: { pluto: '1.31', table: '1.29' } },
  // the guide's "FlowControl" is not a kind: Pluto's entry for the whole v1beta1 group
  'flowcontrol.apiserver.k8s.io/v1beta1 FlowControl': {},
};

describe('the deprecation table', () => {
  const pluto = (parse(readFileSync(PLUTO, 'utf8')) as { 'deprecated-versions': PlutoEntry[] })['deprecated-versions'].filter((e) => e.component === 'k8s');

  it('agrees with every component: k8s entry of Pluto (removed-in, deprecated-in, replacement)', () => {
    expect(pluto.length).toBeGreaterThan(80);
    for (const e of pluto) {
      const key = `${e.version} ${e.kind}`;
      const diff = DIFFERENCES[key];
      const d = deprecationOf(e.version, e.kind);
      if (key.endsWith(' FlowControl')) {
        expect(d, key).toBeUndefined();
        continue;
      }
      expect(d, `${key} is missing from the table`).toBeDefined();
      const removed = diff?.removedIn;
      expect(d?.removedIn, `${key} removed-in`).toBe(removed !== undefined && minor(e['removed-in']) === removed.pluto ? removed.table : minor(e['removed-in']));
      if (minor(e['deprecated-in']) !== undefined) {
        const dep = diff?.deprecatedIn;
        expect(d?.deprecatedIn, `${key} deprecated-in`).toBe(dep !== undefined && minor(e['deprecated-in']) === dep.pluto ? dep.table : minor(e['deprecated-in']));
      }
      if (e['replacement-api'] !== '') expect(d?.replacement, `${key} replacement`).toBe(e['replacement-api']);
    }
  });

  it('each known difference is still what Pluto says (so a corrected Pluto is noticed)', () => {
    for (const [key, diff] of Object.entries(DIFFERENCES)) {
      const e = pluto.find((x) => `${x.version} ${x.kind}` === key);
      expect(e, key).toBeDefined();
      if (diff.removedIn !== undefined) expect(minor(e?.['removed-in'] ?? ''), key).toBe(diff.removedIn.pluto);
      if (diff.deprecatedIn !== undefined) expect(minor(e?.['deprecated-in'] ?? ''), key).toBe(diff.deprecatedIn.pluto);
    }
  });

  it('every entry of the table names kinds, and a removal never precedes its deprecation', () => {
    for (const d of DEPRECATIONS) {
      expect(d.kinds.length).toBeGreaterThan(0);
      if (d.deprecatedIn !== undefined && d.removedIn !== undefined) {
        const [a, b] = [d.deprecatedIn, d.removedIn].map((v) => v.split('.').map(Number)) as [number[], number[]];
        expect((a[1] as number) <= (b[1] as number), `${d.apiVersion}`).toBe(true);
      }
    }
  });

  it('is applied per target version: deprecated (warning) before removal, removed (error) from it on', () => {
    const pdb = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec: {maxUnavailable: 1}\n';
    const only = [{ noDefaults: true, include: ['deprecated-api'] }];
    expect(lintText(`# kubernetes-version: 1.20.0\n${pdb}`, only)).toEqual([]);
    expect(lintText(`# kubernetes-version: 1.24.3\n${pdb}`, only).map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'warning: policy/v1beta1 PodDisruptionBudget is deprecated since 1.21, removed in 1.25: use policy/v1 (an empty selector selects every pod of the namespace)',
    ]);
    expect(lintText(`# kubernetes-version: v1.25.0\n${pdb}`, only).map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'error: policy/v1beta1 PodDisruptionBudget was removed in 1.25: use policy/v1 (an empty selector selects every pod of the namespace)',
    ]);
  });
});
