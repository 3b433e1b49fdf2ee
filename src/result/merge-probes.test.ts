import { describe, expect, it } from 'vitest';
import { mergeCoalescing, mergeCost, mergeInvalidation } from './merge-probes.js';
import { summarizeInvalidation } from './invalidation-summary.js';
import type { CostResult } from './probe-results.js';

describe('mergeInvalidation', () => {
  it('equals one summary over the union of points (exact percentiles, not averaged)', () => {
    const a = summarizeInvalidation({ points: [1, 2, 3, 100].map((ms, i) => ({ object: `/o${i}`, pop: 'fra', ms })), objects: 4, pops: 1, purgeApiMs: 5, staleReads: 2, strategy: 'purge-url' });
    const b = summarizeInvalidation({ points: [4, 5, null].map((ms, i) => ({ object: `/o${i}`, pop: 'iad', ms })), objects: 3, pops: 1, purgeApiMs: 9, staleReads: 1, strategy: 'purge-url' });
    const m = mergeInvalidation([a, null, b]);
    // Sorted converged times 1,2,3,4,5,100: nearest-rank t50 = 3rd = 3, t95 = 6th = 100; 6 of 7 converged.
    expect(m?.t50Ms).toBe(3);
    expect(m?.t95Ms).toBe(100);
    expect(m?.converged).toBeCloseTo(6 / 7, 12);
    expect(m?.staleReads).toBe(3);
    expect(m?.points).toHaveLength(7);
    expect(mergeInvalidation([null, null])).toBeNull();
  });
});

describe('mergeCoalescing', () => {
  it('adds counts and recomputes ratio and effectiveness', () => {
    const m = mergeCoalescing([
      { clientRequests: 100, originFetches: 1, idealFetches: 1, ratio: 1, effectiveness: 1, method: 'exact' },
      { clientRequests: 100, originFetches: 100, idealFetches: 1, ratio: 100, effectiveness: 0, method: 'exact' },
    ]);
    // 101 fetches for an ideal of 2: ratio 50.5; effectiveness 1 − 99/198 = 0.5.
    expect(m).toEqual({ clientRequests: 200, originFetches: 101, idealFetches: 2, ratio: 50.5, effectiveness: 0.5, method: 'exact' });
  });
});

describe('mergeCost', () => {
  it('adds the run money and volumes, recomputes per 1M sessions and drops the projection', () => {
    const c = (totalUsd: number): CostResult => ({ edgeEgressGB: 1, originEgressGB: 0.5, requests: 1000, invalidationPaths: 2, totalUsd, perMillionSessionsUsd: 1, monthlyUsd: 99, monthlySessions: 1e6 });
    const m = mergeCost([c(0.3), c(0.5)], 400);
    expect(m?.totalUsd).toBeCloseTo(0.8, 12);
    expect(m?.perMillionSessionsUsd).toBeCloseTo(2000, 9); // 0.8 / 400 × 1e6
    expect(m?.requests).toBe(2000);
    expect(m?.monthlyUsd).toBeNull();
    expect(m?.breakdown).toBeUndefined(); // inputs without terms: no partial sum
  });

  it('adds the run terms when every input has them', () => {
    const terms = (edgeUsd: number, originUsd: number) => ({ edgeUsd, requestsUsd: 0.01, originUsd, invalidationUsd: 0, planUsd: 0, minimumTopUpUsd: 0 });
    const c = (edge: number, origin: number): CostResult => ({
      edgeEgressGB: 1, originEgressGB: 0.5, requests: 1000, invalidationPaths: 0, totalUsd: edge + origin + 0.01,
      perMillionSessionsUsd: 1, monthlyUsd: 99, monthlySessions: 1e6, breakdown: { run: terms(edge, origin), monthly: terms(50, 49) },
    });
    const m = mergeCost([c(0.1, 0.2), c(0.3, 0.4)], 100);
    expect(m?.breakdown?.run.edgeUsd).toBeCloseTo(0.4, 12);
    expect(m?.breakdown?.run.originUsd).toBeCloseTo(0.6, 12);
    expect(m?.breakdown?.run.requestsUsd).toBeCloseTo(0.02, 12);
    expect(m?.breakdown?.monthly).toBeNull();
  });
});
