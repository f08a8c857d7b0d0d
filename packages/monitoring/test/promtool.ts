// Test helper: extracts prometheus.yml and the rule files from a `helm template` render and runs the real
// promtool (Debian package `prometheus`) on them.
//
// Debian builds Prometheus without the Kubernetes service-discovery plugin, so its promtool rejects every
// `kubernetes_sd_configs` key as unknown. Those blocks are therefore checked here against a schema that
// mirrors Prometheus's kubernetes.SDConfig (role, namespaces, selectors, …) and then swapped for a static
// target; everything else — relabelling (regexes compile), scrape options, TLS and credentials files,
// rule_files, the rules themselves — goes through promtool unchanged.
import { validateAgainst, type JsonSchema } from '@helmforge/core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { K8sObject } from '../../../tools/testkit/chart.js';
import { tempDir } from '../../../tools/testkit/temp.js';

export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const ROLES = ['node', 'pod', 'service', 'endpoints', 'endpointslice', 'ingress'];

const KUBERNETES_SD: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: {
    role: { enum: ROLES },
    api_server: { type: 'string' },
    kubeconfig_file: { type: 'string' },
    namespaces: { type: 'object', additionalProperties: false, properties: { own_namespace: { type: 'boolean' }, names: { type: 'array', items: { type: 'string', minLength: 1 } } } },
    selectors: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['role'], properties: { role: { enum: ROLES }, label: { type: 'string' }, field: { type: 'string' } } },
    },
    attach_metadata: { type: 'object', additionalProperties: false, properties: { node: { type: 'boolean' } } },
    authorization: { type: 'object' },
    basic_auth: { type: 'object' },
    oauth2: { type: 'object' },
    tls_config: { type: 'object' },
    proxy_url: { type: 'string' },
    follow_redirects: { type: 'boolean' },
    enable_http2: { type: 'boolean' },
  },
};

export interface PromtoolResult {
  ok: boolean;
  output: string;
  /** The rendered prometheus.yml as parsed YAML (before the Kubernetes SD swap). */
  config: { scrape_configs?: Array<Record<string, unknown>>; [key: string]: unknown };
  /** Rule files by ConfigMap key. */
  rules: Record<string, string>;
}

function promtool(args: string[]): { status: number; output: string } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** Runs `promtool check config` (which also loads every rule file) and `promtool check rules` on a render. */
export function checkRender(objects: K8sObject[]): PromtoolResult {
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && (o as { data?: Record<string, string> }).data?.['prometheus.yml'] !== undefined) as { data: Record<string, string> } | undefined;
  if (!configMap) throw new Error('no ConfigMap with prometheus.yml in the render');
  const rulesMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-prometheus-rules')) as { data?: Record<string, string> } | undefined;
  const rules = rulesMap?.data ?? {};
  const dir = tempDir('promtool');
  mkdirSync(join(dir, 'rules'));
  mkdirSync(join(dir, 'sa'));
  writeFileSync(join(dir, 'sa', 'token'), 'token\n');
  writeFileSync(join(dir, 'sa', 'ca.crt'), '');
  for (const [name, content] of Object.entries(rules)) writeFileSync(join(dir, 'rules', name), content);

  const text = configMap.data['prometheus.yml']!;
  const config = parse(text) as PromtoolResult['config'];
  const problems: string[] = [];
  const checked = parse(text.replaceAll('/etc/prometheus/rules/', `${dir}/rules/`).replaceAll(SA_DIR, join(dir, 'sa'))) as PromtoolResult['config'];
  for (const job of checked.scrape_configs ?? []) {
    const sd = job.kubernetes_sd_configs as unknown[] | undefined;
    if (!sd) continue;
    sd.forEach((entry, i) => {
      for (const p of validateAgainst(KUBERNETES_SD, entry)) problems.push(`job ${String(job.job_name)}: kubernetes_sd_configs[${i}]${p.pointer ?? ''}: ${p.message}`);
    });
    delete job.kubernetes_sd_configs;
    job.static_configs = [...((job.static_configs as unknown[]) ?? []), { targets: ['127.0.0.1:1'] }];
  }
  writeFileSync(join(dir, 'prometheus.yml'), stringify(checked));

  const outputs: string[] = [...problems];
  const cfg = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
  outputs.push(cfg.output);
  let ok = problems.length === 0 && cfg.status === 0;
  if (Object.keys(rules).length) {
    const r = promtool(['check', 'rules', ...Object.keys(rules).map((k) => join(dir, 'rules', k))]);
    outputs.push(r.output);
    ok &&= r.status === 0;
  }
  return { ok, output: outputs.join('\n'), config, rules };
}
