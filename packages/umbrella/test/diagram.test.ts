// The picture of the platform in the committed umbrella README: every node is an object helm renders for the default
// release, every arrow is a reference between rendered objects, and every workload, Service, claim and volume the
// release renders is in the picture (both Helms).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseManifests, type K8sObject } from '../../../tools/testkit/chart.js';
import { HELM_BINARIES, REPO_ROOT, runHelm } from '../../../tools/testkit/helm.js';
import { EDGE } from '../src/index.js';

const CHART = join(REPO_ROOT, 'charts', 'platform');
const readme = readFileSync(join(CHART, 'README.md'), 'utf8');
const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';

interface Diagram {
  labels: Map<string, string>;
  parts: Map<string, string[]>;
  edges: { from: string; label: string; to: string }[];
}

function readDiagram(text: string): Diagram {
  const d: Diagram = { labels: new Map(), parts: new Map(), edges: [] };
  let part: string | undefined;
  for (const line of text.split('\n')) {
    const subgraph = /^\s*subgraph (\S+)\[/.exec(line);
    const node = /^\s*(n\d+)[^"\s]*"([^"]+)"/.exec(line);
    const edge = /^\s*(\S+) -->\|([^|]+)\| (\S+)$/.exec(line);
    if (subgraph) d.parts.set((part = subgraph[1]!), []);
    else if (/^\s*end$/.test(line)) part = undefined;
    else if (edge) d.edges.push({ from: edge[1]!, label: edge[2]!, to: edge[3]! });
    else if (node) {
      d.labels.set(node[1]!, node[2]!);
      if (part) d.parts.get(part)!.push(node[1]!);
    } else if (line.trim() && line.trim() !== 'flowchart LR') throw new Error(`unexpected line in the diagram: ${line}`);
  }
  return d;
}

type Pod = { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: { volumes?: { persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[]; imagePullSecrets?: { name: string }[] } };
const podOf = (o: K8sObject): Pod | undefined => {
  const spec = o.spec as { template?: Pod; jobTemplate?: { spec: { template: Pod } } } | undefined;
  return spec?.template ?? spec?.jobTemplate?.spec.template;
};
const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'];

describe('the picture of the platform', () => {
  const diagram = readDiagram(mermaid);

  it('is in the README, with a node per part', () => {
    expect(diagram.edges.length).toBeGreaterThan(20);
    expect([...diagram.parts.keys()]).toEqual(['part_nfs_pv', 'part_registry', 'part_monitoring', 'part_jobs', 'part_web', 'part_api']);
  });

  describe.each(HELM_BINARIES)('against what $label renders', (helm) => {
    const r = runHelm(helm, ['template', 'platform', CHART, '--namespace', 'platform']);
    const objects = parseManifests(r.stdout);
    /** The rendered object a node stands for ("Kind name"; a plain Job's name ends in its hash). */
    const objectOf = (id: string): K8sObject => {
      const [kind, name] = (diagram.labels.get(id) ?? '').split(' ');
      const found = objects.find((o) => o.kind === kind && (o.metadata.name === name || (name?.endsWith('-…') && new RegExp(`^${name.slice(0, -2)}-[0-9a-f]{8}$`).test(o.metadata.name))));
      if (!found) throw new Error(`node ${id} "${diagram.labels.get(id)}" is not a rendered object`);
      return found;
    };
    const text = (id: string) => diagram.labels.get(id) ?? '';
    const prometheusConfig = parse(objects.map((o) => (o as { data?: Record<string, string> }).data?.['prometheus.yml']).find(Boolean) ?? '') as { scrape_configs: { job_name: string; kubernetes_sd_configs?: { role: string; selectors?: { label: string }[] }[] }[] };
    const job = (name: string) => prometheusConfig.scrape_configs.find((j) => j.job_name === name);

    /** Each kind of arrow and the reference in the rendered objects that it stands for. */
    const references: Record<string, (from: string, to: string, label: string) => boolean> = {
      [EDGE.selects]: (from, to) => Object.entries((objectOf(from).spec as { selector: Record<string, string> }).selector).every(([k, v]) => podOf(objectOf(to))?.metadata?.labels?.[k] === v),
      [EDGE.mounts]: (from, to) => !!podOf(objectOf(from))?.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === objectOf(to).metadata.name),
      [EDGE.binds]: (from, to) => (objectOf(from).spec as { volumeName: string }).volumeName === objectOf(to).metadata.name && (objectOf(to).spec as { claimRef: { name: string } }).claimRef.name === objectOf(from).metadata.name,
      [EDGE.nfs]: (from, to) => {
        const nfs = (objectOf(from).spec as { nfs: { server: string; path: string } }).nfs;
        return text(to) === `NFS ${nfs.server}:${nfs.path}`;
      },
      [EDGE.logsIn]: (from, to) => {
        const secret = objectOf(from) as unknown as { type: string; data: Record<string, string> };
        const auths = (JSON.parse(Buffer.from(secret.data['.dockerconfigjson'] ?? '', 'base64').toString()) as { auths: object }).auths;
        return secret.type === 'kubernetes.io/dockerconfigjson' && text(to) === `registry ${Object.keys(auths)[0]}`;
      },
      [EDGE.nodePort]: (from, to) => {
        const service = objectOf(to).spec as { type: string; ports: { nodePort?: number }[] };
        return service.type === 'NodePort' && service.ports.some((p) => text(from).endsWith(`:${p.nodePort}`));
      },
      [EDGE.pullsWith]: (from, to) => {
        const workloads = diagram.parts.get(from)!.map(objectOf).filter((o) => WORKLOADS.includes(o.kind));
        return workloads.length > 0 && workloads.every((w) => podOf(w)?.spec.imagePullSecrets?.some((s) => s.name === objectOf(to).metadata.name));
      },
      [EDGE.scrapes]: (from, to, label) => {
        const jobs = label.slice(`${EDGE.scrapes} `.length).split(', ');
        const configOf = (name: string) => (objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name) as { data?: Record<string, string> } | undefined)?.data?.['prometheus.yml'];
        const prometheus = podOf(objectOf(from))?.spec.volumes?.some((v) => v.configMap && configOf(v.configMap.name) !== undefined);
        if (!prometheus) return false;
        if (text(to) === 'kubelets of every node') return jobs.every((j) => job(j)?.kubernetes_sd_configs?.[0]?.role === 'node');
        const pod = podOf(objectOf(to));
        return jobs.every((j) => {
          const sd = job(j)?.kubernetes_sd_configs?.[0];
          if (j === 'kubernetes-pods') return sd?.role === 'pod' && pod?.metadata?.annotations?.['prometheus.io/scrape'] === 'true';
          const selector = sd?.selectors?.[0]?.label.split(',').map((kv) => kv.split('='));
          return !!selector && selector.every(([k, v]) => pod?.metadata?.labels?.[k!] === v);
        });
      },
      [EDGE.reads]: (from, to) => {
        const mounted = podOf(objectOf(from))?.spec.volumes?.flatMap((v) => (v.configMap ? [v.configMap.name] : [])) ?? [];
        const datasources = objects.filter((o) => o.kind === 'ConfigMap' && mounted.includes(o.metadata.name)).map((o) => (o as { data?: Record<string, string> }).data?.['datasources.yaml']).find(Boolean) ?? '';
        return (parse(datasources) as { datasources: { url: string }[] }).datasources.some((d) => new URL(d.url).hostname.split('.')[0] === objectOf(to).metadata.name);
      },
    };

    it('renders', () => {
      expect(r.status, r.stderr).toBe(0);
    });

    it('every arrow is a reference between rendered objects', () => {
      const wrong = diagram.edges.filter((e) => {
        const check = references[e.label.startsWith(EDGE.scrapes) ? EDGE.scrapes : e.label];
        return !check?.(e.from, e.to, e.label);
      });
      expect(wrong.map((e) => `${text(e.from) || e.from} -${e.label}-> ${text(e.to)}`)).toEqual([]);
    });

    it('every workload, Service, claim, volume and pull Secret the release renders is drawn', () => {
      const drawn = new Set([...diagram.labels.keys()].filter((id) => /^[A-Z]\w+ /.test(text(id)) && !text(id).startsWith('NFS ')).map((id) => objectOf(id)));
      const expected = objects.filter((o) => [...WORKLOADS, 'Service', 'PersistentVolumeClaim', 'PersistentVolume'].includes(o.kind) || (o as { type?: string }).type === 'kubernetes.io/dockerconfigjson');
      expect(expected.filter((o) => !drawn.has(o)).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    });
  });
});
