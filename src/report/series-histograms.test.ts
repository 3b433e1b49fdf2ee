import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordClamped, summarizeHistogram } from '../result/histogram.js';
import { fastSummary, valuesAtPercentiles } from './series-histograms.js';

// A fixed pseudo-random sequence (LCG) so the test is the same on every run.
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

describe('valuesAtPercentiles', () => {
  it('equals hdr-histogram-js getValueAtPercentile for every asked percentile', () => {
    const h = createLatencyHistogram();
    const rnd = lcg(7);
    // A long-tailed latency mix, 1 ms … several seconds, in µs.
    for (let i = 0; i < 5000; i++) recordClamped(h, 1000 * Math.exp(8 * (rnd.next().value ?? 0)));
    const ps = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100, 100 * (1 - 1 / 3), 95.000001];
    expect(valuesAtPercentiles(h, ps)).toEqual(ps.map((p) => h.getValueAtPercentile(p)));
  });

  it('answers in the order asked and 0 for an empty histogram', () => {
    const h = createLatencyHistogram();
    for (const us of [1000, 2000, 3000, 4000]) recordClamped(h, us);
    const [p100, p0, p50] = valuesAtPercentiles(h, [100, 0, 50]);
    expect(p100).toBe(h.getValueAtPercentile(100));
    expect(p0).toBe(h.getValueAtPercentile(0));
    expect(p50).toBe(h.getValueAtPercentile(50));
    expect(valuesAtPercentiles(createLatencyHistogram(), [50, 99])).toEqual([0, 0]);
  });

  it('fastSummary equals summarizeHistogram', () => {
    const h = createLatencyHistogram();
    for (let ms = 1; ms <= 300; ms++) recordClamped(h, ms * 997);
    expect(fastSummary(h)).toEqual(summarizeHistogram(h));
    expect(fastSummary(createLatencyHistogram())).toEqual(summarizeHistogram(createLatencyHistogram()));
  });
});
