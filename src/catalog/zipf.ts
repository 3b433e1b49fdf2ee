/**
 * Zipf popularity: rank k (0-based) is drawn with probability ∝ 1 / (k + 1)^s. Sampling inverts a
 * precomputed CDF by binary search, O(log n) per draw, because sessions draw titles millions of times.
 */
import type { Rng } from '../util/rng.js';

/** Draws 0-based popularity ranks from a Zipf(n, exponent) distribution. */
export class ZipfSampler {
  /** Number of ranks. */
  readonly n: number;
  /** The exponent s; 0 gives a uniform distribution. */
  readonly exponent: number;
  private readonly cdf: Float64Array;

  constructor(n: number, exponent: number) {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`Zipf n must be a positive integer (got ${n})`);
    if (!Number.isFinite(exponent) || exponent < 0) throw new RangeError(`Zipf exponent must be >= 0 (got ${exponent})`);
    this.n = n;
    this.exponent = exponent;
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += (k + 1) ** -exponent;
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] ?? 0) / sum;
    // Rounding could leave the last entry just below 1, and a draw above it would fall off the end.
    this.cdf[n - 1] = 1;
  }

  /** A 0-based rank; rank 0 is the most popular. Consumes exactly one draw. */
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] ?? 1) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Probability of drawing `rank`; 0 outside [0, n). */
  probability(rank: number): number {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.n) return 0;
    return (this.cdf[rank] ?? 0) - (rank === 0 ? 0 : (this.cdf[rank - 1] ?? 0));
  }

  /**
   * Share of draws that land on the top `fraction` of ranks (rounded up to whole ranks):
   * topShare(0.01) for (1000, 1.5) ≈ 0.78.
   */
  topShare(fraction: number): number {
    if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
      throw new RangeError(`fraction must be in [0, 1] (got ${fraction})`);
    }
    // The epsilon keeps 0.07 * 100 = 7.000000000000001 at 7 ranks instead of 8.
    const ranks = Math.min(this.n, Math.ceil(fraction * this.n - 1e-9));
    return ranks <= 0 ? 0 : (this.cdf[ranks - 1] ?? 1);
  }
}
