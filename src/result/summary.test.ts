import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, encodeHistogram, recordClamped, summarizeHistogram } from './histogram.js';
import type { SeriesKey, SeriesRecord } from './result-model.js';
import { hitRatioOf, summarizeProvider } from './summary.js';

const histOf = (values: readonly number[]): string => {
  const h = createLatencyHistogram();
  for (const v of values) recordClamped(h, v);
  return encodeHistogram(h);
};

const series = (
  key: Omit<SeriesKey, 'provider' | 'region'>,
  c: { s2?: number; s4?: number; s5?: number; net?: SeriesRecord['networkErrors']; values?: number[] },
): SeriesRecord => {
  const net = c.net ?? {};
  const responses = (c.s2 ?? 0) + (c.s4 ?? 0) + (c.s5 ?? 0);
  const netCount = Object.values(net).reduce((a, b) => a + (b ?? 0), 0);
  const values = c.values ?? Array.from({ length: responses }, (_, i) => 1000 * (i + 1));
  return {
    key: { provider: 'p', region: '', ...key },
    requests: responses + netCount,
    statusClasses: { '2xx': c.s2 ?? 0, '3xx': 0, '4xx': c.s4 ?? 0, '5xx': c.s5 ?? 0 },
    networkErrors: net,
    bytes: responses * 100,
    bodyBytes: responses * 80,
    latency: histOf(values),
    ttfb: histOf(values),
    service: histOf(values),
  };
};

const fixture: SeriesRecord[] = [
  series({ pop: 'fra', objectClass: 'metadata', cache: 'HIT', size: 'small' }, { s2: 10 }),
  series({ pop: 'fra', objectClass: 'metadata', cache: 'MISS', size: 'small' }, { s2: 4, s5: 1, values: [50_000, 60_000, 70_000, 80_000, 90_000] }),
  series({ pop: 'ams', objectClass: 'mapping-tile', cache: 'STALE', size: 'small' }, { s2: 3 }),
  series({ pop: 'ams', objectClass: 'mapping-tile', cache: 'UNKNOWN', size: 'small' }, { s2: 2, net: { timeout: 4 } }),
  series({ pop: 'ams', objectClass: 'audio-range', cache: 'UPDATING', size: 'large' }, { s2: 1, s4: 1, net: { reset: 1 }, values: [900_000, 1_000_000] }),
];

describe('summarizeProvider', () => {
  const sum = summarizeProvider(fixture);

  it('computes hit ratio over responses with a known cache state', () => {
    // known: 10 + 5 + 3 + 2 responses; hits: HIT 10 + STALE 3 + UPDATING 2.
    expect(sum.hitRatio).toBe(15 / 20);
    expect(hitRatioOf([fixture[3] as SeriesRecord])).toBeNull();
  });

  it('counts network errors, 4xx and 5xx as errors', () => {
    expect(sum.requests).toBe(27);
    expect(sum.errors).toBe(1 + 4 + 2);
    expect(sum.errorRate).toBe(7 / 27);
    expect(sum.networkErrors).toEqual({ timeout: 4, reset: 1 });
    expect(sum.bytes).toBe((10 + 5 + 3 + 2 + 2) * 100);
  });

  it('breaks down by class with per-class hit ratios', () => {
    expect(sum.byClass).toEqual({
      'mapping-tile': { requests: 9, bytes: 500, hitRatio: 1 },
      metadata: { requests: 15, bytes: 1500, hitRatio: 10 / 15 },
      'audio-range': { requests: 3, bytes: 200, hitRatio: 1 },
    });
  });

  it('merges histograms (not percentiles) for small objects, per PoP and all objects', () => {
    const small = createLatencyHistogram();
    const fra = createLatencyHistogram();
    const all = createLatencyHistogram();
    const add = (vs: number[], ...hs: ReturnType<typeof createLatencyHistogram>[]) => {
      for (const v of vs) for (const h of hs) recordClamped(h, v);
    };
    const ten = Array.from({ length: 10 }, (_, i) => 1000 * (i + 1));
    add(ten, small, fra, all);
    add([50_000, 60_000, 70_000, 80_000, 90_000], small, fra, all);
    add([1000, 2000, 3000], small, all);
    add([1000, 2000], small, all);
    add([900_000, 1_000_000], all);
    // Cold = MISS (fra metadata, 50–90 ms); warm = HIT (1–10 ms) + STALE (1–3 ms); UNKNOWN is neither.
    const cold = createLatencyHistogram();
    const warm = createLatencyHistogram();
    add([50_000, 60_000, 70_000, 80_000, 90_000], cold);
    add([...ten, 1000, 2000, 3000], warm);
    const { perPop, cold: coldSummary, warm: warmSummary, ...smallSummary } = sum.smallObject;
    expect(coldSummary).toEqual(summarizeHistogram(cold));
    expect(warmSummary).toEqual(summarizeHistogram(warm));
    expect(coldSummary.count + warmSummary.count).toBe(18);
    expect(smallSummary).toEqual(summarizeHistogram(small));
    expect(perPop.fra).toEqual(summarizeHistogram(fra));
    expect(perPop.ams?.count).toBe(5);
    expect(Object.keys(perPop)).toEqual(['ams', 'fra']);
    expect(sum.allObjects).toEqual(summarizeHistogram(all));
    expect(sum.allObjects.count).toBe(22);
  });

  it('summarizes no series as empty', () => {
    const empty = summarizeProvider([]);
    expect(empty.hitRatio).toBeNull();
    expect(empty.errorRate).toBe(0);
    const none = { count: 0, p50Ms: null, p95Ms: null, p99Ms: null, maxMs: null };
    expect(empty.smallObject).toEqual({ ...none, perPop: {}, cold: none, warm: none });
  });
});
