/** The chart-ready views of one provider's merged result: latency curve, invalidation CDF, cost terms, hit ratio by class. */
import type { Histogram } from '../result/histogram.js';
import type { ProviderResult } from '../result/result-model.js';
import type { CostTerms } from '../result/probe-results.js';
import { percentileCurve } from './percentile-curve.js';
import type { CostView, InvalidationView, LatencyView, ProviderReport } from './report-model.js';
import { fastSummary } from './series-histograms.js';
import { censoredQuantile } from './censored-quantile.js';
import { zeroTerms } from './zero-terms.js';

/** Small-object latency of `p` (scenario `scenario`) from its merged small-object histogram. */
export function latencyView(scenario: string, p: ProviderResult, small: Histogram): LatencyView | null {
  if (small.totalCount === 0) return null;
  const so = p.summary.smallObject;
  return {
    scenario,
    ...fastSummary(small),
    curve: percentileCurve(small),
    perPop: Object.entries(so.perPop).map(([pop, l]) => ({ pop, ...l })).sort((a, b) => (a.pop < b.pop ? -1 : 1)),
    cold: so.cold,
    warm: so.warm,
  };
}

/** Invalidation of `p` with the CDF of its (object, PoP) pairs; null when not measured. */
export function invalidationView(scenario: string, p: ProviderResult): InvalidationView | null {
  const inv = p.summary.invalidation;
  if (inv === null) return null;
  const times = inv.points.flatMap((x) => (x.ms === null ? [] : [x.ms])).sort((a, b) => a - b);
  const n = inv.points.length;
  const cdf: InvalidationView['cdf'] = [];
  times.forEach((ms, i) => {
    // Equal times make one step to the highest fraction.
    if (cdf.at(-1)?.ms === ms) cdf.pop();
    cdf.push({ ms, fraction: (i + 1) / n });
  });
  return {
    scenario, strategy: inv.strategy, t50Ms: inv.t50Ms, t95Ms: inv.t95Ms, maxMs: inv.maxMs, converged: inv.converged,
    pairs: n, windowMs: inv.windowMs ?? null, intervalMs: inv.intervalMs ?? null, censoredT95: censoredQuantile(inv, 0.95),
    purgeApiMs: inv.purgeApiMs, staleReads: inv.staleReads, cdf,
  };
}

function scaled(t: CostTerms, factor: number): CostTerms {
  return {
    edgeUsd: t.edgeUsd * factor, requestsUsd: t.requestsUsd * factor, originUsd: t.originUsd * factor,
    invalidationUsd: t.invalidationUsd * factor, planUsd: t.planUsd * factor, minimumTopUpUsd: t.minimumTopUpUsd * factor,
  };
}

/** Cost of `p` per 1M sessions and per month, split into terms when the result has them; null when unpriced. */
export function costView(scenario: string, p: ProviderResult): CostView | null {
  const c = p.summary.cost;
  if (c === null) return null;
  // The run's terms scale to 1M sessions by the same factor as its total (perMillion / total).
  const factor = c.perMillionSessionsUsd === null ? null : c.totalUsd === 0 ? 0 : c.perMillionSessionsUsd / c.totalUsd;
  return {
    scenario,
    totalUsd: c.totalUsd,
    perMillionSessionsUsd: c.perMillionSessionsUsd,
    monthlyUsd: c.monthlyUsd,
    monthlySessions: c.monthlySessions,
    perMillionTerms: c.breakdown === undefined || factor === null ? null : scaled(c.breakdown.run, factor),
    monthlyTerms: c.breakdown?.monthly ?? null,
    steady: c.steady ?? null,
    zeroTerms: zeroTerms(p),
  };
}

/** Hit ratio per object class in declared order. */
export function hitByClass(p: ProviderResult): ProviderReport['hitByClass'] {
  return Object.entries(p.summary.byClass).flatMap(([objectClass, c]) => (c === undefined ? [] : [{ objectClass, requests: c.requests, hitRatio: c.hitRatio }]));
}
