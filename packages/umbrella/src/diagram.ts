// The picture of the platform in the umbrella README: a Mermaid flowchart of the parts, their workloads and Services,
// the claims and the NFS exports behind them, the pull Secret and the registry it logs in to, what Prometheus scrapes
// and what Grafana reads. Drawn from each part's topology() for the default release; a test renders the chart with helm
// and finds every edge among the references of the rendered objects.
import type { PartTopology } from '@helmforge/core';

export interface DiagramPart {
  key: string;
  topology: PartTopology;
}

interface Node {
  id: string;
  label: string;
  shape: 'box' | 'round' | 'cylinder' | 'slanted' | 'hexagon' | 'circle';
}

const SHAPES: Record<Node['shape'], [string, string]> = {
  box: ['[', ']'],
  round: ['([', '])'],
  cylinder: ['[(', ')]'],
  slanted: ['[/', '/]'],
  hexagon: ['{{', '}}'],
  circle: ['((', '))'],
};

/** Edge labels, each a kind of reference the test looks for in the rendered objects. */
export const EDGE = {
  selects: 'selects',
  mounts: 'mounts',
  binds: 'binds',
  nfs: 'NFS export',
  pullsWith: 'pulls images with',
  logsIn: 'logs in to',
  nodePort: 'NodePort',
  scrapes: 'scrapes',
  reads: 'reads',
} as const;

export function platformDiagram(parts: DiagramPart[]): string {
  const nodes = new Map<string, Node>();
  const members = new Map<string, string[]>();
  const edges: string[] = [];
  const node = (label: string, shape: Node['shape'], part?: string): string => {
    let n = nodes.get(label);
    if (!n) {
      n = { id: `n${nodes.size + 1}`, label, shape };
      nodes.set(label, n);
      if (part !== undefined) members.set(part, [...(members.get(part) ?? []), n.id]);
    }
    return n.id;
  };
  const edge = (from: string, label: string, to: string) => edges.push(`  ${from} -->|${label}| ${to}`);
  const partId = (key: string) => `part_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
  const workloadId = new Map<string, string>();

  // Claims and volumes first, so that workloads mounting a claim point at nfs-pv's.
  for (const { key, topology } of parts) {
    for (const c of topology.nfs ?? []) {
      const claim = node(`PersistentVolumeClaim ${c.claim}`, 'cylinder', key);
      const volume = node(`PersistentVolume ${c.volume}`, 'cylinder', key);
      edge(claim, EDGE.binds, volume);
      edge(volume, EDGE.nfs, node(`NFS ${c.server}:${c.path}`, 'slanted'));
    }
  }
  for (const { key, topology } of parts) {
    for (const w of topology.workloads) {
      const id = node(`${w.kind} ${w.name}`, 'box', key);
      workloadId.set(w.name, id);
      for (const c of w.claims) edge(id, EDGE.mounts, nodes.get(`PersistentVolumeClaim ${c}`)?.id ?? node(`PersistentVolumeClaim ${c}`, 'cylinder', key));
    }
    for (const s of topology.services) {
      const id = node(`Service ${s.name}`, 'round', key);
      const target = workloadId.get(s.selects);
      if (target) edge(id, EDGE.selects, target);
    }
  }
  for (const { key, topology } of parts) {
    const secret = topology.pullSecret;
    if (secret) {
      const id = node(`Secret ${secret.name}`, 'hexagon', key);
      const endpoint = node(`registry ${secret.server}`, 'circle');
      edge(id, EDGE.logsIn, endpoint);
      // the registry reached through a NodePort of one of the platform's Services
      const port = Number(/:(\d+)$/.exec(secret.server)?.[1]);
      for (const p of parts) for (const s of p.topology.services) if (s.nodePort === port) edge(endpoint, EDGE.nodePort, nodes.get(`Service ${s.name}`)!.id);
      for (const p of parts) {
        if (p.topology.workloads.length && p.topology.workloads.every((w) => w.pullSecrets.includes(secret.name))) edge(partId(p.key), EDGE.pullsWith, id);
      }
    }
    const prometheus = topology.prometheus;
    if (prometheus) {
      const from = workloadId.get(prometheus.workload)!;
      if (prometheus.kubeletJobs.length) edge(from, `${EDGE.scrapes} ${prometheus.kubeletJobs.join(', ')}`, node('kubelets of every node', 'circle'));
      for (const j of prometheus.jobs) edge(from, `${EDGE.scrapes} ${j.job}`, workloadId.get(j.workload)!);
      if (prometheus.annotatedPodsJob) {
        for (const p of parts) for (const w of p.topology.workloads) if (w.scrapeAnnotated) edge(from, `${EDGE.scrapes} ${prometheus.annotatedPodsJob}`, workloadId.get(w.name)!);
      }
    }
    if (topology.grafana) edge(workloadId.get(topology.grafana.workload)!, EDGE.reads, nodes.get(`Service ${topology.grafana.reads}`)!.id);
  }

  const declare = (n: Node, indent: string) => `${indent}${n.id}${SHAPES[n.shape][0]}"${n.label}"${SHAPES[n.shape][1]}`;
  const inPart = new Set([...members.values()].flat());
  const lines = ['flowchart LR'];
  for (const { key } of parts) {
    const ids = members.get(key);
    if (!ids?.length) continue;
    lines.push(`  subgraph ${partId(key)}["${key}"]`);
    for (const n of nodes.values()) if (ids.includes(n.id)) lines.push(declare(n, '    '));
    lines.push('  end');
  }
  for (const n of nodes.values()) if (!inPart.has(n.id)) lines.push(declare(n, '  '));
  return [...lines, ...edges].join('\n');
}
