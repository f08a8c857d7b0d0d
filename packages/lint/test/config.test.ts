// .helmforge-lint.yaml and kube-linter's .kube-linter.yaml: parsed with positions, mistakes named by file:line:column,
// and resolved into the rules a run uses.
import { describe, expect, it } from 'vitest';
import { LintConfigError, parseLintConfig, resolveConfig, RULES } from '../src/index.js';

const ids = (text: string, file = '.helmforge-lint.yaml') => resolveConfig([parseLintConfig(text, file).config]).rules.map((r) => r.rule.id);

describe('helmforge configuration', () => {
  it('turns rules off and on, sets severities, and declares external references and exemptions', () => {
    const { config } = parseLintConfig(
      [
        'rules:',
        '  latest-tag: error',
        '  cpu-limits: off',
        '  access-to-create-pods: on',
        'exclude: [no-read-only-root-fs]',
        'external:',
        '  - {kind: Secret, name: registry-pull, reason: made by hand}',
        'exemptions:',
        '  - {rule: host-network, kind: DaemonSet, name: node-exporter, reason: reads the node network}',
        '  - {rule: latest-tag, name: web, scenario: ci/dev-values.yaml, reason: the dev scenario follows latest}',
        'clusterCidrs: [10.42.0.0/16]',
        'nodePortRange: 30000-31000',
        'failOn: warning',
      ].join('\n'),
      '.helmforge-lint.yaml',
    );
    const r = resolveConfig([config]);
    const sev = Object.fromEntries(r.rules.map((x) => [x.rule.id, x.severity]));
    expect(sev['latest-tag']).toBe('error');
    expect(sev['cpu-limits']).toBeUndefined();
    expect(sev['access-to-create-pods']).toBe('warning');
    expect(sev['read-only-root-filesystem']).toBeUndefined(); // excluded by its kube-linter name
    expect(r.settings.external).toEqual([{ kind: 'Secret', name: 'registry-pull', reason: 'made by hand' }]);
    expect(r.exemptions).toEqual([
      { rule: 'host-network', kind: 'DaemonSet', name: 'node-exporter', reason: 'reads the node network' },
      { rule: 'latest-tag', name: 'web', scenario: 'ci/dev-values.yaml', reason: 'the dev scenario follows latest' },
    ]);
    expect(r.settings.clusterCidrs.map((c) => c.text)).toEqual(['10.42.0.0/16']);
    expect(r.settings.nodePortRange).toEqual([30000, 31000]);
    expect(r.failOn).toBe('warning');
  });

  it('names the file, line and column of a mistake, and what is expected', () => {
    const err = (text: string) => {
      try {
        parseLintConfig(text, 'lint.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(LintConfigError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(err('rules:\n  latest-tags: error\n')).toMatch(/^lint\.yaml:2:3: unknown rule "latest-tags"/);
    expect(err('rules:\n  latest-tag: loud\n')).toBe('lint.yaml:2:15: rules.latest-tag must be off, on, error, warning or info');
    expect(err('exemptions:\n  - {rule: host-network, name: x}\n')).toMatch(/^lint\.yaml:2:5: an exemption needs a written reason/);
    expect(err('colour: red\n')).toMatch(/^lint\.yaml:1:1: unknown key "colour" \(known: defaults, include/);
    expect(err('nodePortRange: 32767-30000\n')).toBe('lint.yaml:1:16: nodePortRange is FROM-TO, e.g. 30000-32767');
    expect(err('clusterCidrs: [10.0.0.0/33]\n')).toBe('lint.yaml:1:16: "10.0.0.0/33" is not a CIDR (e.g. 10.244.0.0/16)');
    expect(err('include: [x\n')).toMatch(/^lint\.yaml:\d+:\d+: .* \(fix the YAML syntax\)$/);
  });

  it('--include/--exclude on the command line come last and take IDs or kube-linter names', () => {
    const r = resolveConfig([{ exclude: ['latest-tag'] }], { include: ['latest-tag'], exclude: ['privileged-container'] });
    const got = r.rules.map((x) => x.rule.id);
    expect(got).toContain('latest-tag');
    expect(got).not.toContain('privileged-container');
    expect(() => resolveConfig([], { include: ['nope'] })).toThrow(/unknown rule "nope"/);
  });
});

describe("kube-linter's configuration format", () => {
  it('checks.include, checks.exclude and doNotAutoAddDefaults select by kube-linter names', () => {
    expect(ids('checks:\n  doNotAutoAddDefaults: true\n  include: [latest-tag, host-network]\n', '.kube-linter.yaml')).toEqual(['host-network', 'latest-tag']);
    const defaults = ids('checks:\n  exclude: [unset-cpu-requirements]\n', '.kube-linter.yaml');
    expect(defaults).not.toContain('cpu-requests');
    expect(defaults).toContain('cpu-limits');
  });

  it('addAllBuiltIn turns on the rules that are off by default', () => {
    const off = RULES.filter((r) => r.enabledByDefault === false).map((r) => r.id);
    expect(off.length).toBeGreaterThan(0);
    for (const id of off) {
      expect(ids('checks: {}\n')).not.toContain(id);
      expect(ids('checks:\n  addAllBuiltIn: true\n')).toContain(id);
    }
  });

  it('a kube-linter check without counterpart is noted and ignored; an unknown name is an error', () => {
    const parsed = parseLintConfig('checks:\n  include: [no-anti-affinity]\ncustomChecks: [{name: x}]\n', '.kube-linter.yaml');
    expect(parsed.notes).toEqual([
      '.kube-linter.yaml: kube-linter check "no-anti-affinity" has no helmforge counterpart; ignored',
      '.kube-linter.yaml: customChecks are not supported; ignored',
    ]);
    expect(() => parseLintConfig('checks:\n  include: [not-a-check]\n', 'k.yaml')).toThrow('k.yaml:2:13: unknown check "not-a-check" (neither a kube-linter check nor a helmforge rule)');
  });
});
