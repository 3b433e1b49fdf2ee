import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { rankProviders, relativeScore, stressScores, type MetricEstimate, type RankingInput } from './ranking.js';
import { DEFAULT_WEIGHTS, parseWeights } from './ranking-weights.js';

const est = (value: number, low?: number, high?: number): MetricEstimate =>
  low === undefined || high === undefined ? { value, interval: null, basis: 'none' } : { value, interval: { low, high }, basis: 'ci95' };

// Three providers, p95 and cost measured; invalidation and coalescing not (so left out of the score).
const THREE: RankingInput[] = [
  { id: 'b', metrics: { 'small-p95': est(100, 95, 105), 'cost-per-1m': est(100) } },
  { id: 'a', metrics: { 'small-p95': est(50, 48, 52), 'cost-per-1m': est(200) } },
  { id: 'c', metrics: { 'small-p95': est(80, 70, 90), 'cost-per-1m': est(160) } },
];

describe('relativeScore', () => {
  it('best/value for lower-is-better, value/best for higher-is-better, with the edge cases', () => {
    expect(relativeScore('lower', 100, 50)).toBe(0.5);
    expect(relativeScore('lower', 0, 0)).toBe(1);
    expect(relativeScore('lower', Number.POSITIVE_INFINITY, 5)).toBe(0);
    expect(relativeScore('higher', 0.8, 0.9)).toBeCloseTo(0.888889, 6);
    expect(relativeScore('higher', 0, 0)).toBe(1);
  });
});

