/**
 * A provider's verdict figures with their noise intervals. One result: a 95 % confidence interval where the
 * data gives one (order statistics for p95 and invalidation t95, Wilson for the hit ratio); counts and
 * money from one run have none. Several results of the provider (repeated runs or agents): the spread of
 * the per-result values is added, since run-to-run variation is usually the larger noise.
 */
import type { Histogram } from '../result/histogram.js';
import type { ProviderResult } from '../result/result-model.js';
import { responsesOf } from '../result/summary.js';
import type { InvalidationResult, PropagationPoint } from '../result/probe-results.js';
import { decodeHistogram } from '../result/histogram.js';
import { errorBreakdown } from '../result/error-classes.js';
import { censoredQuantile, censorWindowMs, type CensoredQuantile } from './censored-quantile.js';
import { histogramQuantileIntervalMs, hull, sortedQuantileInterval, wilsonInterval, type Interval } from './quantile-interval.js';
import type { VerdictValue } from './report-model.js';
import { addedLatency } from './series-histograms.js';
import type { VerdictMetricId } from './verdict-metrics.js';

/**
 * The small-object latency histogram of a provider's successful responses (status < 400): every small
 * series added, minus the failed responses' latency where the result recorded it apart, so fast errors
 * cannot make a provider look fast. Results that predate the split give every response.
 */
export function smallObjectHistogram(p: ProviderResult): Histogram {
  const small = p.series.filter((s) => s.key.size === 'small');
  const h = addedLatency(small);
  for (const s of small) if (s.failedLatency !== undefined) h.subtract(decodeHistogram(s.failedLatency));
  return h;
}

/** Whether a provider's small-object latency could be split into successes and failures. */
export function failuresSplit(p: ProviderResult): boolean {
  return p.series.every((s) => s.failedLatency !== undefined || !Object.entries(s.statusClasses).some(([c, n]) => Number.parseInt(c, 10) >= 4 && n > 0));
}

/** Propagation times ascending, with pairs that never converged as Infinity (censored at the timeout). */
export function censoredTimes(points: readonly PropagationPoint[]): number[] {
  return points.map((p) => p.ms ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
}

/**
 * Invalidation t95 for ranking: the Kaplan–Meier t95 over every pair (censored-quantile.ts): exact when 95 %
 * converged within the probe window, else the window as a lower bound. Null without points.
 */
export function censoredT95(inv: InvalidationResult): CensoredQuantile | null {
  return censoredQuantile(inv, 0.95);
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
    case 'small-p95': {
      // Successful responses only (smallObjectHistogram); the summary's p95 includes failed ones, so it
      // stands only when no failed response was recorded apart.
      if (p.series.every((x) => x.failedLatency === undefined)) return s.smallObject.p95Ms;
      const h = smallObjectHistogram(p);
      return h.totalCount === 0 ? null : h.getValueAtPercentile(95) / 1000;
    }
    case 'error-rate': {
      const e = errorBreakdown(p.series);
      return e.requests === 0 ? null : e.rate;
    }
    case 'hit-ratio':
      return s.hitRatio;
    case 'invalidation-t95':
      return s.invalidation === null ? null : (censoredT95(s.invalidation)?.value ?? null);
    case 'coalescing-ratio':
      return s.coalescing?.ratio ?? null;
    case 'cost-per-1m':
      // The steady state when the run declared a warm-up: a month of traffic runs on warm caches.
      return s.cost?.steady?.perMillionSessionsUsd ?? s.cost?.perMillionSessionsUsd ?? null;
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
    case 'error-rate': {
      const e = errorBreakdown(p.series);
      return wilsonInterval(e.errors, e.requests);
    }
    case 'invalidation-t95': {
      const inv = p.summary.invalidation;
      if (inv === null) return null;
      // A lower bound: the true t95 could be anything beyond it.
      if (censoredT95(inv)?.censored === true) return { low: censorWindowMs(inv), high: Number.POSITIVE_INFINITY };
      return sortedQuantileInterval(censoredTimes(inv.points), 0.95);
    }
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
  if (metric === 'invalidation-t95' && merged.summary.invalidation !== null && censoredT95(merged.summary.invalidation)?.censored === true) {
    return { value, interval: confidence(metric, merged, small), basis: runs.length >= 2 ? 'runs' : 'ci95', runs: runs.length, censored: true };
  }
  const ci = confidence(metric, merged, small);
  if (runs.length >= 2) {
    const perRun = runs.map((r) => plainValue(metric, r));
    return { value, interval: hull([ci, value, ...perRun]), basis: 'runs', runs: runs.length };
  }
  return ci === null ? { value, interval: null, basis: 'none', runs: runs.length } : { value, interval: hull([ci, value]), basis: 'ci95', runs: runs.length };
}
