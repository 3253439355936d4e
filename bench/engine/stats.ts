/** Nearest-rank percentile of an ascending array: an observed value, never an interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || NaN)),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Counts of `values` per bucket: bucket i holds [edges[i], edges[i + 1]) and the last one is open.
 * A value below the first edge counts in the first bucket; NaN is not counted.
 */
export function histogram(values: readonly number[], edges: readonly number[]): number[] {
  const counts = edges.map(() => 0);
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    let i = edges.length - 1;
    while (i > 0 && v < edges[i]!) i -= 1;
    counts[i]! += 1;
  }
  return counts;
}
