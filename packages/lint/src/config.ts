// Which rules run and how: helmforge's own `.helmforge-lint.yaml` and kube-linter's `.kube-linter.yaml` (its
// `checks:` block), merged with --include/--exclude. A mistake in a file is one error naming file:line:column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { parseCidr, type Cidr } from './k8s/cidr.js';
import { isRecord } from './k8s/values.js';
import type { ExternalReference, LintSettings } from './release.js';
import { RULES, ruleNamed } from './rules/index.js';
import { SEVERITIES, type Rule, type Severity } from './types.js';

/** A per-object exemption from a rule, with the reason it is acceptable. */
export interface Exemption {
  rule: string;
  kind?: string;
  name: string;
  namespace?: string;
  /** Only in renders with this values file (e.g. `ci/tls-values.yaml`); in every render when not given. */
  scenario?: string;
  reason: string;
}

export interface LintConfig {
  /** Where it was read from (for messages). */
  file?: string;
  /** Start from no rules instead of the default set (kube-linter `doNotAutoAddDefaults`). */
  noDefaults?: boolean;
  /** Start from every rule (kube-linter `addAllBuiltIn`). */
  all?: boolean;
  include?: string[];
  exclude?: string[];
  /** Severity per rule ID; `off` turns a rule off, `on` turns it on at its own severity. */
  rules?: Record<string, Severity | 'off' | 'on'>;
  external?: ExternalReference[];
  exemptions?: Exemption[];
  clusterCidrs?: string[];
  nodePortRange?: [number, number];
  failOn?: Severity;
}

export class LintConfigError extends Error {}

/**
 * Address ranges CNIs hand out to pods and Services by default (kube-ovn 10.16.0.0/16 and 10.96.0.0/12, flannel
 * 10.244.0.0/16, k3s 10.42/10.43, Cilium 10.0.0.0/8, Calico's IPv6 ULA, CGNAT ranges some CNIs use). 192.168.0.0/16
 * is left out although Calico defaults to it: on-premises networks put their nodes there.
 */
export const DEFAULT_CLUSTER_CIDRS = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', 'fd00::/8'];
export const DEFAULT_NODE_PORT_RANGE: [number, number] = [30000, 32767];

const HELMFORGE_KEYS = ['defaults', 'include', 'exclude', 'rules', 'external', 'exemptions', 'clusterCidrs', 'nodePortRange', 'failOn'];

