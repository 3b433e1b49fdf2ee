import { describe, expect, it } from 'vitest';
import type { InvalidationResult } from '../result/probe-results.js';
import { censoredQuantile } from './censored-quantile.js';

const inv = (ms: (number | null)[], windowMs?: number): InvalidationResult => ({
  t50Ms: null, t95Ms: null, maxMs: null, converged: 0, objects: 1, pops: ms.length, purgeApiMs: null, staleReads: null, strategy: 'purge-url',
  points: ms.map((m, i) => ({ object: '/x', pop: `p${i}`, ms: m })), ...(windowMs === undefined ? {} : { windowMs }),
});

describe('censoredQuantile (Kaplan–Meier with censoring at the window)', () => {
  it('is the nearest rank over every pair when enough converged', () => {
    // 20 pairs, 19 converged at 100..1900 ms: t95 is rank 19 = 1900 ms, exact.
    const ms = [...Array.from({ length: 19 }, (_, i) => (i + 1) * 100), null];
    expect(censoredQuantile(inv(ms, 5000), 0.95)).toEqual({ value: 1900, censored: false });
    expect(censoredQuantile(inv(ms, 5000), 0.5)).toEqual({ value: 1000, censored: false });
  });

  it('is a lower bound at the window when fewer converged, never 0 or infinite', () => {
    expect(censoredQuantile(inv([100, null, null, null], 30_000), 0.95)).toEqual({ value: 30_000, censored: true });
    expect(censoredQuantile(inv([null, null], 1000), 0.5)).toEqual({ value: 1000, censored: true });
    // Older results without a recorded window: the 30 s default.
    expect(censoredQuantile(inv([null, null]), 0.95)).toEqual({ value: 30_000, censored: true });
    expect(censoredQuantile(inv([]), 0.95)).toBeNull();
  });
});
