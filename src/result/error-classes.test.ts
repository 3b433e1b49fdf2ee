import { describe, expect, it } from 'vitest';
import { providerResults, samples } from '../../test/helpers/slo-result.js';
import { errorBreakdown } from './error-classes.js';

describe('errorBreakdown', () => {
  it('counts 4xx, 5xx, timeouts and other network errors; requests the run aborted are left out', () => {
    const all = [
      ...samples(90, () => 10_000),
      ...samples(3, () => 1000, { status: 503 }),
      ...samples(2, () => 1000, { status: 404 }),
      ...samples(1, () => 0, { status: 0, error: 'timeout' }),
      ...samples(2, () => 0, { status: 0, error: 'reset' }),
      ...samples(4, () => 0, { status: 0, error: 'aborted' }),
    ];
    const [p] = providerResults(all);
    const e = errorBreakdown(p?.series ?? []);
    expect(e).toEqual({ requests: 98, classes: { '4xx': 2, '5xx': 3, network: 2, timeout: 1 }, errors: 8, rate: 8 / 98, aborted: 4 });
  });

  it('keeps failed responses\' latency apart in the series', () => {
    const [p] = providerResults([...samples(10, () => 50_000), ...samples(5, () => 2000, { status: 503 })]);
    const s = p?.series[0];
    expect(s?.failedLatency).toBeDefined();
    expect(p?.series.every((x) => x.failedLatency !== undefined || x.statusClasses['5xx'] === 0)).toBe(true);
  });
});
