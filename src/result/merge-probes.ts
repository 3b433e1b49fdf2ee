/**
 * Merging the probe results of several agents or runs of one provider. Invalidation keeps every
 * (object, PoP) point, so merged percentiles are exact; coalescing adds counts; cost adds the run's
 * volumes and money, while the monthly projection (which needs the price table) is dropped.
 */
import { coalescingFigures } from './coalescing-analyser.js';
import { summarizeInvalidation } from './invalidation-summary.js';
import type { CoalescingResult, CostResult, CostTerms, InvalidationResult } from './probe-results.js';

function present<T>(xs: readonly (T | null)[]): T[] {
  return xs.filter((x): x is T => x !== null);
}

/** Exact merge of invalidation results: the union of points, percentiles recomputed. */
export function mergeInvalidation(xs: readonly (InvalidationResult | null)[]): InvalidationResult | null {
  const all = present(xs);
  const first = all[0];
  if (first === undefined) return null;
  if (all.length === 1) return first;
  const apis = present(all.map((x) => x.purgeApiMs));
  const stale = present(all.map((x) => x.staleReads));
  // The shortest window is where every input's pairs are known; unconverged pairs are censored at it or later.
  const windows = all.flatMap((x) => (x.windowMs === undefined ? [] : [x.windowMs]));
  const intervals = all.flatMap((x) => (x.intervalMs === undefined ? [] : [x.intervalMs]));
  const probe = {
    ...(windows.length === all.length ? { windowMs: Math.min(...windows) } : {}),
    ...(intervals.length > 0 ? { intervalMs: Math.max(...intervals) } : {}),
  };
  const merged = summarizeInvalidation({
    points: all.flatMap((x) => x.points),
    objects: Math.max(...all.map((x) => x.objects)),
    pops: Math.max(...all.map((x) => x.pops)),
    purgeApiMs: apis.length === 0 ? null : Math.max(...apis),
    staleReads: stale.length === 0 ? null : stale.reduce((a, b) => a + b, 0),
    strategy: first.strategy,
    ...(first.measurement === undefined ? {} : { measurement: first.measurement }),
  });
  return { ...merged, ...probe };
}

/** Merge of coalescing results: counts added, ratio and effectiveness recomputed; estimated if any input was. */
export function mergeCoalescing(xs: readonly (CoalescingResult | null)[]): CoalescingResult | null {
  const all = present(xs);
  if (all.length === 0) return null;
  if (all.length === 1) return all[0] ?? null;
  const clientRequests = all.reduce((a, x) => a + x.clientRequests, 0);
  const originFetches = all.reduce((a, x) => a + x.originFetches, 0);
  const idealFetches = all.reduce((a, x) => a + x.idealFetches, 0);
  return {
    clientRequests,
    originFetches,
    idealFetches,
    ...coalescingFigures(clientRequests, originFetches, idealFetches),
    method: all.every((x) => x.method === 'exact') ? 'exact' : 'estimated',
  };
}

/** Merge of run costs: volumes and run money added; per-1M recomputed from `sessions`; monthly dropped. */
export function mergeCost(xs: readonly (CostResult | null)[], sessions: number): CostResult | null {
  const all = present(xs);
  if (all.length === 0) return null;
  if (all.length === 1) return all[0] ?? null;
  const sum = (f: (c: CostResult) => number): number => all.reduce((a, c) => a + f(c), 0);
  const totalUsd = sum((c) => c.totalUsd);
  return {
    edgeEgressGB: sum((c) => c.edgeEgressGB),
    originEgressGB: sum((c) => c.originEgressGB),
    requests: sum((c) => c.requests),
    invalidationPaths: sum((c) => c.invalidationPaths),
    totalUsd,
    perMillionSessionsUsd: sessions === 0 ? null : (totalUsd / sessions) * 1e6,
    monthlyUsd: null,
    monthlySessions: null,
    // Run terms add up like the totals; kept only when every input has them, else the sum would be short.
    ...(all.every((c) => c.breakdown !== undefined) ? { breakdown: { run: sumTerms(all.map((c) => c.breakdown?.run)), monthly: null } } : {}),
  };
}

function sumTerms(xs: readonly (CostTerms | undefined)[]): CostTerms {
  const t: CostTerms = { edgeUsd: 0, requestsUsd: 0, originUsd: 0, invalidationUsd: 0, planUsd: 0, minimumTopUpUsd: 0 };
  for (const x of xs) {
    if (x === undefined) continue;
    for (const k of Object.keys(t) as (keyof CostTerms)[]) t[k] += x[k];
  }
  return t;
}
