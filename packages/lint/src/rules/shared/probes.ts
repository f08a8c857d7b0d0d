// Probes of a container: which are set, and the port each one targets.
import { rec } from '../../k8s/values.js';
import type { ContainerRef } from '../../k8s/workload.js';
import type { Json } from '../../types.js';

export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

export function probe(c: ContainerRef, which: (typeof PROBES)[number]): Json | undefined {
  return rec(c.c[which]);
}
