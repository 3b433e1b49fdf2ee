/**
 * Weights of the provider-selection score. The defaults favour small-object p95, then invalidation, then
 * cost, then coalescing (issue 6); the hit ratio is shown but not scored unless given a weight, because
 * in a short run it mostly measures how cold the caches started.
 */
import { UsageError } from '../errors.js';
import { VERDICT_METRIC_IDS, isVerdictMetricId, type VerdictMetricId } from './verdict-metrics.js';

/** A weight per verdict metric (any non-negative scale; the ranking normalizes them). */
export type RankingWeights = Record<VerdictMetricId, number>;

/**
 * The default weights: 4 : 3 : 2 : 2 : 1 for p95, invalidation, cost, error rate, coalescing; hit ratio 0.
 * Errors also gate the recommendation (error budget, ranking.ts); the weight ranks providers within it.
 */
export const DEFAULT_WEIGHTS: Readonly<RankingWeights> = Object.freeze({
  'small-p95': 4,
  'error-rate': 2,
  'invalidation-t95': 3,
  'cost-per-1m': 2,
  'coalescing-ratio': 1,
  'hit-ratio': 0,
});

/**
 * Parses `--weights small-p95=5,cost-per-1m=1` over the defaults: named metrics get the given weight, the
 * others keep their default. Throws UsageError on an unknown metric or a weight that is not a finite
 * number ≥ 0, or when every weight ends up 0.
 */
export function parseWeights(text: string | undefined): RankingWeights {
  const weights: RankingWeights = { ...DEFAULT_WEIGHTS };
  if (text === undefined || text.trim() === '') return weights;
  for (const part of text.split(',')) {
    const [name = '', value = '', ...rest] = part.split('=').map((s) => s.trim());
    if (!isVerdictMetricId(name)) {
      throw new UsageError(`--weights: unknown metric "${name}" (known: ${VERDICT_METRIC_IDS.join(', ')})`);
    }
    const w = Number(value);
    if (rest.length > 0 || value === '' || !Number.isFinite(w) || w < 0) {
      throw new UsageError(`--weights: ${name} needs a number ≥ 0, as in ${name}=2`);
    }
    weights[name] = w;
  }
  if (VERDICT_METRIC_IDS.every((m) => weights[m] === 0)) throw new UsageError('--weights: at least one weight must be above 0');
  return weights;
}
