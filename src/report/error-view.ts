/** A provider's errors for the report: rate and counts by class, and the latency of failed responses apart. */
import { errorBreakdown, type ErrorClass } from '../result/error-classes.js';
import { addInto, createLatencyHistogram, decodeHistogram } from '../result/histogram.js';
import type { LatencySummary, ProviderResult } from '../result/result-model.js';
import { failuresSplit } from './metric-estimates.js';
import { fastSummary } from './series-histograms.js';

/** Errors of one provider. */
export interface ErrorView {
  scenario: string;
  /** Requests the rate is over (aborted by the run left out). */
  requests: number;
  errors: number;
  rate: number;
  classes: Record<ErrorClass, number>;
  /** Requests the run itself aborted (not the provider's failure). */
  aborted: number;
  /** Latency of responses with status ≥ 400, every object size; count 0 when none (or not recorded apart). */
  failedLatency: LatencySummary;
  /** True when the latency percentiles of this provider exclude failed responses (the result recorded them apart). */
  percentilesExcludeFailures: boolean;
}

/** The error view of `p`. */
export function errorView(scenario: string, p: ProviderResult): ErrorView {
  const e = errorBreakdown(p.series);
  const failed = createLatencyHistogram();
  for (const s of p.series) if (s.failedLatency !== undefined) addInto(failed, decodeHistogram(s.failedLatency));
  return {
    scenario, requests: e.requests, errors: e.errors, rate: e.rate, classes: e.classes, aborted: e.aborted,
    failedLatency: fastSummary(failed), percentilesExcludeFailures: failuresSplit(p),
  };
}

/** "5xx 29.8 %, timeout 0.10 %": the non-zero classes as shares of the requests. */
export function errorClassNote(e: Pick<ErrorView, 'classes' | 'requests'>): string {
  if (e.requests === 0) return '';
  return (Object.entries(e.classes) as [ErrorClass, number][])
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${c} ${((n / e.requests) * 100).toFixed(n / e.requests >= 0.1 ? 1 : 2)} %`)
    .join(', ');
}
