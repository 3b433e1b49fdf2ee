import { describe, expect, it } from 'vitest';
import type { Sample } from '../result/sample.js';
import { ErrorRateGuard } from './error-rate-guard.js';

const sample = (status: number): Sample => ({
  provider: 'p', pop: 'x', objectClass: 'other', path: '/', status, cache: 'UNKNOWN', bytes: 0, bodyBytes: 0, ttfbUs: 0, totalUs: 0, serviceUs: 0, startedAt: 0,
});

describe('limits.maxErrorRate', () => {
  it('waits for the minimum number of requests, then stops once when the failed share exceeds the bound', () => {
    let stops = 0;
    const g = new ErrorRateGuard(0.5, () => stops++, 10);
    for (let i = 0; i < 9; i++) g.add(sample(404));
    expect(stops).toBe(0);
    g.add(sample(404));
    expect(stops).toBe(1);
    expect(g.reason).toBe('error rate 100.0% after 10 requests exceeds limits.maxErrorRate 50%; stopped early');
    g.add(sample(500));
    expect(stops).toBe(1);
  });

  it('does not stop at or under the bound, nor with maxErrorRate 1', () => {
    let stops = 0;
    const g = new ErrorRateGuard(0.5, () => stops++, 10);
    for (let i = 0; i < 100; i++) g.add(sample(i % 2 === 0 ? 200 : 503));
    const off = new ErrorRateGuard(1, () => stops++, 1);
    for (let i = 0; i < 10; i++) off.add(sample(500));
    expect(stops).toBe(0);
  });
});
