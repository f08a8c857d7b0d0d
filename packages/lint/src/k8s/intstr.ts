// int-or-string fields such as maxUnavailable, minAvailable, targetPort.

/** `n` or `n%` of `total`; percentages round up or down as the controllers do. Undefined when not such a value. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+)%$/.exec(v);
  if (m === null) return /^\d+$/.test(v) ? Number(v) : undefined;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The number in `n` or `n%` (kube-linter and the API server compare the bare value of a percentage too). */
export function intOrPercentValue(v: unknown): { value: number; percent: boolean } | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? { value: v, percent: false } : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(-?\d+)(%?)$/.exec(v);
  return m === null ? undefined : { value: Number(m[1]), percent: m[2] === '%' };
}
