/** Percentiles and medians over raw samples (no histogram bucketing, so sub-millisecond latencies keep their resolution). */

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function latencySummary(samples: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = Float64Array.from(samples).sort();
  const asArray = Array.from(sorted);
  return { p50Ms: percentile(asArray, 50), p99Ms: percentile(asArray, 99) };
}

/** Rounds a figure for the report: three significant digits are all a noisy machine can claim. */
export function round3(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}
