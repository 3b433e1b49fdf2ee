import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.js';
import { createLatencyHistogram, decodeHistogram, recordClamped } from './histogram.js';
import type { Histogram } from './histogram.js';
import { mergeResults } from './merge.js';
import { Recorder } from './recorder.js';
import type { RunMeta, RunResult } from './result-model.js';
import { parseResult } from './result-schema.js';
import { CACHE_STATUSES, OBJECT_CLASSES } from './sample.js';
import type { Sample } from './sample.js';
import { seriesKeyString } from './series-key.js';
import { summarizeProvider } from './summary.js';

/** mulberry32: tiny seeded PRNG so the test is deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateSamples(n: number, seed: number): Sample[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    // Log-normal body (median ~20 ms) with a 1 % heavy tail up to minutes: skewed like real CDN latency.
    const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const tail = rnd() < 0.01 ? 1 + rnd() * 20_000 : 1;
    const totalUs = 20_000 * Math.exp(0.8 * normal) * tail;
    const failed = rnd() < 0.005;
    out.push({
      provider: pick(['alpha', 'beta']), pop: pick(['fra', 'ams', 'iad']), objectClass: pick(OBJECT_CLASSES),
      path: '/x', status: failed ? 0 : pick([200, 200, 200, 304, 404, 503]), cache: failed ? 'UNKNOWN' : pick(CACHE_STATUSES),
      bytes: 300 + Math.floor(rnd() * 40_000), bodyBytes: Math.floor(rnd() * 40_000),
      ttfbUs: totalUs * 0.6, totalUs, serviceUs: totalUs * 0.9, startedAt: 0,
      ...(failed ? { error: pick(['timeout', 'reset'] as const) } : {}),
    });
  }
  return out;
}

function resultOf(r: Recorder, meta: Partial<RunMeta> = {}): RunResult {
  const providers = ['alpha', 'beta'].map((id) => {
    const series = r.seriesFor(id);
    return {
      id, kind: 'emulator', dialect: 'lab', pops: [...new Set(series.map((s) => s.key.pop))],
      sessions: { planned: 10, started: 10, completed: 9, late: 1, dropped: 0, throttledRequests: 2, abortedRequests: 1 },
      summary: summarizeProvider(series), series,
    };
  });
  return {
    schemaVersion: 1,
    meta: {
      runId: 'r1', scenario: { name: 'quick', file: null, sha256: null }, engine: 'lab', model: 'open',
      cdnbenchVersion: '0.1.0', nodeVersion: 'v20', gitCommit: null, host: 'h', agents: [{ name: 'a', region: '' }],
      startedAt: '2025-01-01T00:00:00.000Z', endedAt: '2025-01-01T00:01:00.000Z', durationMs: 60_000,
      stopReason: 'completed', failure: null, smallObjectMaxBytes: 16384, ...meta,
    },
    providers,
  };
}

const PERCENTILES = [...Array.from({ length: 100 }, (_, i) => i + 1), 99.9, 99.99];

function expectSameDistribution(a: Histogram, b: Histogram): void {
  expect(a.totalCount).toBe(b.totalCount);
  expect(a.getValueAtPercentile(100)).toBe(b.getValueAtPercentile(100));
  for (const p of PERCENTILES) expect(a.getValueAtPercentile(p), `p${p}`).toBe(b.getValueAtPercentile(p));
}

describe('mergeResults', () => {
  const samples = generateSamples(100_000, 42);
  const reference = new Recorder({ smallObjectMaxBytes: 16384 });
  const parts = [0, 1, 2].map(() => new Recorder({ smallObjectMaxBytes: 16384 }));
  const everything = createLatencyHistogram();
  const rnd = prng(7);
  for (const s of samples) {
    reference.add(s);
    parts[Math.floor(rnd() * 3)]?.add(s);
    if (s.error === undefined) recordClamped(everything, s.totalUs);
  }
  const results = parts.map((p, i) =>
    resultOf(p, { runId: `r${i}`, startedAt: `2025-01-01T00:0${i}:00.000Z`, endedAt: `2025-01-01T00:0${i + 1}:30.000Z` }),
  );
  const merged = mergeResults(results);

  it('is exact: every percentile equals one histogram fed all samples', () => {
    const all = createLatencyHistogram();
    for (const p of merged.providers) for (const s of p.series) all.add(decodeHistogram(s.latency));
    expectSameDistribution(all, everything);
  });

  it('is exact per series, counters included, and summaries equal a single recorder', () => {
    const expected = resultOf(reference);
    expect(merged.providers.map((p) => p.id)).toEqual(['alpha', 'beta']);
    for (const want of expected.providers) {
      const got = merged.providers.find((p) => p.id === want.id);
      expect(got?.summary).toEqual(want.summary);
      expect(got?.sessions).toEqual({ planned: 30, started: 30, completed: 27, late: 3, dropped: 0, throttledRequests: 6, abortedRequests: 3 });
      expect(got?.series).toHaveLength(want.series.length);
      const byKey = new Map(got?.series.map((s) => [seriesKeyString(s.key), s]));
      for (const s of want.series) {
        const m = byKey.get(seriesKeyString(s.key));
        expect(m).toBeDefined();
        if (m === undefined) continue;
        // Same counts in the same layout encode to the same text: the strongest equality there is.
        expect(m).toEqual(s);
      }
    }
  });

  it('merges meta: span, agents, run id, stop reason', () => {
    expect(merged.meta.startedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(merged.meta.endedAt).toBe('2025-01-01T00:03:30.000Z');
    expect(merged.meta.durationMs).toBe(210_000);
    expect(merged.meta.runId).toBe('merged-r0');
    expect(merged.meta.agents).toHaveLength(3);
    expect(merged.meta.stopReason).toBe('completed');
    const first = results[0] as RunResult;
    const interrupted = resultOf(parts[1] as Recorder, { stopReason: 'interrupted', failure: 'SIGINT' });
    const m = mergeResults([first, interrupted]);
    expect(m.meta.stopReason).toBe('interrupted');
    expect(m.meta.failure).toBe('SIGINT');
    expect(() => parseResult(JSON.parse(JSON.stringify(m)), 'merged')).not.toThrow();
  });

  it('keeps regions apart but still summarizes them together', () => {
    const a = new Recorder({ smallObjectMaxBytes: 16384, region: 'eu' });
    const b = new Recorder({ smallObjectMaxBytes: 16384, region: 'us' });
    // One class keeps the series count (and the test's run time) small; regions are what is tested.
    const some = samples.slice(0, 5000).map((s) => ({ ...s, objectClass: 'metadata' as const }));
    some.forEach((s, i) => (i % 2 ? a : b).add(s));
    const ref = new Recorder({ smallObjectMaxBytes: 16384 });
    some.forEach((s) => ref.add(s));
    const m = mergeResults([resultOf(a), resultOf(b)]);
    const alpha = m.providers[0];
    const regions = new Set(alpha?.series.map((s) => s.key.region));
    expect(regions).toEqual(new Set(['eu', 'us']));
    expect(alpha?.series.length).toBe(a.seriesFor('alpha').length + b.seriesFor('alpha').length);
    // The totals are those of one recorder fed everything; each region is summarized on its own beside them.
    const { byRegion, ...totals } = alpha?.summary ?? { byRegion: undefined };
    expect(totals).toEqual(resultOf(ref).providers[0]?.summary);
    for (const [region, rec] of [['eu', a], ['us', b]] as const) {
      const own = resultOf(rec).providers[0]?.summary;
      expect(byRegion?.[region]?.requests).toBe(own?.requests);
      expect(byRegion?.[region]?.hitRatio).toBe(own?.hitRatio);
      expect(byRegion?.[region]?.allObjects).toEqual(own?.allObjects);
      expect(byRegion?.[region]?.smallObject.p95Ms).toBe(own?.smallObject.p95Ms);
    }
  });

  it('returns an equal result for a single input', () => {
    const one = results[0] as RunResult;
    expect(mergeResults([one])).toEqual(one);
  });

  it('refuses different scenarios, different small-object bounds and nothing', () => {
    const a = results[0] as RunResult;
    const b = resultOf(parts[1] as Recorder, { scenario: { name: 'other', file: null, sha256: null } });
    expect(() => mergeResults([a, b])).toThrow('cannot merge results of different scenarios: quick, other');
    const err = (() => {
      try {
        mergeResults([a, resultOf(parts[1] as Recorder, { smallObjectMaxBytes: 1024 })]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InvalidConfigError);
    expect((err as InvalidConfigError).code).toBe('INVALID_RESULT');
    expect(() => mergeResults([])).toThrow(InvalidConfigError);
  });
});
