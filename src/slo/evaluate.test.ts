import { describe, expect, it } from 'vitest';
import { providerResults, sample, samples } from '../../test/helpers/slo-result.js';
import { compare, evaluateThresholds } from './evaluate.js';
import { parseThreshold } from './parse-threshold.js';
import type { ProviderResult } from '../result/result-model.js';

/** Outcomes of `text` over the providers. */
function evaluate(text: string, providers: ProviderResult[]) {
  return evaluateThresholds([parseThreshold(text)], providers);
}

/** The single outcome of `text` (fails when there is not exactly one). */
function one(text: string, providers: ProviderResult[]) {
  const outcomes = evaluate(text, providers);
  expect(outcomes).toHaveLength(1);
  const [o] = outcomes;
  if (o === undefined) throw new Error('no outcome');
  return o;
}

/** HDR values are exact to 3 significant digits: within 0.1 % above the recorded value. */
function expectHdr(value: number | null | undefined, truthMs: number): void {
  expect(value).not.toBeNull();
  expect(value).toBeGreaterThanOrEqual(truthMs);
  expect(value).toBeLessThanOrEqual(truthMs * 1.001);
}

// FRA: 100 tiles of 1..100 ms (p95 = 95 ms); IAD: 100 tiles of 0.5..50 ms (p95 = 47.5 ms).
// Together, the 190th of 200 values is FRA's 90 ms. FRA also has 25 metadata MISSes of 200 ms.
const latency = [
  ...samples(100, (i) => i * 1000, { pop: 'FRA' }),
  ...samples(100, (i) => i * 500, { pop: 'IAD' }),
];
const withMeta = [...latency, ...samples(25, () => 200_000, { pop: 'FRA', objectClass: 'metadata', cache: 'MISS' })];

describe('compare', () => {
  it.each([
    ['<', 1, 2, true], ['<', 2, 2, false], ['<', 3, 2, false],
    ['<=', 1, 2, true], ['<=', 2, 2, true], ['<=', 3, 2, false],
    ['>', 3, 2, true], ['>', 2, 2, false], ['>', 1, 2, false],
    ['>=', 3, 2, true], ['>=', 2, 2, true], ['>=', 1, 2, false],
    ['==', 2, 2, true], ['==', 1, 2, false],
    ['!=', 1, 2, true], ['!=', 2, 2, false],
  ] as const)('%s: %d vs %d is %s', (op, a, b, want) => {
    expect(compare(op, a, b)).toBe(want);
  });

  it('treats float noise as equal: 1 error in 1000 is exactly 0.1%', () => {
    const bound = parseThreshold('error_rate <= 0.1%').value;
    expect(compare('<=', 1 / 1000, bound)).toBe(true);
    expect(compare('>=', 1 / 1000, bound)).toBe(true);
    expect(compare('<', 1 / 1000, bound)).toBe(false);
    expect(compare('==', 0.1 + 0.2, 0.3)).toBe(true);
  });

  it('compares infinities plainly (a rise from a zero baseline is infinitely worse)', () => {
    expect(compare('<=', Infinity, 0.1)).toBe(false);
    expect(compare('>', Infinity, 1e300)).toBe(true);
    expect(compare('<', -Infinity, 0)).toBe(true);
  });
});

