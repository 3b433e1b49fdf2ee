/**
 * Turns the prober's per-(object, PoP) points into the InvalidationResult figures (DOMAIN.md §2).
 *
 * Percentiles are nearest-rank over the *converged* points only: with the n converged times sorted
 * ascending, the p-th percentile is the value at rank ⌈p/100 · n⌉ (1-based), so every reported figure is
 * a time that was actually observed (never an interpolation). Unconverged pairs are not folded in as
 * "infinite"; `converged` reports them. All three figures are null when nothing converged.
 */
import type { InvalidationMeasurement, InvalidationResult, PropagationGroup, PropagationPoint } from './probe-results.js';

/** Nearest-rank percentile of ascending `sorted` values; undefined for an empty list. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Inputs of summarizeInvalidation besides the points. */
export interface InvalidationSummaryInput {
  points: PropagationPoint[];
  objects: number;
  pops: number;
  purgeApiMs: number | null;
  staleReads: number | null;
  strategy: string;
  /** When given, recorded with per-PoP and per-object figures. */
  measurement?: InvalidationMeasurement;
}

function figures(points: readonly PropagationPoint[]): { t50Ms: number | null; t95Ms: number | null; maxMs: number | null; converged: number } {
  const times = points.flatMap((p) => (p.ms === null ? [] : [p.ms])).sort((a, b) => a - b);
  return {
    t50Ms: nearestRank(times, 50) ?? null,
    t95Ms: nearestRank(times, 95) ?? null,
    maxMs: times.at(-1) ?? null,
    converged: points.length === 0 ? 0 : times.length / points.length,
  };
}

function groups(points: readonly PropagationPoint[], key: (p: PropagationPoint) => string): PropagationGroup[] {
  const by = new Map<string, PropagationPoint[]>();
  for (const p of points) by.set(key(p), [...(by.get(key(p)) ?? []), p]);
  return [...by].map(([id, ps]) => ({ id, ...figures(ps) }));
}

/** The result figures of a finished probe. */
export function summarizeInvalidation(i: InvalidationSummaryInput): InvalidationResult {
  return {
    ...figures(i.points),
    objects: i.objects,
    pops: i.pops,
    purgeApiMs: i.purgeApiMs,
    staleReads: i.staleReads,
    strategy: i.strategy,
    points: i.points,
    ...(i.measurement === undefined
      ? {}
      : { measurement: i.measurement, perPop: groups(i.points, (p) => p.pop), perObject: groups(i.points, (p) => p.object) }),
  };
}
