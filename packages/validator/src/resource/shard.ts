// `--shard K/N`: a run validates the K-th of N parts of its inputs, so that a catalogue of charts or manifests splits
// over a CI matrix or a Kubernetes Indexed Job. A file (or a chart's render: chart, values scenario, Kubernetes
// version) belongs to part `sha256(key) mod N`: the same on every machine, without any coordination, and a file
// that is added moves no other file. Reports of the parts merge into one (output/merge.ts).
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `K/N` with 1 ≤ K ≤ N; throws a usage message otherwise. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new Error(`invalid shard "${text}": give K/N with 1 <= K <= N, e.g. 2/4 (in a Kubernetes Indexed Job: $((JOB_COMPLETION_INDEX + 1))/N)`);
  }
  return { index, count };
}

/** Whether the input named `key` (a path as given or found, `/`-separated) is in the shard. */
export function inShard(key: string, shard: Shard | undefined): boolean {
  if (shard === undefined || shard.count === 1) return true;
  const digest = createHash('sha256').update(key.replace(/\\/g, '/')).digest();
  return digest.readUInt32BE(0) % shard.count === shard.index - 1;
}
