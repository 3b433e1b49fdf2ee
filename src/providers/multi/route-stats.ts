/**
 * What a multi-CDN knows about one member PoP: an EWMA of its recent latency (for steering) and a window
 * of its last latencies (for the running percentile a hedge waits for).
 */

/** Latencies kept for the running percentile. */
export const LATENCY_WINDOW = 256;

/** How many new latencies before the percentile cache is recomputed (sorting 256 numbers per request would be wasteful). */
const RECOMPUTE_EVERY = 16;

/** Recent latency of one member PoP. */
export class RouteStats {
  /** Exponentially weighted moving average, ms; null before the first latency. */
  ewma: number | null = null;
  /** Latencies observed so far (all time). */
  count = 0;
  private readonly window = new Float64Array(LATENCY_WINDOW);
  private next = 0;
  private sorted: Float64Array | null = null;
  private sinceSort = 0;

  constructor(private readonly alpha: number) {}

  /** Records one successful attempt's latency (socket write to last byte), ms. */
  observe(ms: number): void {
    this.ewma = this.ewma === null ? ms : this.ewma + this.alpha * (ms - this.ewma);
    this.window[this.next] = ms;
    this.next = (this.next + 1) % LATENCY_WINDOW;
    this.count++;
    this.sinceSort++;
  }

  /** Nearest-rank percentile (0 < q ≤ 1) of the last LATENCY_WINDOW latencies; null when none. */
  percentile(q: number): number | null {
    const n = Math.min(this.count, LATENCY_WINDOW);
    if (n === 0) return null;
    if (this.sorted === null || this.sorted.length !== n || this.sinceSort >= RECOMPUTE_EVERY) {
      this.sorted = this.window.slice(0, n).sort();
      this.sinceSort = 0;
    }
    const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
    return this.sorted[rank - 1] ?? null;
  }
}
