/**
 * Provider selection: a weighted score over the verdict metrics, each provider's gap to the best per metric,
 * its strengths, and whether the leader's lead is larger than the measurement noise.
 *
 * Per metric a provider scores best/value (lower is better) or value/best (higher is better): 1 for the
 * best, 0.5 for twice the best latency. A value of 0 scores 1; a lower-is-better value that is infinite
 * (invalidation never converged) scores 0. The score is Σ wᵢ·sᵢ / Σ wᵢ over the metrics that every
 * provider has (a metric one provider lacks is left out for all and listed in `excluded`, rather than
 * guessed). Noise: the leader and the runner-up are re-scored with the leader's figures at the unfavourable
 * ends of their noise intervals and the runner-up's at the favourable ends (everyone else as measured);
 * if the runner-up then scores at least as high, the order could flip on a rerun: within noise.
 * Errors gate: a provider whose error rate exceeds the error budget is not eligible; it is ranked after every
 * eligible provider, never recommended, and says why. A censored figure (invalidation not converged within
 * the probe window) is scored at its lower bound, the window, rather than as never.
 * Everything is deterministic: ties break by provider id.
 */
import type { Interval } from './quantile-interval.js';
import type { RankingWeights } from './ranking-weights.js';
import { recommend, type Recommendation } from './recommendation.js';
import { VERDICT_METRICS, VERDICT_METRIC_IDS, type Better, type VerdictMetricId } from './verdict-metrics.js';

/** Where a metric's noise interval came from. */
export type NoiseBasis = 'ci95' | 'runs' | 'none';

/** One provider's measured value of a metric, with its noise interval. */
export interface MetricEstimate {
  value: number;
  /** The range a rerun could plausibly give; null when unknown (treated as the value itself). */
  interval: Interval | null;
  basis: NoiseBasis;
  /** The true value is above `value` (a lower bound: not reached within the measurement window). */
  censored?: boolean;
}

/** What the ranking is given per provider; a missing metric was not measured. */
export interface RankingInput {
  id: string;
  metrics: Partial<Record<VerdictMetricId, MetricEstimate>>;
  /** Error rate by class, for the ineligibility reason ("5xx 29.8 %"); optional. */
  errorNote?: string;
}

/** Options of a ranking. */
export interface RankingOptions {
  /** Highest error rate (0..1) a provider may have and be recommended; default DEFAULT_ERROR_BUDGET. */
  errorBudget?: number;
}

/** The default error budget: 1 % of requests. */
export const DEFAULT_ERROR_BUDGET = 0.01;

/** A provider's position on one metric. */
export interface MetricStanding extends MetricEstimate {
  /** 0..1; 1 = the best value. */
  score: number;
  /** Holds the best value (ties included). */
  best: boolean;
  /** How much worse than the best, in the metric's unit (≥ 0; Infinity when it never converged). */
  gap: number;
  /** gap / best; null when the best is 0. */
  gapRelative: number | null;
  /** Its interval overlaps the best provider's. */
  withinNoiseOfBest: boolean;
  /** Holds the best value and no other provider is within noise of it: the only case that earns a ★. */
  clearlyBest: boolean;
  /** Holds the best value or is within noise of it while no one is clearly best: a tie for first. */
  tiedBest: boolean;
}

/** One provider's place in the ranking. */
export interface RankedProvider {
  id: string;
  /** 1-based. */
  rank: number;
  score: number;
  metrics: Partial<Record<VerdictMetricId, MetricStanding>>;
  /** Metrics where it is best or within noise of the best, among metrics that separate the providers. */
  strengths: VerdictMetricId[];
  /** Within the error budget (or errors not measured): may be recommended. */
  eligible: boolean;
  /** Why not, when not eligible. */
  ineligibleReason: string | null;
}

/** The whole ranking. */
export interface Ranking {
  /** Normalized weights (sum 1) of the metrics that entered the score. */
  weights: Partial<Record<VerdictMetricId, number>>;
  /** Metrics with a weight above 0 that were left out, and why. */
  excluded: { metric: VerdictMetricId; reason: string }[];
  providers: RankedProvider[];
  recommendation: Recommendation;
  /** The error budget the eligibility gate used (0..1). */
  errorBudget: number;
}

