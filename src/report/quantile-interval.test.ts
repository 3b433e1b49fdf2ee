import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordClamped } from '../result/histogram.js';
import { histogramQuantileIntervalMs, hull, quantileRankInterval, sortedQuantileInterval, wilsonInterval, Z_95 } from './quantile-interval.js';

describe('quantileRankInterval', () => {
  it('p95 of 1000 samples: ranks 936 and 965, by hand', () => {
    // n·q = 950; z·√(n·q·(1−q)) = 1.95996 × √47.5 = 13.5079 → ⌊936.49⌋ = 936, ⌈963.51⌉ + 1 = 965
    expect(quantileRankInterval(1000, 0.95)).toEqual({ lowRank: 936, highRank: 965 });
  });

  it('median of 100: ranks 40 and 61 (the textbook interval)', () => {
    // 50 ± 1.95996 × 5 = 50 ± 9.80 → ⌊40.2⌋ = 40, ⌈59.8⌉ + 1 = 61
    expect(quantileRankInterval(100, 0.5)).toEqual({ lowRank: 40, highRank: 61 });
  });

  it('clamps to 1..n for few samples, null for none', () => {
    expect(quantileRankInterval(12, 0.95)).toEqual({ lowRank: 9, highRank: 12 });
    expect(quantileRankInterval(1, 0.95)).toEqual({ lowRank: 1, highRank: 1 });
    expect(quantileRankInterval(0, 0.95)).toBeNull();
  });
});

describe('sortedQuantileInterval', () => {
  it('reads the order statistics, Infinity included', () => {
    const sorted = Array.from({ length: 12 }, (_, i) => (i < 10 ? (i + 1) * 100 : Number.POSITIVE_INFINITY));
    // ranks 9..12 → 900 ms .. Infinity (two pairs never converged)
    expect(sortedQuantileInterval(sorted, 0.95)).toEqual({ low: 900, high: Number.POSITIVE_INFINITY });
    expect(sortedQuantileInterval([], 0.95)).toBeNull();
  });
});

describe('histogramQuantileIntervalMs', () => {
  it('p95 of 1..1000 ms recorded once each: 936 ms to 965 ms (HDR 3-digit buckets)', () => {
    const h = createLatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) recordClamped(h, ms * 1000);
    const ci = histogramQuantileIntervalMs(h, 0.95);
    // 936 000 µs and 965 000 µs read back as the top of their buckets (≤ 0.1 % above).
    expect(ci?.low).toBeGreaterThanOrEqual(936);
    expect(ci?.low).toBeLessThan(936 * 1.001);
    expect(ci?.high).toBeGreaterThanOrEqual(965);
    expect(ci?.high).toBeLessThan(965 * 1.001);
    expect(histogramQuantileIntervalMs(createLatencyHistogram(), 0.95)).toBeNull();
  });
});

describe('wilsonInterval', () => {
  it('80 of 100: 0.7112 to 0.8666, by hand', () => {
    // p = 0.8, z² = 3.84146; centre = (0.8 + 0.019207) / 1.038415 = 0.788900;
    // half = 1.95996 × √(0.0016 + 0.00009604) / 1.038415 = 0.077734
    const ci = wilsonInterval(80, 100);
    expect(ci?.low).toBeCloseTo(0.711166, 5);
    expect(ci?.high).toBeCloseTo(0.866634, 5);
  });

  it('stays inside 0..1 at the edges and is null without trials', () => {
    const all = wilsonInterval(50, 50);
    expect(all?.high).toBe(1);
    // 1 − z²/(n + z²) = 50 / 53.84146
    expect(all?.low).toBeCloseTo(50 / (50 + Z_95 * Z_95), 9);
    expect(wilsonInterval(0, 50)?.low).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('hull', () => {
  it('spans intervals and values, ignoring nulls', () => {
    expect(hull([{ low: 3, high: 5 }, 1, null, { low: 4, high: 9 }])).toEqual({ low: 1, high: 9 });
    expect(hull([null])).toBeNull();
  });
});
