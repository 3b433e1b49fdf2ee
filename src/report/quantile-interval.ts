/**
 * Distribution-free confidence intervals for a measured percentile and for a proportion: how far a p95 or a
 * hit ratio from one run could move on a rerun of the same traffic. The ranking uses them to say when two
 * providers are within noise of each other.
 *
 * Percentile: the q-quantile of n samples lies, with ~95 % confidence, between the order statistics of rank
 * ⌊nq − z·√(nq(1−q))⌋ and ⌈nq + z·√(nq(1−q))⌉ + 1 (normal approximation of the binomial count of samples
 * below the true quantile; Conover, Practical Nonparametric Statistics, §3.2). Ranks are clamped to 1..n.
 * Proportion: the Wilson score interval, which stays inside 0..1 and behaves at 0 % and 100 %.
 */
import type { Histogram } from '../result/histogram.js';
import { valuesAtPercentiles } from './series-histograms.js';

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** A closed interval; `low` ≤ `high`. */
export interface Interval {
  low: number;
  high: number;
}

/** 1-based ranks bounding the q-quantile (0 < q < 1) of n samples at confidence z; null when n = 0. */
export function quantileRankInterval(n: number, q: number, z = Z_95): { lowRank: number; highRank: number } | null {
  if (n <= 0) return null;
  const centre = n * q;
  const spread = z * Math.sqrt(n * q * (1 - q));
  const clamp = (r: number): number => Math.min(n, Math.max(1, r));
  return { lowRank: clamp(Math.floor(centre - spread)), highRank: clamp(Math.ceil(centre + spread) + 1) };
}

/** The interval of the q-quantile of ascending `sorted` values (Infinity allowed, e.g. never converged). */
export function sortedQuantileInterval(sorted: readonly number[], q: number, z = Z_95): Interval | null {
  const ranks = quantileRankInterval(sorted.length, q, z);
  if (ranks === null) return null;
  const low = sorted[ranks.lowRank - 1];
  const high = sorted[ranks.highRank - 1];
  return low === undefined || high === undefined ? null : { low, high };
}

/** The interval of the q-quantile of a latency histogram (µs), returned in ms; null when it is empty. */
export function histogramQuantileIntervalMs(h: Histogram, q: number, z = Z_95): Interval | null {
  const n = h.totalCount;
  const ranks = quantileRankInterval(n, q, z);
  if (ranks === null) return null;
  // The value at percentile 100·r/n is that of the r-th recorded sample (hdr rounds the count up, minus one ulp).
  const [low = 0, high = 0] = valuesAtPercentiles(h, [(100 * ranks.lowRank) / n, (100 * ranks.highRank) / n]);
  return { low: low / 1000, high: high / 1000 };
}

/** Wilson score interval of `successes` out of `trials`; null when there was no trial. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 and at n successes the bound is exactly 0 (or 1); the float sum would leave 1e-17 there.
  return { low: successes <= 0 ? 0 : Math.max(0, centre - half), high: successes >= trials ? 1 : Math.min(1, centre + half) };
}

/** The smallest interval holding every given interval and value (nulls ignored); null when none is given. */
export function hull(parts: readonly (Interval | number | null)[]): Interval | null {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const p of parts) {
    if (p === null) continue;
    const [l, h] = typeof p === 'number' ? [p, p] : [p.low, p.high];
    low = Math.min(low, l);
    high = Math.max(high, h);
  }
  return low > high ? null : { low, high };
}
