import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/index.js';
import { parseLatencyOption } from './latency-option.js';
import { control, fetchRaw } from '../../../test/helpers/origin-test-client.js';
import { metaPath } from './paths.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';

let origin: RunningOrigin;

beforeAll(async () => {
  origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 5, tracks: 20, albums: 2 }, token: 't', latency: { p50: '20ms', p95: '60ms' }, seed: 9 });
});
afterAll(() => origin.close());

describe('injected latency', () => {
  it('gives 250 sequential requests a median within [18, 26] ms of the configured 20 ms', async () => {
    // Seeded draws (seed 9): the first 250 have a median of 20.9 ms and a 95th percentile of 64.6 ms, so the
    // bounds leave 5 ms for the request's own time; 250 instead of 500 halves this serial test's 10 s.
    const url = origin.url + metaPath(origin.state.catalog.bookAt(0).isbn);
    const times: number[] = [];
    for (let i = 0; i < 250; i++) {
      const t0 = performance.now();
      const res = await fetchRaw(url);
      times.push(performance.now() - t0);
      expect(res.status).toBe(200);
    }
    times.sort((a, b) => a - b);
    const median = times[125] ?? 0;
    expect(median).toBeGreaterThanOrEqual(18);
    expect(median).toBeLessThanOrEqual(26);
    // The tail is there too: the 95th percentile of a p95=60ms distribution is far above the median.
    expect(times[237] ?? 0).toBeGreaterThan(45);
  });

  it('never delays the control API', async () => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await control(origin, 'GET', 'stats?prefix=/none');
    expect((performance.now() - t0) / 20).toBeLessThan(10);
    expect((await fetchRaw(`${origin.url}/__cdnbench/health`)).status).toBe(200);
  });
});

describe('parseLatencyOption', () => {
  it('reads the three forms and rejects the rest', () => {
    expect(parseLatencyOption('20ms')).toBe('20ms');
    expect(parseLatencyOption('p50=20ms,p95=80ms')).toEqual({ p50: '20ms', p95: '80ms' });
    expect(parseLatencyOption('p50=20ms, p95=80ms, max=1s')).toEqual({ p50: '20ms', p95: '80ms', max: '1s' });
    expect(parseLatencyOption('min=5ms,max=15ms')).toEqual({ min: '5ms', max: '15ms' });
    for (const bad of ['20', 'p50=20ms', 'p50=20ms,p95=x', 'foo=1ms', '']) expect(parseLatencyOption(bad), bad).toBeUndefined();
  });

  it('rejects a bad distribution when starting an origin', async () => {
    await expect(startOrigin({ catalog: DEFAULT_CATALOG, token: 't', latency: 'fast' })).rejects.toThrow(RangeError);
    await expect(startOrigin({ catalog: DEFAULT_CATALOG, token: '' })).rejects.toThrow(RangeError);
  });
});