describe('rankProviders', () => {
  const r = rankProviders(THREE, DEFAULT_WEIGHTS);

  it('normalizes the weights of the metrics every provider has and lists the rest', () => {
    // p95 4 and cost 2 of the defaults: 4/6 and 2/6.
    expect(r.weights['small-p95']).toBeCloseTo(2 / 3, 12);
    expect(r.weights['cost-per-1m']).toBeCloseTo(1 / 3, 12);
    expect(Object.keys(r.weights).sort()).toEqual(['cost-per-1m', 'small-p95']);
    expect(r.excluded).toEqual([
      { metric: 'error-rate', reason: 'not measured' },
      { metric: 'invalidation-t95', reason: 'not measured' },
      { metric: 'coalescing-ratio', reason: 'not measured' },
    ]);
  });

  it('scores by hand: a 0.8333, b 0.6667, c 0.625', () => {
    // p95 scores (best 50): a 1, b 0.5, c 0.625; cost scores (best 100): a 0.5, b 1, c 0.625.
    // a = 2/3·1 + 1/3·0.5 = 0.833333; b = 2/3·0.5 + 1/3·1 = 0.666667; c = 0.625.
    expect(r.providers.map((p) => [p.rank, p.id])).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    const [a, b, c] = r.providers;
    expect(a?.score).toBeCloseTo(5 / 6, 12);
    expect(b?.score).toBeCloseTo(2 / 3, 12);
    expect(c?.score).toBeCloseTo(0.625, 12);
  });

  it('gives each provider its gap to the best and its strengths', () => {
    const b = r.providers.find((p) => p.id === 'b');
    const c = r.providers.find((p) => p.id === 'c');
    expect(b?.metrics['small-p95']).toMatchObject({ gap: 50, gapRelative: 1, best: false, withinNoiseOfBest: false, score: 0.5 });
    expect(b?.metrics['cost-per-1m']).toMatchObject({ gap: 0, best: true, score: 1 });
    expect(c?.metrics['cost-per-1m']?.gap).toBe(60);
    expect(c?.metrics['cost-per-1m']?.gapRelative).toBeCloseTo(0.6, 12);
    expect(r.providers.map((p) => p.strengths)).toEqual([['small-p95'], ['cost-per-1m'], []]);
  });

  it('stress test by hand and a clear recommendation', () => {
    // a at its unfavourable p95 end 52 (still the best → 1) and cost 200 → 100/200 = 0.5: 2/3 + 1/6 = 0.8333;
    // b at its favourable end 95 → 52/95 = 0.547368, cost 1: 2/3·0.547368 + 1/3 = 0.698246.
    const s = stressScores(THREE, r.weights, 'a', 'b');
    expect(s.winner).toBeCloseTo(5 / 6, 9);
    expect(s.runnerUp).toBeCloseTo((2 / 3) * (52 / 95) + 1 / 3, 9);
    const rec = r.recommendation;
    expect(rec).toMatchObject({ winner: 'a', runnerUp: 'b', withinNoise: false });
    expect(rec.text).toBe(
      'Choose a: it ranks first with a score of 0.83 against 0.67 for b, the next best, and the lead is larger than the ' +
        "measurement noise (with a's figures at the unfavourable ends of their noise intervals and b's at the favourable " +
        'ends, b would score 0.70 against 0.83). It is better on small-object p95 (50.0 ms vs 100 ms); b is better on cost ' +
        'per 1M sessions ($100.00 vs $200.00). Weights: small-object p95 67 % and cost per 1M sessions 33 %. Left out of ' +
        'the score: error rate (not measured), invalidation t95 (not measured) and coalescing ratio (not measured).',
    );
  });

  it('says "within noise" when the order could flip inside the intervals', () => {
    // x 50 (40–70) vs y 60 (45–75), p95 only: x scores 1, y 50/60. Stress: x at 70, y at 45 → y best:
    // y 1, x 45/70 = 0.642857.
    const r2 = rankProviders(
      [
        { id: 'x', metrics: { 'small-p95': est(50, 40, 70) } },
        { id: 'y', metrics: { 'small-p95': est(60, 45, 75) } },
      ],
      parseWeights('invalidation-t95=0,cost-per-1m=0,coalescing-ratio=0,error-rate=0'),
    );
    expect(r2.providers.map((p) => p.id)).toEqual(['x', 'y']);
    expect(r2.providers[1]?.score).toBeCloseTo(50 / 60, 12);
    expect(r2.recommendation.withinNoise).toBe(true);
    expect(r2.recommendation.stress?.winner).toBeCloseTo(45 / 70, 12);
    expect(r2.recommendation.stress?.runnerUp).toBe(1);
    expect(r2.recommendation.headline).toBe('No clear winner: x 1.00 and y 0.83 are within measurement noise');
    expect(r2.recommendation.text).toMatch(/^No clear winner: x leads on the measured values with a score of 1\.00 against 0\.83 for y, but the lead is within measurement noise/);
    expect(r2.providers[1]?.metrics['small-p95']?.withinNoiseOfBest).toBe(true);
    // Within noise of each other: a tie, no ★ for either; the text says tie, never "better".
    expect(r2.providers.map((p) => [p.metrics['small-p95']?.clearlyBest, p.metrics['small-p95']?.tiedBest])).toEqual([[false, true], [false, true]]);
    expect(r2.recommendation.text).toContain('Tie on small-object p95 (50.0 ms vs 60.0 ms): within noise.');
    expect(r2.recommendation.text).not.toMatch(/better on small-object p95/);
  });

  it('★ only beyond noise: a best value whose interval no one else reaches is clearly best', () => {
    const a = r.providers.find((p) => p.id === 'a');
    expect(a?.metrics['small-p95']).toMatchObject({ best: true, clearlyBest: true, tiedBest: false });
    // Cost has no intervals: b's $100 is alone at the best value.
    expect(r.providers.find((p) => p.id === 'b')?.metrics['cost-per-1m']).toMatchObject({ clearlyBest: true });
  });

  it('gates on the error budget: an ineligible provider is ranked last, never recommended, and the text says why', () => {
    const inputs: RankingInput[] = [
      { id: 'flaky', metrics: { 'small-p95': est(10, 9, 11), 'error-rate': est(0.3, 0.28, 0.32) }, errorNote: '5xx 30.0 %' },
      { id: 'healthy', metrics: { 'small-p95': est(20, 19, 21), 'error-rate': est(0, 0, 0.001) } },
      { id: 'ok', metrics: { 'small-p95': est(40, 38, 42), 'error-rate': est(0.005, 0.004, 0.006) } },
    ];
    const g = rankProviders(inputs, DEFAULT_WEIGHTS);
    expect(g.errorBudget).toBe(0.01);
    expect(g.providers.map((p) => [p.id, p.eligible])).toEqual([['healthy', true], ['ok', true], ['flaky', false]]);
    expect(g.providers[2]?.ineligibleReason).toBe('error rate 30.0 % (5xx 30.0 %) is over the 1.00 % error budget');
    expect(g.recommendation.winner).toBe('healthy');
    expect(g.recommendation.text).toContain('Not eligible: flaky: error rate 30.0 %');
    // Error rate scores by its complement: ok = (1 − 0.005) / (1 − 0) = 0.995; flaky = 0.7.
    expect(g.providers[1]?.metrics['error-rate']?.score).toBeCloseTo(0.995, 12);
    expect(g.providers[2]?.metrics['error-rate']?.score).toBeCloseTo(0.7, 12);
    // A budget of 50 % lets flaky in, and its fast p95 then wins.
    expect(rankProviders(inputs, DEFAULT_WEIGHTS, { errorBudget: 0.5 }).recommendation.winner).toBe('flaky');
    // Nobody within a 0 budget but healthy; none within a budget all exceed.
    const none = rankProviders(inputs.filter((p) => p.id !== 'healthy'), DEFAULT_WEIGHTS, { errorBudget: 0.001 });
    expect(none.recommendation.winner).toBeNull();
    expect(none.recommendation.headline).toMatch(/^No clear winner: no provider is within the 0\.10 % error budget/);
  });

  it('scores a censored invalidation at its window bound, not 0', () => {
    const c = rankProviders(
      [
        { id: 'fast', metrics: { 'small-p95': est(10), 'invalidation-t95': est(2_000, 1_900, 2_100) } },
        { id: 'slow', metrics: { 'small-p95': est(10), 'invalidation-t95': { value: 30_000, interval: { low: 30_000, high: Number.POSITIVE_INFINITY }, basis: 'ci95', censored: true } } },
      ],
      DEFAULT_WEIGHTS,
    );
    const slow = c.providers.find((x) => x.id === 'slow');
    expect(slow?.metrics['invalidation-t95']).toMatchObject({ score: 2_000 / 30_000, censored: true });
  });

  it('scores a never-converged invalidation 0 and leaves out a metric one provider lacks', () => {
    const r3 = rankProviders(
      [
        { id: 'p', metrics: { 'small-p95': est(10), 'invalidation-t95': est(2000), 'coalescing-ratio': est(1) } },
        { id: 'q', metrics: { 'small-p95': est(10), 'invalidation-t95': est(Number.POSITIVE_INFINITY) } },
      ],
      DEFAULT_WEIGHTS,
    );
    // p95 4, invalidation 3 → 4/7 and 3/7; coalescing missing for q, cost and error rate for both.
    expect(r3.excluded).toEqual([
      { metric: 'error-rate', reason: 'not measured' },
      { metric: 'coalescing-ratio', reason: 'not measured for q' },
      { metric: 'cost-per-1m', reason: 'not measured' },
    ]);
    const q = r3.providers.find((x) => x.id === 'q');
    expect(q?.metrics['invalidation-t95']).toMatchObject({ score: 0, gap: Number.POSITIVE_INFINITY, gapRelative: Number.POSITIVE_INFINITY });
    expect(q?.score).toBeCloseTo(4 / 7, 12);
    expect(r3.providers[0]?.score).toBeCloseTo(1, 12);
  });

  it('is deterministic: input order does not matter, ties break by id', () => {
    const shuffled = [THREE[2], THREE[0], THREE[1]].filter((x): x is RankingInput => x !== undefined);
    expect(rankProviders(shuffled, DEFAULT_WEIGHTS)).toEqual(r);
    const tie = rankProviders(
      [
        { id: 'zeta', metrics: { 'small-p95': est(20) } },
        { id: 'alpha', metrics: { 'small-p95': est(20) } },
      ],
      DEFAULT_WEIGHTS,
    );
    expect(tie.providers.map((p) => [p.rank, p.id, p.score])).toEqual([[1, 'alpha', 1], [2, 'zeta', 1]]);
    expect(tie.recommendation.withinNoise).toBe(true);
  });

  it('handles one provider and none', () => {
    expect(rankProviders([THREE[0] as RankingInput], DEFAULT_WEIGHTS).recommendation.text).toMatch(/^Only b was measured/);
    expect(rankProviders([], DEFAULT_WEIGHTS).recommendation.text).toBe('No provider was measured.');
  });
});

describe('parseWeights', () => {
  it('overrides the named defaults', () => {
    expect(parseWeights('small-p95=1, hit-ratio=2')).toEqual({ ...DEFAULT_WEIGHTS, 'small-p95': 1, 'hit-ratio': 2 });
    expect(parseWeights(undefined)).toEqual(DEFAULT_WEIGHTS);
  });

  it('rejects unknown metrics, bad numbers and all-zero weights with a usage error', () => {
    expect(() => parseWeights('p99=2')).toThrow(UsageError);
    expect(() => parseWeights('p99=2')).toThrow(/unknown metric "p99" \(known: small-p95, error-rate, hit-ratio/);
    expect(() => parseWeights('small-p95=-1')).toThrow(/needs a number ≥ 0/);
    expect(() => parseWeights('small-p95=abc')).toThrow(UsageError);
    expect(() => parseWeights('small-p95')).toThrow(UsageError);
    expect(() => parseWeights('small-p95=0,invalidation-t95=0,cost-per-1m=0,coalescing-ratio=0,error-rate=0')).toThrow(/at least one weight/);
  });
});
