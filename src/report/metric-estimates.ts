/**
 * A provider's verdict figures with their noise intervals. One result: a 95 % confidence interval where the
 * data gives one (order statistics for p95 and invalidation t95, Wilson for the hit ratio); counts and
 * money from one run have none. Several results of the provider (repeated runs or agents): the spread of
 * the per-result values is added, since run-to-run variation is usually the larger noise.
 */
import type { Histogram } from '../metrics/histogram.js';
import type { ProviderResult } from '../metrics/result-model.js';
import { responsesOf } from '../metrics/summary.js';
import { nearestRank } from '../probes/invalidation-summary.js';
import type { PropagationPoint } from '../probes/probe-results.js';
import { histogramQuantileIntervalMs, hull, sortedQuantileInterval, wilsonInterval, type Interval } from './quantile-interval.js';
import type { VerdictValue } from './report-model.js';
import { addedLatency } from './series-histograms.js';
import type { VerdictMetricId } from './verdict-metrics.js';

/** The small-object latency histogram of a provider (every small series added). */
export function smallObjectHistogram(p: ProviderResult): Histogram {
  return addedLatency(p.series.filter((s) => s.key.size === 'small'));
}

/** Propagation times ascending, with pairs that never converged as Infinity (censored at the timeout). */
export function censoredTimes(points: readonly PropagationPoint[]): number[] {
  return points.map((p) => p.ms ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
}

/**
 * Invalidation t95 for ranking: nearest rank over every pair, unconverged ones counted as infinite, so a
 * provider whose slowest 5 % never converged gets Infinity rather than the t95 of the pairs that did
 * (which the result's `t95Ms` reports, with `converged` beside it). Null without points.
 */
export function censoredT95(points: readonly PropagationPoint[]): number | null {
  return nearestRank(censoredTimes(points), 95) ?? null;
}

/** Hits and responses with a known cache status (the hit ratio's numerator and denominator). */
function hitCounts(p: ProviderResult): { hits: number; known: number } {
  let hits = 0;
  let known = 0;
  for (const s of p.series) {
    if (s.key.cache === 'UNKNOWN') continue;
    const n = responsesOf(s);
    known += n;
    if (s.key.cache === 'HIT' || s.key.cache === 'STALE' || s.key.cache === 'UPDATING') hits += n;
  }
  return { hits, known };
}

/** The per-result value of a metric (what the spread across runs is taken over). */
function plainValue(metric: VerdictMetricId, p: ProviderResult): number | null {
  const s = p.summary;
  switch (metric) {
    case 'small-p95':
      return s.smallObject.p95Ms;
    case 'hit-ratio':
      return s.hitRatio;
    case 'invalidation-t95':
      return s.invalidation === null ? null : censoredT95(s.invalidation.points);
    case 'coalescing-ratio':
      return s.coalescing?.ratio ?? null;
    case 'cost-per-1m':
      return s.cost?.perMillionSessionsUsd ?? null;
  }
}

/** The single-result confidence interval of a metric, where the data gives one. */
function confidence(metric: VerdictMetricId, p: ProviderResult, small: Histogram | null): Interval | null {
  switch (metric) {
    case 'small-p95':
      return small === null ? null : histogramQuantileIntervalMs(small, 0.95);
    case 'hit-ratio': {
      const { hits, known } = hitCounts(p);
      return wilsonInterval(hits, known);
    }
    case 'invalidation-t95':
      return p.summary.invalidation === null ? null : sortedQuantileInterval(censoredTimes(p.summary.invalidation.points), 0.95);
    default:
      return null;
  }
}

/**
 * The verdict value of `metric` for merged provider `merged`, whose inputs were `runs`; null when not
 * measured. `small` is the merged small-object histogram (passed in: decoding it is the costly part).
 */
export function verdictValue(metric: VerdictMetricId, merged: ProviderResult, runs: readonly ProviderResult[], small: Histogram | null): VerdictValue | null {
  const value = plainValue(metric, merged);
  if (value === null) return null;
  const ci = confidence(metric, merged, small);
  if (runs.length >= 2) {
    const perRun = runs.map((r) => plainValue(metric, r));
    return { value, interval: hull([ci, value, ...perRun]), basis: 'runs', runs: runs.length };
  }
  return ci === null ? { value, interval: null, basis: 'none', runs: runs.length } : { value, interval: hull([ci, value]), basis: 'ci95', runs: runs.length };
}
