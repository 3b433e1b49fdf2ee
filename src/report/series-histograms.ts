/**
 * Decoded latency histograms of result series, decoded once per series and shared by every view of a
 * report (decoding a compressed histogram costs about a millisecond; a 5-provider report holds hundreds),
 * and several percentiles read in one pass over the counts instead of one pass each.
 */
import { JsHistogram } from 'hdr-histogram-js';
import { addInto, createLatencyHistogram, decodeHistogram, type Histogram } from '../result/histogram.js';
import type { LatencySummary, SeriesRecord } from '../result/result-model.js';

const latencyCache = new WeakMap<SeriesRecord, Histogram>();

/** The decoded latency histogram of a series (cached for the life of the series object). */
export function seriesLatency(s: SeriesRecord): Histogram {
  let h = latencyCache.get(s);
  if (h === undefined) {
    h = decodeHistogram(s.latency);
    latencyCache.set(s, h);
  }
  return h;
}

/** The latency histograms of `series` added into one. */
export function addedLatency(series: Iterable<SeriesRecord>): Histogram {
  const h = createLatencyHistogram();
  for (const s of series) addInto(h, seriesLatency(s));
  return h;
}

// Unit in the last place of a positive double, as hdr-histogram-js's own getValueAtPercentile uses it.
function ulp(x: number): number {
  return x <= 0 ? Number.MIN_VALUE : 2 ** (Math.floor(Math.log2(x)) - 52);
}

/**
 * The values at `percentiles` (0..100) in µs, equal to `h.getValueAtPercentile(p)` for each, computed in
 * one pass over the counts (for the JS histograms cdnbench builds; others are asked one by one). 0 for an
 * empty histogram, like hdr.
 */
export function valuesAtPercentiles(h: Histogram, percentiles: readonly number[]): number[] {
  if (!(h instanceof JsHistogram)) return percentiles.map((p) => h.getValueAtPercentile(p));
  const total = h.totalCount;
  const order = percentiles.map((p, i) => ({ i, p: Math.min(p, 100) })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(percentiles.length).fill(0);
  if (total === 0) return out;
  // The same count threshold hdr computes: round up, guarding against a 1-ulp overshoot of the product.
  const targets = order.map(({ p }) => {
    const fp = (p / 100) * total;
    return Math.max(Math.ceil(fp - ulp(fp)), 1);
  });
  let k = 0;
  let running = 0;
  for (let i = 0; i < h.countsArrayLength && k < order.length; i++) {
    running += h.getCountAtIndex(i);
    while (k < order.length && running >= (targets[k] ?? Number.POSITIVE_INFINITY)) {
      const o = order[k];
      if (o !== undefined) {
        const v = h.valueFromIndex(i);
        out[o.i] = o.p === 0 ? h.lowestEquivalentValue(v) : h.highestEquivalentValue(v);
      }
      k++;
    }
  }
  return out;
}

/** p50/p95/p99/max in ms like summarizeHistogram, in one pass. */
export function fastSummary(h: Histogram): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null };
  const [p50, p95, p99, max] = valuesAtPercentiles(h, [50, 95, 99, 100]).map((us) => us / 1000);
  return { count, p50Ms: p50 ?? null, p95Ms: p95 ?? null, p99Ms: p99 ?? null, maxMs: max ?? null };
}
