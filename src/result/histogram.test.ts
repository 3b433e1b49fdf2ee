import { describe, expect, it } from 'vitest';
import {
  HIGHEST_TRACKABLE_US,
  addInto,
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  recordClamped,
  summarizeHistogram,
} from './histogram.js';

describe('histogram', () => {
  it('round-trips through compressed base64 with identical percentiles', () => {
    const h = createLatencyHistogram();
    for (let v = 1; v <= 50_000; v += 7) recordClamped(h, v * 13);
    const d = decodeHistogram(encodeHistogram(h));
    expect(d.totalCount).toBe(h.totalCount);
    for (let p = 1; p <= 100; p++) expect(d.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
    expect(summarizeHistogram(d)).toEqual(summarizeHistogram(h));
    expect(encodeHistogram(d)).toBe(encodeHistogram(h));
  });

  it('decoded histograms can add and be added', () => {
    const a = decodeHistogram(encodeHistogram(createLatencyHistogram()));
    const b = createLatencyHistogram();
    recordClamped(b, 1500);
    addInto(a, decodeHistogram(encodeHistogram(b)));
    addInto(a, b);
    expect(a.totalCount).toBe(2);
  });

  it('clamps out-of-range values instead of throwing', () => {
    const h = createLatencyHistogram();
    expect(() => {
      recordClamped(h, 10 * 60 * 1_000_000); // a 10-minute stall
      recordClamped(h, -5);
      recordClamped(h, 0);
      recordClamped(h, Number.NaN);
      recordClamped(h, Number.POSITIVE_INFINITY);
    }).not.toThrow();
    expect(h.totalCount).toBe(5);
    expect(h.getValueAtPercentile(50)).toBe(1);
    expect(h.getValueAtPercentile(100)).toBeGreaterThanOrEqual(HIGHEST_TRACKABLE_US);
    expect(h.getValueAtPercentile(100)).toBeLessThan(HIGHEST_TRACKABLE_US * 1.001);
  });

  it('summarizes in ms and returns nulls when empty', () => {
    expect(summarizeHistogram(createLatencyHistogram())).toEqual({ count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null });
    const h = createLatencyHistogram();
    for (let i = 1; i <= 100; i++) recordClamped(h, i * 1000);
    const s = summarizeHistogram(h);
    expect(s.count).toBe(100);
    // HDR-bucket values: within 0.1 % of the exact order statistic.
    expect(s.p50Ms).toBeCloseTo(50, 1);
    expect(s.p95Ms).toBeCloseTo(95, 1);
    expect(s.p99Ms).toBeCloseTo(99, 1);
    expect(s.maxMs).toBeCloseTo(100, 0);
  });

  it('rejects text that is not a histogram', () => {
    expect(() => decodeHistogram('not a histogram')).toThrow();
  });
});
