import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordClamped } from '../result/histogram.js';
import { percentileCurve } from './percentile-curve.js';

describe('percentileCurve', () => {
  it('1..1000 ms: x = 1/(1−p) in 20 steps per decade up to the count, then the maximum', () => {
    const h = createLatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) recordClamped(h, ms * 1000);
    const curve = percentileCurve(h);
    // x = 10^(k/20) < 1000 → k = 0..59, then the max point at x = 1000.
    expect(curve).toHaveLength(61);
    expect(curve[0]).toEqual({ x: 1, percentile: 0, ms: 1 });
    const p90 = curve[20];
    expect(p90?.x).toBeCloseTo(10, 9);
    expect(p90?.percentile).toBeCloseTo(90, 9);
    expect(p90?.ms).toBeCloseTo(900, -0.5); // the 900th of 1000 values, HDR 3-digit bucket
    const last = curve.at(-1);
    expect(last).toMatchObject({ x: 1000, percentile: 100 });
    expect(last?.ms).toBeGreaterThanOrEqual(1000);
    expect(last?.ms).toBeLessThan(1001);
    // Monotone: latency never falls as the percentile rises.
    for (let i = 1; i < curve.length; i++) expect(curve[i]?.ms).toBeGreaterThanOrEqual(curve[i - 1]?.ms ?? 0);
  });

  it('is empty for an empty histogram and one point for a single sample', () => {
    expect(percentileCurve(createLatencyHistogram())).toEqual([]);
    const one = createLatencyHistogram();
    recordClamped(one, 5000);
    // 5000 µs lies in the 4 µs-wide buckets of 4096–8191 µs: read back as the bucket's top, 5003 µs.
    expect(percentileCurve(one)).toEqual([{ x: 1, percentile: 100, ms: 5.003 }]);
  });
});
