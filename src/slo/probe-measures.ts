/**
 * Measurements over what the probes reported: invalidation propagation (per PoP from its points),
 * coalescing and cost. All null when the run did not measure them.
 */
import type { PropagationPoint } from '../result/probe-results.js';
import { nearestRank } from '../result/invalidation-summary.js';
import type { MeasureInput, Scope } from './measure-input.js';

/** Which invalidation figure. */
export type InvalidationFigure = 't50' | 't95' | 'max' | 'converged';

function pointsInScope(points: readonly PropagationPoint[], scope: Scope): PropagationPoint[] {
  const pop = scope.pop?.toLowerCase();
  return pop === undefined ? [...points] : points.filter((p) => p.pop.toLowerCase() === pop);
}

/**
 * An invalidation figure, recomputed from the (object, PoP) points when a PoP is named (the same
 * nearest-rank rule as the summary), else the summary's own figure. Null when not measured or no
 * point of that PoP converged.
 */
export function invalidationFigure(input: MeasureInput, scope: Scope, figure: InvalidationFigure): number | null {
  const inv = input.summary?.invalidation ?? null;
  if (inv === null) return null;
  if (scope.pop === undefined) {
    return figure === 't50' ? inv.t50Ms : figure === 't95' ? inv.t95Ms : figure === 'max' ? inv.maxMs : inv.converged;
  }
  const points = pointsInScope(inv.points, scope);
  if (points.length === 0) return null;
  const times = points.flatMap((p) => (p.ms === null ? [] : [p.ms])).sort((a, b) => a - b);
  if (figure === 'converged') return times.length / points.length;
  if (figure === 'max') return times.at(-1) ?? null;
  return nearestRank(times, figure === 't50' ? 50 : 95) ?? null;
}

/** The PoPs the invalidation prober watched, for expanding `{pop:*}`. */
export function invalidationPops(input: MeasureInput): string[] {
  return [...new Set((input.summary?.invalidation?.points ?? []).map((p) => p.pop))].sort();
}
