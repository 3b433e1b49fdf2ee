/**
 * The recorder's mutable per-series accumulator and its snapshot as a result-file SeriesRecord.
 * Internal to the metrics module (not re-exported by index.ts).
 */
import { createLatencyHistogram, encodeHistogram } from './histogram.js';
import type { Histogram } from './histogram.js';
import type { SeriesKey, SeriesRecord } from './result-model.js';
import { ERROR_KINDS } from './sample.js';
import type { ErrorKind } from './sample.js';

/** Live counters and histograms of one series; numbers in typed arrays so counting never allocates. */
export interface SeriesEntry {
  readonly key: Readonly<SeriesKey>;
  requests: number;
  /** Index = status / 100 (0..9). */
  readonly statusCounts: Float64Array;
  /** Index = position in ERROR_KINDS. */
  readonly errorCounts: Float64Array;
  bytes: number;
  bodyBytes: number;
  readonly latency: Histogram;
  readonly ttfb: Histogram;
  readonly service: Histogram;
  /** Latency of responses with status ≥ 400; null until the first one. */
  failed: Histogram | null;
}

/** A new empty series (three histograms, about 75 KB each with the fixed 120 s range). */
export function createSeriesEntry(key: SeriesKey): SeriesEntry {
  return {
    key: { ...key },
    requests: 0,
    statusCounts: new Float64Array(10),
    errorCounts: new Float64Array(ERROR_KINDS.length),
    bytes: 0,
    bodyBytes: 0,
    latency: createLatencyHistogram(),
    ttfb: createLatencyHistogram(),
    service: createLatencyHistogram(),
    failed: null,
  };
}

/** A SeriesRecord copy of the entry, histograms encoded; later recording does not change it. */
export function snapshotSeries(e: SeriesEntry): SeriesRecord {
  // The four documented classes always appear (0 included) so readers need no defaulting.
  const statusClasses: Record<string, number> = {};
  e.statusCounts.forEach((n, i) => {
    if (n > 0 || (i >= 2 && i <= 5)) statusClasses[`${i}xx`] = n;
  });
  const networkErrors: Partial<Record<ErrorKind, number>> = {};
  e.errorCounts.forEach((n, i) => {
    const kind = ERROR_KINDS[i];
    if (n > 0 && kind !== undefined) networkErrors[kind] = n;
  });
  return {
    key: { ...e.key },
    requests: e.requests,
    statusClasses,
    networkErrors,
    bytes: e.bytes,
    bodyBytes: e.bodyBytes,
    latency: encodeHistogram(e.latency),
    ttfb: encodeHistogram(e.ttfb),
    service: encodeHistogram(e.service),
    ...(e.failed === null ? {} : { failedLatency: encodeHistogram(e.failed) }),
  };
}
