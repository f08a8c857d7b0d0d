// int-or-percent values, as the controllers resolve them (quantities: @helmforge/lint's parseQuantity).

/**
 * maxSurge/maxUnavailable resolved against a replica count as the controllers do: a percentage of surge rounds
 * up, of unavailability down (k8s.io/kubernetes pkg/controller/deployment/util ResolveFenceposts).
 */
export function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean, fallback: string): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  if (m === null) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}
