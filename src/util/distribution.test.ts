import { describe, expect, it } from 'vitest';
import { distributionSchema, makeDistribution } from './distribution.js';
import { Rng } from './rng.js';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

describe('makeDistribution', () => {
  it('reproduces a log-normal p50/p95 within 5% over 50k draws', () => {
    const rng = new Rng(3);
    const dist = makeDistribution(distributionSchema.parse({ p50: '20ms', p95: '45ms' }));
    const xs = Array.from({ length: 50_000 }, () => dist.sample(() => rng.next()));
    expect(quantile(xs, 0.5)).toBeGreaterThan(19);
    expect(quantile(xs, 0.5)).toBeLessThan(21);
    expect(quantile(xs, 0.95)).toBeGreaterThan(42.75);
    expect(quantile(xs, 0.95)).toBeLessThan(47.25);
  });

  it('handles fixed and uniform specs', () => {
    const rng = new Rng(1);
    expect(makeDistribution(distributionSchema.parse('7ms')).sample(() => rng.next())).toBe(7);
    const u = makeDistribution(distributionSchema.parse({ min: '10ms', max: '20ms' }));
    for (let i = 0; i < 1000; i++) {
      const v = u.sample(() => rng.next());
      expect(v).toBeGreaterThanOrEqual(10);
      expect(v).toBeLessThan(20);
    }
  });

  it('rejects malformed specs', () => {
    expect(distributionSchema.safeParse({ p50: '20' }).success).toBe(false);
    expect(distributionSchema.safeParse({ p50: '20ms' }).success).toBe(false);
  });
});