/** Score of `v` against the best `best` of `metric` (its scoring rule, verdict-metrics.ts). */
export function metricScore(metric: VerdictMetricId, v: number, best: number): number {
  const def = VERDICT_METRICS[metric];
  if (def.scoring === 'complement') return best >= 1 ? 1 : Math.max(0, Math.min(1, (1 - v) / (1 - best)));
  return relativeScore(def.better, v, best);
}

/** Score of `v` against the best `best` of a metric (see the module comment). */
export function relativeScore(better: Better, v: number, best: number): number {
  if (better === 'lower') {
    if (v === Number.POSITIVE_INFINITY) return 0;
    if (v <= 0) return 1;
    return Math.min(1, best / v);
  }
  if (best <= 0) return 1;
  return Math.min(1, v / best);
}

function bestOf(better: Better, values: readonly number[]): number {
  return better === 'lower' ? Math.min(...values) : Math.max(...values);
}

function overlaps(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}

const span = (e: MetricEstimate): Interval => e.interval ?? { low: e.value, high: e.value };

/** The standings of every provider that measured `metric`. */
function standings(metric: VerdictMetricId, inputs: readonly RankingInput[]): Map<string, MetricStanding> {
  const { better } = VERDICT_METRICS[metric];
  const have = inputs.flatMap((p) => (p.metrics[metric] === undefined ? [] : [{ id: p.id, e: p.metrics[metric] }]));
  const out = new Map<string, MetricStanding>();
  if (have.length === 0) return out;
  const best = bestOf(better, have.map((h) => h.e.value));
  // The reference for "within noise" is the first best provider by id (inputs are sorted by id).
  const leader = have.find((h) => h.e.value === best);
  const near = (e: MetricEstimate): boolean => (leader === undefined ? true : overlaps(span(e), span(leader.e)));
  // Someone else is within noise of the leader (or shares its value): no one is clearly best.
  const contested = have.some((h) => h !== leader && (h.e.value === best || near(h.e)));
  for (const { id, e } of have) {
    const gap = better === 'lower' ? e.value - best : best - e.value;
    const isBest = e.value === best;
    out.set(id, {
      ...e,
      score: metricScore(metric, e.value, best),
      best: isBest,
      gap: Number.isNaN(gap) ? 0 : gap,
      gapRelative: best === 0 || !Number.isFinite(best) ? null : gap / best,
      withinNoiseOfBest: near(e),
      clearlyBest: isBest && !contested && have.length > 1,
      tiedBest: contested && (isBest || near(e)),
    });
  }
  return out;
}

/** Picks the value a provider is scored with: its measured value, or an end of its noise interval. */
export type ValuePick = (id: string, e: MetricEstimate, better: Better) => number;

/** The measured value. */
const measured: ValuePick = (_id, e) => e.value;

/**
 * Weighted scores of every provider, each metric's values taken through `pick` (the best is the best of
 * the picked values). Only metrics in `weights` count; every provider has them (effectiveWeights).
 */
export function scoreProviders(inputs: readonly RankingInput[], weights: Partial<Record<VerdictMetricId, number>>, pick: ValuePick = measured): Map<string, number> {
  const scores = new Map<string, number>(inputs.map((p) => [p.id, 0]));
  for (const [metric, w] of Object.entries(weights) as [VerdictMetricId, number][]) {
    const { better } = VERDICT_METRICS[metric];
    const values = inputs.flatMap((p) => (p.metrics[metric] === undefined ? [] : [{ id: p.id, v: pick(p.id, p.metrics[metric], better) }]));
    if (values.length === 0) continue;
    const best = bestOf(better, values.map((x) => x.v));
    for (const { id, v } of values) scores.set(id, (scores.get(id) ?? 0) + w * metricScore(metric, v, best));
  }
  return scores;
}

/**
 * Scores of `winner` and `runnerUp` with the winner's figures at the unfavourable ends of their noise
 * intervals and the runner-up's at the favourable ends (everyone else as measured).
 */
