/**
 * The latency percentile distribution of an HDR histogram as HdrHistogram's own plots draw it: x is
 * 1/(1−p) on a log axis (1 = p0, 10 = p90, 100 = p99, 1000 = p99.9), so the tail gets as much room as the
 * median and percentiles are read off directly.
 */
import type { Histogram } from '../result/histogram.js';
import { valuesAtPercentiles } from './series-histograms.js';

/** One point of the distribution: x = 1/(1−p), the percentile p (0..100) and its value in ms. */
export interface CurvePoint {
  x: number;
  percentile: number;
  ms: number;
}

/**
 * Points at `perDecade` steps of x per factor of 10, from p0 up to x = count (a percentile beyond
 * 1 − 1/count is not resolved by count samples), ending with the maximum at x = count. Empty for an
 * empty histogram.
 */
export function percentileCurve(h: Histogram, perDecade = 20): CurvePoint[] {
  const n = h.totalCount;
  if (n === 0) return [];
  const xs: number[] = [];
  for (let k = 0; 10 ** (k / perDecade) < n; k++) xs.push(10 ** (k / perDecade));
  const percentiles = [...xs.map((x) => 100 * (1 - 1 / x)), 100];
  const values = valuesAtPercentiles(h, percentiles);
  return percentiles.map((percentile, i) => ({ x: xs[i] ?? Math.max(1, n), percentile, ms: (values[i] ?? 0) / 1000 }));
}
