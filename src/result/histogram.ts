/**
 * HDR latency histograms with every parameter pinned, so histograms recorded by any agent share one
 * bucket layout and merge exactly (counts are added bucket by bucket, never averaged).
 *
 * Values are microseconds. Percentiles read back are HDR-bucket values: exact to 3 significant
 * digits (the value reported is the highest value equivalent to the recorded bucket), not raw samples.
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './result-model.js';

/** A latency histogram (µs); re-exported so callers need not import hdr-histogram-js. */
export type { Histogram };

/** Lowest value told apart from 0, µs. */
export const LOWEST_DISCERNIBLE_US = 1;
/** Highest value tracked, µs (120 s); longer stalls are clamped to it. */
export const HIGHEST_TRACKABLE_US = 120_000_000;
/** Value resolution: 3 significant digits (≤ 0.1 % error per value). */
export const SIGNIFICANT_DIGITS = 3;
// 32-bit counts hold 2^31 records per bucket, far beyond one run; 64 would double the memory.
const BIT_BUCKET_SIZE = 32;

/**
 * A new empty latency histogram (µs). Every parameter is explicit: hdr's defaults (auto-resize, an
 * unbounded range) would let two agents produce layouts that only merge through the slow path.
 */
export function createLatencyHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: LOWEST_DISCERNIBLE_US,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    bitBucketSize: BIT_BUCKET_SIZE,
    // A fixed range keeps memory fixed per series; recordClamped keeps out-of-range values from throwing.
    autoResize: false,
    // The JS implementation needs no async init and no manual destroy() of wasm memory.
    useWebAssembly: false,
  });
}

/**
 * Records one value (µs), rounded to an integer and clamped to [1, 120 s]: a 10-minute stall, a
 * negative clock step or NaN must never throw on the engine's hot path.
 */
export function recordClamped(h: Histogram, us: number): void {
  // NaN fails `us >= 1` and lands on the lowest value rather than poisoning the histogram.
  const v = us >= LOWEST_DISCERNIBLE_US ? (us < HIGHEST_TRACKABLE_US ? Math.round(us) : HIGHEST_TRACKABLE_US) : LOWEST_DISCERNIBLE_US;
  h.recordValue(v);
}

/** HdrHistogram's compressed base64 (V2) form, as stored in result files. */
export function encodeHistogram(h: Histogram): string {
  return encodeIntoCompressedBase64(h);
}

/**
 * Decodes a compressed base64 histogram into a fresh histogram of the standard layout, so the
 * result can both `add()` other histograms and be added to them on the fast, exact path.
 * Throws when the text is not a histogram or holds values beyond 120 s.
 */
export function decodeHistogram(s: string): Histogram {
  const decoded = decodeFromCompressedBase64(s, BIT_BUCKET_SIZE, false, HIGHEST_TRACKABLE_US);
  // Re-homing into our own layout fixes autoResize/range whatever the encoder used.
  const h = createLatencyHistogram();
  h.add(decoded);
  return h;
}

/** Adds every count of `source` into `target` (exact merge). */
export function addInto(target: Histogram, source: Histogram): void {
  target.add(source);
}

const usToMs = (us: number): number => us / 1000;

/**
 * p50/p95/p99/max in milliseconds (µs precision); null percentiles when the histogram is empty.
 * Values are HDR-bucket values (3 significant digits), see the module comment.
 */
export function summarizeHistogram(h: Histogram): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null };
  return {
    count,
    p50Ms: usToMs(h.getValueAtPercentile(50)),
    p95Ms: usToMs(h.getValueAtPercentile(95)),
    p99Ms: usToMs(h.getValueAtPercentile(99)),
    // Percentile 100 rather than maxValue: maxValue is the raw value live but the bucket value once
    // decoded, and a summary must not change when a result is written and read back.
    maxMs: usToMs(h.getValueAtPercentile(100)),
  };
}
