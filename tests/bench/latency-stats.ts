/** Medians and percentiles for benchmark runs. */

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) of ascending-sorted values, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A growable list of latencies in milliseconds. */
export class LatencyRecorder {
  private values = new Float64Array(1 << 14);
  private count = 0;

  /** Record one latency. */
  add(ms: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = ms;
  }

  /** How many were recorded. */
  get size(): number {
    return this.count;
  }

  /** p50 and p99 in ms. */
  summary(): { p50: number; p99: number } {
    const sorted = this.values.slice(0, this.count).sort();
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  }
}