/** Parses a config file's text: kube-linter's format when it has a top-level `checks:` key, else helmforge's. */
export function parseLintConfig(text: string, file: string): { config: LintConfig; notes: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (node: Node | null | undefined): string => {
    const pos = node?.range ? lines.linePos(node.range[0]) : undefined;
    return pos ? `${file}:${pos.line}:${pos.col}` : file;
  };
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new LintConfigError(`${at(node)}: ${message}`);
  };
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lines.linePos(first.pos[0]);
    throw new LintConfigError(`${file}:${pos.line}:${pos.col}: ${first.message.split('\n')[0] ?? ''} (fix the YAML syntax)`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: { file }, notes: [] };
  if (!isMap(root)) return fail(root, 'a lint configuration is a mapping');
  const json = doc.toJS() as Record<string, unknown>;
  if (Object.hasOwn(json, 'checks') || Object.hasOwn(json, 'customChecks')) return kubeLinterConfig(doc, json, file, fail);
  for (const pair of root.items) {
    const key = String((pair.key as { value?: unknown }).value);
    if (!HELMFORGE_KEYS.includes(key)) fail(pair.key as Node, `unknown key "${key}" (known: ${HELMFORGE_KEYS.join(', ')})`);
  }
  const node = (path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  /** The key of a mapping entry (a rule named as a key is reported where its name is). */
  const keyNode = (path: string[]): Node | undefined => {
    const parent = doc.getIn(path.slice(0, -1), true);
    return isMap(parent) ? (parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1))?.key as Node | undefined) : undefined;
  };
  const config: LintConfig = { file };
  if (json.defaults !== undefined) {
    if (typeof json.defaults !== 'boolean') fail(node(['defaults']), 'defaults must be true or false');
    config.noDefaults = json.defaults === false;
  }
  config.include = names(json.include, ['include'], node, fail);
  config.exclude = names(json.exclude, ['exclude'], node, fail);
  if (json.rules !== undefined) {
    if (!isRecord(json.rules)) fail(node(['rules']), 'rules maps rule IDs to off, on, error, warning or info');
    config.rules = {};
    for (const [name, level] of Object.entries(json.rules as Record<string, unknown>)) {
      const rule = known(name, keyNode(['rules', name]), fail);
      if (typeof level !== 'string' || !['off', 'on', ...SEVERITIES].includes(level)) fail(node(['rules', name]), `rules.${name} must be off, on, error, warning or info`);
      config.rules[rule.id] = level as Severity | 'off' | 'on';
    }
  }
  if (json.external !== undefined) {
    config.external = list(json.external, ['external'], node, fail).map((e, i) => {
      if (typeof e.kind !== 'string' || typeof e.name !== 'string') fail(node(['external', i]), 'each external reference needs kind and name (and may have namespace, reason)');
      return { kind: e.kind as string, name: e.name as string, ...(typeof e.namespace === 'string' ? { namespace: e.namespace } : {}), ...(typeof e.reason === 'string' ? { reason: e.reason } : {}) };
    });
  }
  if (json.exemptions !== undefined) {
    config.exemptions = list(json.exemptions, ['exemptions'], node, fail).map((e, i) => {
      if (typeof e.rule !== 'string' || typeof e.name !== 'string') fail(node(['exemptions', i]), 'each exemption needs rule, name and reason (and may have kind, namespace, scenario)');
      if (typeof e.reason !== 'string' || e.reason.trim() === '') fail(node(['exemptions', i]), 'an exemption needs a written reason (reason: why this object may break the rule)');
      const rule = known(e.rule as string, node(['exemptions', i, 'rule']), fail);
      return {
        rule: rule.id,
        name: e.name as string,
        reason: e.reason as string,
        ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
        ...(typeof e.namespace === 'string' ? { namespace: e.namespace } : {}),
        ...(typeof e.scenario === 'string' ? { scenario: e.scenario } : {}),
      };
    });
  }
  if (json.clusterCidrs !== undefined) {
    config.clusterCidrs = names(json.clusterCidrs, ['clusterCidrs'], node, fail, false);
    for (const [i, c] of (config.clusterCidrs ?? []).entries()) if (parseCidr(c) === undefined) fail(node(['clusterCidrs', i]), `"${c}" is not a CIDR (e.g. 10.244.0.0/16)`);
  }
  if (json.nodePortRange !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(String(json.nodePortRange));
    if (m === null || Number(m[1]) > Number(m[2])) fail(node(['nodePortRange']), 'nodePortRange is FROM-TO, e.g. 30000-32767');
    config.nodePortRange = [Number(m?.[1]), Number(m?.[2])];
  }
  if (json.failOn !== undefined) {
    if (json.failOn !== 'error' && json.failOn !== 'warning' && json.failOn !== 'info') fail(node(['failOn']), 'failOn must be error, warning or info');
    config.failOn = json.failOn as Severity;
  }
  return { config, notes: [] };
}

type Fail = (node: Node | null | undefined, message: string) => never;

function kubeLinterConfig(doc: Document, json: Record<string, unknown>, file: string, fail: Fail): { config: LintConfig; notes: string[] } {
  const node = (path: (string | number)[]) => doc.getIn(path, true) as Node | undefined;
  const checks = json.checks ?? {};
  if (!isRecord(checks)) return fail(node(['checks']), 'checks must be a mapping (include, exclude, doNotAutoAddDefaults, addAllBuiltIn)');
  const notes: string[] = [];
  const mapped = (key: 'include' | 'exclude'): string[] => {
    const out: string[] = [];
    for (const [i, name] of names(checks[key], ['checks', key], node, fail, false).entries()) {
      const rule = ruleNamed(name);
      if (rule !== undefined) out.push(rule.id);
      else if (!KUBE_LINTER_ONLY.has(name)) fail(node(['checks', key, i]), `unknown check "${name}" (neither a kube-linter check nor a helmforge rule)`);
      else notes.push(`${file}: kube-linter check "${name}" has no helmforge counterpart; ignored`);
    }
    return out;
  };
  const config: LintConfig = { file, include: mapped('include'), exclude: mapped('exclude') };
  if (checks.doNotAutoAddDefaults === true) config.noDefaults = true;
  if (checks.addAllBuiltIn === true) config.all = true;
  if (Array.isArray(checks.ignorePaths) && checks.ignorePaths.length > 0) notes.push(`${file}: checks.ignorePaths is not supported (helmforge lints what it is given); ignored`);
  if (Array.isArray(json.customChecks) && json.customChecks.length > 0) notes.push(`${file}: customChecks are not supported; ignored`);
  return { config, notes };
}

