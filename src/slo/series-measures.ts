/**
 * Measurements over a provider's series, restricted to a scope (PoP, object class, cache state).
 * Latency percentiles come from the series' HDR histograms added together — exactly what the summary
 * does, so an unfiltered small_object_p95 equals summary.smallObject.p95Ms.
 */
import { addInto, createLatencyHistogram, decodeHistogram, summarizeHistogram } from '../result/histogram.js';
import type { Histogram } from '../result/histogram.js';
import type { LatencySummary, SeriesRecord } from '../result/result-model.js';
import { responsesOf } from '../result/summary.js';
import type { Scope, TagName } from './measure-input.js';

/** Cache-state groups a `cache:` filter may name besides single states (README "Metric definitions"). */
export const CACHE_GROUPS: Readonly<Record<string, ReadonlySet<string>>> = {
  warm: new Set(['HIT', 'STALE', 'UPDATING']),
  cold: new Set(['MISS', 'EXPIRED', 'REVALIDATED', 'BYPASS']),
};

/** True when a series lies inside the scope (PoP names compare case-insensitively: "fra" is "FRA"). */
export function seriesInScope(s: SeriesRecord, scope: Scope): boolean {
  for (const [tag, value] of Object.entries(scope)) {
    if (tag === 'pop' && s.key.pop.toLowerCase() !== value.toLowerCase()) return false;
    if (tag === 'class' && s.key.objectClass !== value) return false;
    if (tag === 'cache') {
      const group = CACHE_GROUPS[value.toLowerCase()];
      if (group === undefined ? s.key.cache !== value.toUpperCase() : !group.has(s.key.cache)) return false;
    }
  }
  return true;
}

/** The distinct values of a tag among series, for expanding `{tag:*}`. */
export function seriesTagValues(series: readonly SeriesRecord[], tag: TagName): string[] {
  const values = series.map((s) => (tag === 'pop' ? s.key.pop : tag === 'class' ? s.key.objectClass : s.key.cache));
  return [...new Set(values)].sort();
}

// Decoding is the costly part; a result's series are measured by many thresholds.
const decoded = new WeakMap<SeriesRecord, Histogram>();

function histogramOf(s: SeriesRecord): Histogram {
  let h = decoded.get(s);
  if (h === undefined) {
    h = decodeHistogram(s.latency);
    decoded.set(s, h);
  }
  return h;
}

/** Latency percentiles over the series (HDR buckets added, never percentiles averaged). */
export function latencyOf(series: readonly SeriesRecord[]): LatencySummary {
  const h = createLatencyHistogram();
  for (const s of series) addInto(h, histogramOf(s));
  return summarizeHistogram(h);
}

/** Exchanges, and errors (network errors plus responses with status ≥ 400), over the series. */
export function errorCountsOf(series: readonly SeriesRecord[]): { requests: number; errors: number } {
  let requests = 0;
  let errors = 0;
  for (const s of series) {
    requests += s.requests;
    errors += s.requests - responsesOf(s);
    for (const [cls, n] of Object.entries(s.statusClasses)) if (Number.parseInt(cls, 10) >= 4) errors += n;
  }
  return { requests, errors };
}
