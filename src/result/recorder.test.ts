import { describe, expect, it } from 'vitest';
import { decodeHistogram } from './histogram.js';
import { Recorder } from './recorder.js';
import type { Sample } from './sample.js';

const sample = (over: Partial<Sample> = {}): Sample => ({
  provider: 'p1',
  pop: 'fra',
  objectClass: 'mapping-tile',
  path: '/t/1',
  status: 200,
  cache: 'HIT',
  bytes: 1200,
  bodyBytes: 1000,
  ttfbUs: 8000,
  totalUs: 10_000,
  serviceUs: 9000,
  startedAt: 0,
  ...over,
});

describe('Recorder', () => {
  it('counts responses by status class and records all three histograms', () => {
    const r = new Recorder({ smallObjectMaxBytes: 16384, region: 'eu' });
    r.add(sample());
    r.add(sample({ status: 404, totalUs: 20_000 }));
    r.add(sample({ status: 503 }));
    const [s, ...rest] = r.series();
    expect(rest).toHaveLength(0);
    expect(s?.key).toEqual({ provider: 'p1', pop: 'fra', objectClass: 'mapping-tile', cache: 'HIT', size: 'small', region: 'eu' });
    expect(s?.requests).toBe(3);
    expect(s?.statusClasses).toEqual({ '2xx': 1, '3xx': 0, '4xx': 1, '5xx': 1 });
    expect(s?.bytes).toBe(3600);
    expect(s?.bodyBytes).toBe(3000);
    for (const h of [s?.latency, s?.ttfb, s?.service]) expect(decodeHistogram(h ?? '').totalCount).toBe(3);
    expect(r.liveStats().errors).toBe(2);
  });

  it('counts network errors as requests without histogram records', () => {
    const r = new Recorder({ smallObjectMaxBytes: 16384 });
    r.add(sample({ status: 0, error: 'timeout', cache: 'UNKNOWN', bytes: 0, bodyBytes: 0, totalUs: 5_000_000 }));
    r.add(sample({ status: 0, error: 'reset', cache: 'UNKNOWN', bytes: 0, bodyBytes: 0 }));
    r.add(sample({ status: 0, error: 'timeout', cache: 'UNKNOWN', bytes: 0, bodyBytes: 0 }));
    const [s] = r.series();
    expect(s?.requests).toBe(3);
    expect(s?.networkErrors).toEqual({ timeout: 2, reset: 1 });
    expect(s?.statusClasses).toEqual({ '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });
    expect(s?.key.region).toBe('');
    for (const h of [s?.latency, s?.ttfb, s?.service]) expect(decodeHistogram(h ?? '').totalCount).toBe(0);
    expect(r.liveStats()).toEqual({ requests: 3, errors: 3, smallP95Ms: null });
  });

  it('splits series by provider, PoP, class, cache and size; seriesFor filters', () => {
    const r = new Recorder({ smallObjectMaxBytes: 1000 });
    r.add(sample());
    r.add(sample({ bodyBytes: 1001 }));
    r.add(sample({ cache: 'MISS' }));
    r.add(sample({ pop: 'ams' }));
    r.add(sample({ objectClass: 'metadata' }));
    r.add(sample({ provider: 'p2' }));
    r.add(sample());
    expect(r.seriesCount).toBe(6);
    expect(r.series().map((s) => s.key.size)).toContain('large');
    expect(r.seriesFor('p2')).toHaveLength(1);
    expect(r.seriesFor('p1').reduce((n, s) => n + s.requests, 0)).toBe(6);
  });

  it('liveStats reports a running small-object p95', () => {
    const r = new Recorder({ smallObjectMaxBytes: 16384 });
    for (let i = 1; i <= 100; i++) r.add(sample({ totalUs: i * 1000 }));
    r.add(sample({ bodyBytes: 1_000_000, totalUs: 9_000_000 }));
    const live = r.liveStats();
    expect(live.requests).toBe(101);
    expect(live.smallP95Ms).toBeCloseTo(95, 1);
  });

  it('keeps memory per series: 1M samples into a fixed set of series', () => {
    const r = new Recorder({ smallObjectMaxBytes: 16384 });
    const pops = ['fra', 'ams', 'lhr', 'iad'];
    const caches = ['HIT', 'MISS', 'STALE'] as const;
    const samples = pops.flatMap((pop) => caches.map((cache) => sample({ pop, cache })));
    for (let i = 0; i < 1_000_000; i++) {
      const s = samples[i % samples.length];
      if (s !== undefined) {
        s.totalUs = 1000 + (i % 50_000);
        r.add(s);
      }
    }
    expect(r.seriesCount).toBe(samples.length);
    const all = r.series();
    expect(all).toHaveLength(12);
    expect(all.reduce((n, s) => n + s.requests, 0)).toBe(1_000_000);
    expect(r.liveStats().requests).toBe(1_000_000);
  });
});

describe('Recorder live figures', () => {
  it('count from the last resetLive, so progress shows the provider under load, not the run so far', () => {
    const r = new Recorder({ smallObjectMaxBytes: 16_384 });
    r.add(sample({ provider: 'a' }));
    r.add(sample({ provider: 'a', status: 503 }));
    expect(r.liveStats()).toMatchObject({ requests: 2, errors: 1 });
    r.resetLive();
    expect(r.liveStats()).toEqual({ requests: 0, errors: 0, smallP95Ms: null });
    r.add(sample({ provider: 'b' }));
    expect(r.liveStats()).toMatchObject({ requests: 1, errors: 0 });
    // The result's series keep everything.
    expect(r.seriesFor('a').reduce((n, s) => n + s.requests, 0)).toBe(2);
  });
});