export function stressScores(inputs: readonly RankingInput[], weights: Partial<Record<VerdictMetricId, number>>, winner: string, runnerUp: string): { winner: number; runnerUp: number } {
  const pick: ValuePick = (id, e, better) => {
    const { low, high } = span(e);
    if (id === winner) return better === 'lower' ? high : low;
    if (id === runnerUp) return better === 'lower' ? low : high;
    return e.value;
  };
  const s = scoreProviders(inputs, weights, pick);
  return { winner: s.get(winner) ?? 0, runnerUp: s.get(runnerUp) ?? 0 };
}

/** The weights that enter the score (normalized to sum 1) and the ones left out with a reason. */
function effectiveWeights(inputs: readonly RankingInput[], weights: RankingWeights): Pick<Ranking, 'weights' | 'excluded'> {
  const excluded: Ranking['excluded'] = [];
  const used: [VerdictMetricId, number][] = [];
  for (const metric of VERDICT_METRIC_IDS) {
    const w = weights[metric];
    if (w <= 0) continue;
    const missing = inputs.filter((p) => p.metrics[metric] === undefined).map((p) => p.id);
    if (missing.length === inputs.length) excluded.push({ metric, reason: 'not measured' });
    else if (missing.length > 0) excluded.push({ metric, reason: `not measured for ${missing.join(', ')}` });
    else used.push([metric, w]);
  }
  const sum = used.reduce((a, [, w]) => a + w, 0);
  const normalized: Partial<Record<VerdictMetricId, number>> = {};
  for (const [metric, w] of used) normalized[metric] = w / sum;
  return { weights: normalized, excluded };
}

/** Eligibility under the error budget: the error rate (measured value) at most the budget, or not measured. */
function eligibility(p: RankingInput, budget: number): { eligible: boolean; ineligibleReason: string | null } {
  const e = p.metrics['error-rate'];
  if (e === undefined || e.value <= budget) return { eligible: true, ineligibleReason: null };
  const pct = (x: number): string => `${(x * 100).toFixed(x * 100 >= 10 ? 1 : 2)} %`;
  return { eligible: false, ineligibleReason: `error rate ${pct(e.value)}${p.errorNote === undefined || p.errorNote === '' ? '' : ` (${p.errorNote})`} is over the ${pct(budget)} error budget` };
}

/** Ranks providers by the weighted score (see the module comment). */
export function rankProviders(given: readonly RankingInput[], weights: RankingWeights, options: RankingOptions = {}): Ranking {
  const budget = options.errorBudget ?? DEFAULT_ERROR_BUDGET;
  const inputs = [...given].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { weights: used, excluded } = effectiveWeights(inputs, weights);
  const byMetric = new Map(VERDICT_METRIC_IDS.map((m) => [m, standings(m, inputs)] as const));
  const separating = new Set(VERDICT_METRIC_IDS.filter((m) => [...(byMetric.get(m)?.values() ?? [])].some((s) => !s.withinNoiseOfBest)));

  const scores = scoreProviders(inputs, used);
  const scored = inputs.map((p) => {
    const metrics: Partial<Record<VerdictMetricId, MetricStanding>> = {};
    for (const m of VERDICT_METRIC_IDS) {
      const s = byMetric.get(m)?.get(p.id);
      if (s !== undefined) metrics[m] = s;
    }
    const strengths = VERDICT_METRIC_IDS.filter((m) => separating.has(m) && (metrics[m]?.best === true || metrics[m]?.withinNoiseOfBest === true));
    return { id: p.id, score: scores.get(p.id) ?? 0, metrics, strengths, ...eligibility(p, budget) };
  });
  // Eligible first; scores are compared to 1e-12 so float noise in the last digit cannot reorder equal providers.
  scored.sort((a, b) => (a.eligible !== b.eligible ? (a.eligible ? -1 : 1) : Math.abs(a.score - b.score) > 1e-12 ? b.score - a.score : a.id < b.id ? -1 : 1));
  const providers = scored.map((p, i) => ({ ...p, rank: i + 1 }));
  const [w, r] = providers.filter((p) => p.eligible);
  const stress = w !== undefined && r !== undefined ? stressScores(inputs, used, w.id, r.id) : null;
  return { weights: used, excluded, providers, recommendation: recommend(providers, used, excluded, stress, budget), errorBudget: budget };
}
