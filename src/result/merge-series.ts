/**
 * Exact merge of series records: series with the same full key have their counters summed and their
 * histograms added bucket by bucket (never percentiles averaged). Used for agents' result files
 * (merge.ts) and for the recorders of a load's worker threads.
 */
import { addInto, createLatencyHistogram, decodeHistogram, encodeHistogram, type Histogram } from './histogram.js';
import type { SeriesRecord } from './result-model.js';
import type { ErrorKind } from './sample.js';
import { seriesKeyString } from './series-key.js';

interface SeriesAcc {
  record: SeriesRecord;
  latency: Histogram;
  ttfb: Histogram;
  service: Histogram;
  failed: Histogram | null;
}

function sumInto<K extends string>(target: Partial<Record<K, number>>, source: Partial<Record<K, number>>): void {
  for (const [k, n] of Object.entries(source) as [K, number | undefined][]) target[k] = (target[k] ?? 0) + (n ?? 0);
}

/** Accumulates series records; `records()` returns the merged ones in first-seen order. */
export class SeriesMerger {
  private readonly series = new Map<string, SeriesAcc>();

  /** Adds one record (copied; the input is not changed). */
  add(s: SeriesRecord): void {
    const k = seriesKeyString(s.key);
    const have = this.series.get(k);
    if (have === undefined) {
      this.series.set(k, {
        record: { ...s, key: { ...s.key }, statusClasses: { ...s.statusClasses }, networkErrors: { ...s.networkErrors } },
        latency: decodeHistogram(s.latency),
        ttfb: decodeHistogram(s.ttfb),
        service: decodeHistogram(s.service),
        failed: s.failedLatency === undefined ? null : decodeHistogram(s.failedLatency),
      });
      return;
    }
    const r = have.record;
    r.requests += s.requests;
    r.bytes += s.bytes;
    r.bodyBytes += s.bodyBytes;
    sumInto(r.statusClasses, s.statusClasses);
    sumInto<ErrorKind>(r.networkErrors, s.networkErrors);
    addInto(have.latency, decodeHistogram(s.latency));
    addInto(have.ttfb, decodeHistogram(s.ttfb));
    addInto(have.service, decodeHistogram(s.service));
    if (s.failedLatency !== undefined) {
      have.failed ??= createLatencyHistogram();
      addInto(have.failed, decodeHistogram(s.failedLatency));
    }
  }

  /** The merged records, histograms encoded. */
  records(): SeriesRecord[] {
    return [...this.series.values()].map(({ record: { failedLatency: _f, ...record }, ...s }) => ({
      ...record,
      latency: encodeHistogram(s.latency),
      ttfb: encodeHistogram(s.ttfb),
      service: encodeHistogram(s.service),
      ...(s.failed === null ? {} : { failedLatency: encodeHistogram(s.failed) }),
    }));
  }
}

/** The exact merge of several lists of series (e.g. one per worker thread); a single list comes back as it is. */
export function mergeSeriesLists(lists: readonly (readonly SeriesRecord[])[]): SeriesRecord[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return [...(nonEmpty[0] ?? [])];
  const m = new SeriesMerger();
  for (const l of nonEmpty) for (const s of l) m.add(s);
  return m.records();
}
