import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { ZipfSampler } from './zipf.js';

describe('ZipfSampler', () => {
  it('gives the top 1% of 1000 titles ≈ 78% of plays at s = 1.5 (DOMAIN.md: ~80%)', () => {
    const share = new ZipfSampler(1000, 1.5).topShare(0.01);
    expect(share).toBeGreaterThanOrEqual(0.74);
    expect(share).toBeLessThanOrEqual(0.82);
  });

  it('has probabilities that sum to 1 and decrease with rank', () => {
    const z = new ZipfSampler(500, 1.2);
    let sum = 0;
    for (let k = 0; k < 500; k++) {
      sum += z.probability(k);
      if (k > 0) expect(z.probability(k)).toBeLessThan(z.probability(k - 1));
    }
    expect(sum).toBeCloseTo(1, 9);
    expect(z.probability(-1)).toBe(0);
    expect(z.probability(500)).toBe(0);
    expect(z.probability(1.5)).toBe(0);
  });

  it('is uniform at exponent 0 and handles topShare edges', () => {
    const z = new ZipfSampler(4, 0);
    expect(z.probability(0)).toBeCloseTo(0.25, 12);
    expect(z.probability(3)).toBeCloseTo(0.25, 12);
    expect(z.topShare(0)).toBe(0);
    expect(z.topShare(1)).toBe(1);
    expect(z.topShare(0.5)).toBeCloseTo(0.5, 12);
    expect(new ZipfSampler(100, 0).topShare(0.07)).toBeCloseTo(0.07, 12);
    expect(() => z.topShare(1.5)).toThrow(RangeError);
  });

  it('samples ranks in range with frequencies matching the probabilities', () => {
    const z = new ZipfSampler(1000, 1.5);
    const rng = new Rng(11);
    const n = 100_000;
    const counts = new Map<number, number>();
    let top10 = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const r = z.sample(rng);
      min = Math.min(min, r);
      max = Math.max(max, r);
      if (r < 10) top10++;
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    expect(min).toBe(0);
    expect(max).toBeLessThan(1000);
    expect(Math.abs(top10 / n - z.topShare(0.01))).toBeLessThan(0.01);
    expect(Math.abs((counts.get(0) ?? 0) / n - z.probability(0))).toBeLessThan(0.01);
  });

  it('always returns 0 for a single title and rejects bad parameters', () => {
    const z = new ZipfSampler(1, 2);
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) expect(z.sample(rng)).toBe(0);
    expect(() => new ZipfSampler(0, 1)).toThrow(RangeError);
    expect(() => new ZipfSampler(10, -1)).toThrow(RangeError);
    expect(() => new ZipfSampler(10, Number.NaN)).toThrow(RangeError);
  });
});
