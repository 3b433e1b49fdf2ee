/**
 * Per-region figures of a provider's summary: when agents in several regions are merged (`--region` on
 * run, ingest or export k6-operator), the result keeps each region's series apart and summarizes each
 * region on its own next to the merged totals. Percentiles come from the regions' merged histograms.
 */
import { addInto, createLatencyHistogram, decodeHistogram, summarizeHistogram } from './histogram.js';
import type { Histogram } from './histogram.js';
import type { LatencySummary, SeriesRecord } from './result-model.js';
import { hitRatioOf } from './summary.js';

/** One region's share of a provider's run. */
export interface RegionSummary {
  requests: number;
  /** Network errors plus responses with status ≥ 400. */
  errors: number;
  errorRate: number;
  bytes: number;
  hitRatio: number | null;
  smallObject: LatencySummary;
  allObjects: LatencySummary;
}

interface Acc {
  series: SeriesRecord[];
  small: Histogram;
  all: Histogram;
  requests: number;
  errors: number;
  bytes: number;
}

function errorsOf(s: SeriesRecord): number {
  let n = 0;
  for (const [cls, c] of Object.entries(s.statusClasses)) if (Number.parseInt(cls, 10) >= 4) n += c;
  for (const c of Object.values(s.networkErrors)) n += c ?? 0;
  return n;
}

/** Summaries per region, or undefined when no series names a region (a single unlabelled run). */
export function regionSummaries(series: readonly SeriesRecord[]): Record<string, RegionSummary> | undefined {
  if (!series.some((s) => s.key.region !== '')) return undefined;
  const acc = new Map<string, Acc>();
  for (const s of series) {
    let a = acc.get(s.key.region);
    if (a === undefined) {
      a = { series: [], small: createLatencyHistogram(), all: createLatencyHistogram(), requests: 0, errors: 0, bytes: 0 };
      acc.set(s.key.region, a);
    }
    a.series.push(s);
    a.requests += s.requests;
    a.errors += errorsOf(s);
    a.bytes += s.bytes;
    const h = decodeHistogram(s.latency);
    addInto(a.all, h);
    if (s.key.size === 'small') addInto(a.small, h);
  }
  const out: Record<string, RegionSummary> = {};
  for (const region of [...acc.keys()].sort()) {
    const a = acc.get(region) as Acc;
    out[region] = {
      requests: a.requests, errors: a.errors, errorRate: a.requests === 0 ? 0 : a.errors / a.requests, bytes: a.bytes,
      hitRatio: hitRatioOf(a.series), smallObject: summarizeHistogram(a.small), allObjects: summarizeHistogram(a.all),
    };
  }
  return out;
}