/** kube-linter's checks that helmforge has no rule for (accepted in its config, with a note). */
const KUBE_LINTER_ONLY = new Set([
  'no-anti-affinity', 'ssh-port', 'pdb-unhealthy-pod-eviction-policy', 'no-extensions-v1beta', 'dnsconfig-options', 'exposed-services',
  'hpa-minimum-three-replicas', 'minimum-three-replicas', 'no-node-affinity', 'no-rolling-update-strategy', 'non-isolated-pod',
  'priority-class-name', 'read-secret-from-env-var', 'required-annotation-email', 'required-label-owner', 'restart-policy',
  'scc-deny-privileged-container', 'schema-validation', 'sorted-keys', 'use-namespace', 'dangling-servicemonitor',
]);

function known(name: string, node: Node | undefined, fail: Fail): Rule {
  const rule = ruleNamed(name);
  if (rule === undefined) fail(node, `unknown rule "${name}" (run helmforge lint --list-rules, or see docs/rules.md)`);
  return rule as Rule;
}

function names(v: unknown, path: (string | number)[], node: (p: (string | number)[]) => Node | undefined, fail: Fail, rules = true): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(node(path), `${path.join('.')} must be a list of names`);
  return (v as string[]).map((name, i) => (rules ? known(name, node([...path, i]), fail).id : name));
}

function list(v: unknown, path: (string | number)[], node: (p: (string | number)[]) => Node | undefined, fail: Fail): Record<string, unknown>[] {
  if (!Array.isArray(v) || !isSeq(node(path)) || v.some((x) => !isRecord(x))) fail(node(path), `${path.join('.')} must be a list of mappings`);
  return v as Record<string, unknown>[];
}

/** What a run uses: each selected rule with its severity, the settings and the exemptions. */
export interface ResolvedConfig {
  rules: { rule: Rule; severity: Severity }[];
  settings: LintSettings;
  exemptions: Exemption[];
  failOn: Severity;
}

/**
 * Merges configs in order (later ones win for selection and severities; external references and exemptions add
 * up) and then the command line's --include/--exclude. Rules are named by ID or kube-linter check name throughout.
 */
export function resolveConfig(configs: LintConfig[], cli: { include?: string[]; exclude?: string[]; failOn?: Severity } = {}): ResolvedConfig {
  const selected = new Map<string, Severity>();
  const enable = (id: string, sev?: Severity) => {
    const rule = RULES.find((r) => r.id === id) as Rule;
    selected.set(id, sev ?? selected.get(id) ?? rule.severity);
  };
  let start: 'defaults' | 'none' | 'all' = 'defaults';
  for (const c of configs) {
    if (c.all) start = 'all';
    else if (c.noDefaults) start = 'none';
  }
  for (const r of RULES) if (start === 'all' || (start === 'defaults' && r.enabledByDefault !== false)) selected.set(r.id, r.severity);
  const external: ExternalReference[] = [];
  const exemptions: Exemption[] = [];
  let clusterCidrs = DEFAULT_CLUSTER_CIDRS;
  let nodePortRange = DEFAULT_NODE_PORT_RANGE;
  let failOn: Severity = 'error';
  for (const c of configs) {
    for (const name of c.include ?? []) enable(ruleId(name));
    for (const name of c.exclude ?? []) selected.delete(ruleId(name));
    for (const [name, level] of Object.entries(c.rules ?? {})) {
      if (level === 'off') selected.delete(ruleId(name));
      else enable(ruleId(name), level === 'on' ? undefined : level);
    }
    external.push(...(c.external ?? []));
    exemptions.push(...(c.exemptions ?? []).map((e) => ({ ...e, rule: ruleId(e.rule) })));
    if (c.clusterCidrs !== undefined) clusterCidrs = c.clusterCidrs;
    if (c.nodePortRange !== undefined) nodePortRange = c.nodePortRange;
    if (c.failOn !== undefined) failOn = c.failOn;
  }
  for (const name of cli.include ?? []) enable(ruleId(name));
  for (const name of cli.exclude ?? []) selected.delete(ruleId(name));
  if (cli.failOn !== undefined) failOn = cli.failOn;
  return {
    rules: RULES.filter((r) => selected.has(r.id)).map((rule) => ({ rule, severity: selected.get(rule.id) as Severity })),
    settings: { clusterCidrs: clusterCidrs.map((c) => parseCidr(c) as Cidr), nodePortRange, external },
    exemptions,
    failOn,
  };
}

/** A rule ID from a name given on the command line (ID or kube-linter check name). */
export function ruleId(name: string): string {
  const rule = ruleNamed(name);
  if (rule === undefined) throw new LintConfigError(`unknown rule "${name}": give a rule ID or a kube-linter check name (helmforge lint --list-rules lists them)`);
  return rule.id;
}
