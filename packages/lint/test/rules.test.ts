// Every rule against its two fixtures, through the package's entry points (lintRelease with a config that selects
// the rule alone): the violating manifest gives exactly the findings its `# expect:` lines list, the passing one none.
// Then the suppression annotations and config exemptions, on the same fixtures.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELMFORGE_IGNORE_PREFIX, lintRelease, resolveConfig, RULES } from '../src/index.js';
import { annotate, describeFinding, expectations, fixtureText, FIXTURES, kubernetesVersion, lintText, objectsOf } from './fixtures.js';

describe('every rule has a violating and a passing fixture', () => {
  it('the table has one fixture directory per rule, and rule IDs are unique kebab-case names', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(existsSync(join(FIXTURES, id, 'bad.yaml')), `${id}/bad.yaml`).toBe(true);
      expect(existsSync(join(FIXTURES, id, 'good.yaml')), `${id}/good.yaml`).toBe(true);
    }
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const only = [{ noDefaults: true, include: [id] }];

    it('reports exactly what bad.yaml expects', () => {
      const text = fixtureText(id, 'bad');
      const expected = expectations(text);
      expect(expected.length).toBeGreaterThan(0);
      const findings = lintText(text, only);
      expect(findings.map(describeFinding).sort()).toEqual(expected);
      for (const f of findings) expect(f.rule).toBe(id);
    });

    if (rule.scope === 'object') {
      it('is object-scoped: run on each object alone, it reports what it reports on the whole release', () => {
        const text = fixtureText(id, 'bad');
        const version = kubernetesVersion(text);
        const config = resolveConfig(only);
        const whole = lintRelease({ objects: objectsOf(text), ...(version !== undefined ? { kubernetesVersion: version } : {}) }, config, 'object');
        const parts = objectsOf(text).flatMap((o) => lintRelease({ objects: [o], ...(version !== undefined ? { kubernetesVersion: version } : {}) }, config, 'object'));
        expect(parts.map(describeFinding).sort()).toEqual(whole.map(describeFinding).sort());
        expect(lintRelease({ objects: objectsOf(text) }, config, 'release')).toEqual([]);
      });
    }

    it('reports nothing on good.yaml', () => {
      expect(lintText(fixtureText(id, 'good'), only).map(describeFinding)).toEqual([]);
    });

    it(`is suppressed by ${HELMFORGE_IGNORE_PREFIX}${id}, and by an exemption in the config`, () => {
      const text = fixtureText(id, 'bad');
      expect(lintText(text, only, annotate(`${HELMFORGE_IGNORE_PREFIX}${id}`, 'tested'))).toEqual([]);
      const names = [...new Set(objectsOf(text).map((o) => String((o.value.metadata as { name?: unknown } | undefined)?.name)))];
      expect(lintText(text, [...only, { exemptions: names.map((name) => ({ rule: id, name, reason: 'tested' })) }])).toEqual([]);
    });

    for (const alias of rule.kubeLinter ?? []) {
      it(`answers to kube-linter's ${alias}: its annotation suppresses it and --include ${alias} selects it`, () => {
        const text = fixtureText(id, 'bad');
        expect(lintText(text, only, annotate(`ignore-check.kube-linter.io/${alias}`, ''))).toEqual([]);
        expect(lintText(text, [{ noDefaults: true, include: [alias] }]).length).toBe(expectations(text).length);
      });
    }

    for (const check of rule.polaris ?? []) {
      it(`is exempted by Polaris's ${check}-exempt annotation`, () => {
        const text = fixtureText(id, 'bad');
        expect(lintText(text, only, annotate(`polaris.fairwinds.com/${check}-exempt`, 'true'))).toEqual([]);
        // Polaris honours only "true"
        expect(lintText(text, only, annotate(`polaris.fairwinds.com/${check}-exempt`, 'no')).length).toBe(expectations(text).length);
      });
    }

    for (const check of rule.kubeScore ?? []) {
      it(`is ignored by kube-score/ignore: ${check}`, () => {
        const text = fixtureText(id, 'bad');
        expect(lintText(text, only, annotate('kube-score/ignore', `some-other-check, ${check}`))).toEqual([]);
      });
    }
  });
});

describe('rule selection', () => {
  it('the default set leaves out rules that are off by default, and addAllBuiltIn includes them', () => {
    const text = fixtureText('latest-tag', 'bad');
    expect(lintText(text, []).some((f) => f.rule === 'latest-tag')).toBe(true);
    expect(lintText(text, [{ exclude: ['latest-tag'] }]).some((f) => f.rule === 'latest-tag')).toBe(false);
    expect(lintText(text, [{ rules: { 'latest-tag': 'error' } }]).find((f) => f.rule === 'latest-tag')?.severity).toBe('error');
    expect(lintText(text, [{ rules: { 'latest-tag': 'off' } }]).some((f) => f.rule === 'latest-tag')).toBe(false);
  });

  it('a reference declared external is not reported missing', () => {
    const text = fixtureText('missing-pvc', 'bad');
    expect(lintText(text, [{ noDefaults: true, include: ['missing-pvc'], external: [{ kind: 'PersistentVolumeClaim', name: 'web-dta' }] }])).toEqual([]);
    expect(lintText(text, [{ noDefaults: true, include: ['missing-pvc'], external: [{ kind: 'PersistentVolumeClaim', name: 'web-dta', namespace: 'other' }] }])).toHaveLength(1);
  });
});