describe('evaluateThresholds', () => {
  const providers = providerResults(latency);

  it('measures small-object percentiles from the histograms, overall and per PoP', () => {
    const all = one('small_object_p95 < 100ms', providers);
    expectHdr(all.worst?.value, 90);
    expect(all.pass).toBe(true);
    // The 100th of 200: IAD's 0.5..33.5 (67 values) and FRA's 1..33 (33 values).
    expectHdr(one('small_object_p50 < 1s', providers).worst?.value, 33.5);
    expectHdr(one('small_object_max < 1s', providers).worst?.value, 100);
    expectHdr(one('small_object_p99{pop:IAD} < 1s', providers).worst?.value, 49.5);
    expect(one('small_object_p95 < 89ms', providers).pass).toBe(false);
  });

  it('expands {pop:*}: every PoP must pass, the worst is shown', () => {
    const o = one('small_object_p95{pop:*} < 50ms', providers);
    expect(o.values.map((v) => [v.scope, v.pass])).toEqual([[{ pop: 'FRA' }, false], [{ pop: 'IAD' }, true]]);
    expectHdr(o.values[0]?.value, 95);
    expectHdr(o.values[1]?.value, 47.5);
    expect(o.worst?.scope).toEqual({ pop: 'FRA' });
    expect(o.pass).toBe(false);
    expect(one('small_object_p95{pop:*} < 96ms', providers).pass).toBe(true);
    // For ">" the worst is the smallest.
    expect(one('small_object_p95{pop:*} > 10ms', providers).worst?.scope).toEqual({ pop: 'IAD' });
  });

  it('matches PoP names case-insensitively', () => {
    expectHdr(one('small_object_p95{pop:iad} < 50ms', providers).worst?.value, 47.5);
  });

  it('filters by class and cache state (single states and the cold/warm groups)', () => {
    const p = providerResults(withMeta);
    expectHdr(one('all_objects_max{class:metadata} < 1s', p).worst?.value, 200);
    expectHdr(one('all_objects_p95{class:mapping-tile} < 1s', p).worst?.value, 90);
    expectHdr(one('all_objects_p50{cache:cold} < 1s', p).worst?.value, 200);
    expectHdr(one('all_objects_p50{cache:MISS} < 1s', p).worst?.value, 200);
    expectHdr(one('all_objects_p95{cache:warm} < 1s', p).worst?.value, 90);
    expectHdr(one('all_objects_p95{cache:hit} < 1s', p).worst?.value, 90);
    const byClass = one('all_objects_max{class:*} < 150ms', p);
    expect(byClass.values.map((v) => [v.scope.class, v.pass])).toEqual([['mapping-tile', true], ['metadata', false]]);
  });

  it('computes hit ratio per PoP and class', () => {
    const p = providerResults(withMeta);
    expect(one('hit_ratio >= 0.5', p).worst?.value).toBeCloseTo(200 / 225, 12);
    expect(one('hit_ratio{pop:FRA} >= 0.5', p).worst?.value).toBeCloseTo(100 / 125, 12);
    const o = one('hit_ratio{class:*} >= 50%', p);
    expect(o.values.map((v) => [v.scope.class, v.value, v.pass])).toEqual([['mapping-tile', 1, true], ['metadata', 0, false]]);
  });

  it('counts network errors and responses ≥ 400 in error_rate and errors', () => {
    const p = providerResults([
      ...samples(990, () => 1000),
      ...samples(5, () => 1000, { status: 503, cache: 'UNKNOWN' }),
      ...samples(5, () => 1000, { status: 0, error: 'timeout', cache: 'UNKNOWN', bytes: 0, bodyBytes: 0 }),
    ]);
    expect(one('error_rate < 1%', p).worst?.value).toBe(10 / 1000);
    expect(one('error_rate < 1%', p).pass).toBe(false);
    expect(one('error_rate <= 1%', p).pass).toBe(true);
    expect(one('errors == 10', p).pass).toBe(true);
    expect(one('requests == 1000', p).pass).toBe(true);
    expect(one('requests != 1000', p).pass).toBe(false);
  });

  it('fails a threshold with nothing to measure instead of passing it', () => {
    const o = one('small_object_p95{class:audio-range} < 50ms', providers);
    expect(o.values).toEqual([{ scope: { class: 'audio-range' }, value: null, pass: false }]);
    expect(o.pass).toBe(false);
    const none = one('invalidation_t95{pop:*} < 5s', providers);
    expect(none.values).toEqual([]);
    expect(none.pass).toBe(false);
    expect(one('invalidation_t95 < 5s', providers).pass).toBe(false);
  });

  it('selects providers with the provider filter', () => {
    const p = providerResults([...latency, ...samples(10, () => 300_000, { provider: 'p2' })]);
    expect(evaluate('small_object_p95 < 1s', p).map((o) => o.provider)).toEqual(['p1', 'p2']);
    expect(evaluate('small_object_p95{provider:p2} < 1s', p).map((o) => o.provider)).toEqual(['p2']);
    expect(evaluate('small_object_p95{provider:*} < 250ms', p).map((o) => o.pass)).toEqual([true, false]);
  });

  it('reads invalidation figures, recomputed per PoP from the points (nearest rank)', () => {
    const points = [
      ...[100, 200, 300, 400].map((ms, i) => ({ object: `/o${i}`, pop: 'fra', ms })),
      ...[1000, 2000, 3000].map((ms, i) => ({ object: `/o${i}`, pop: 'iad', ms })),
      { object: '/o3', pop: 'iad', ms: null },
    ];
    const invalidation = { t50Ms: 400, t95Ms: 3000, maxMs: 3000, converged: 7 / 8, objects: 4, pops: 2, purgeApiMs: 12, staleReads: 3, strategy: 'purge-url', points };
    const p = providerResults(latency, { p1: { invalidation } });
    expect(one('invalidation_t95 < 5s', p).worst?.value).toBe(3000);
    expect(one('invalidation_t50{pop:fra} < 5s', p).worst?.value).toBe(200);
    expect(one('invalidation_t95{pop:FRA} < 5s', p).worst?.value).toBe(400);
    expect(one('invalidation_max{pop:iad} < 5s', p).worst?.value).toBe(3000);
    const conv = one('invalidation_converged{pop:*} == 1', p);
    expect(conv.values.map((v) => [v.scope.pop, v.value, v.pass])).toEqual([['fra', 1, true], ['iad', 0.75, false]]);
    expect(one('invalidation_converged >= 0.875', p).pass).toBe(true);
    expect(one('invalidation_purge_api < 20ms', p).worst?.value).toBe(12);
    expect(one('invalidation_stale_reads == 3', p).pass).toBe(true);
  });

  it('reads coalescing, cost and session figures from the summary', () => {
    const p = providerResults(latency, {
      p1: {
        coalescing: { clientRequests: 100, originFetches: 11, idealFetches: 10, ratio: 1.1, effectiveness: 1 - 1 / 90, method: 'exact' },
        cost: { edgeEgressGB: 1, originEgressGB: 0, requests: 10, invalidationPaths: 0, totalUsd: 2.5, perMillionSessionsUsd: 19.99, monthlyUsd: 400, monthlySessions: 1e6 },
        sessions: { planned: 10, started: 9, completed: 8, late: 2, dropped: 1, throttledRequests: 0, abortedRequests: 0 },
      },
    });
    expect(one('coalescing_ratio <= 1.1', p).pass).toBe(true);
    expect(one('coalescing_ratio < 1.1', p).pass).toBe(false);
    expect(one('coalescing_origin_fetches == 11', p).pass).toBe(true);
    expect(one('coalescing_effectiveness > 98%', p).pass).toBe(true);
    expect(one('cost_per_million_sessions < 20usd', p).pass).toBe(true);
    expect(one('cost_total <= 2.5usd', p).pass).toBe(true);
    expect(one('cost_monthly < 400usd', p).pass).toBe(false);
    expect(one('sessions_late <= 2', p).pass).toBe(true);
    expect(one('sessions_dropped == 0', p).pass).toBe(false);
    expect(one('sessions_started > 8', p).pass).toBe(true);
  });

  it('is the same figure the summary reports when unfiltered', () => {
    const [p] = providerResults([...withMeta, sample({ pop: 'SIN', totalUs: 70_000 })]);
    if (p === undefined) throw new Error('no provider');
    expect(one('small_object_p95 < 1s', [p]).worst?.value).toBe(p.summary.smallObject.p95Ms);
    expect(one('small_object_p99{pop:FRA} < 1s', [p]).worst?.value).toBe(p.summary.smallObject.perPop.FRA?.p99Ms);
    expect(one('hit_ratio > 0', [p]).worst?.value).toBe(p.summary.hitRatio);
    expect(one('error_rate < 1', [p]).worst?.value).toBe(p.summary.errorRate);
  });
});
