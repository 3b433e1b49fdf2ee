/**
 * Builds provider results from hand-made samples for SLO unit tests: the samples are the ground truth,
 * recorded by the real Recorder and summarized by the real summary code.
 */
import { Recorder } from '../../src/result/recorder.js';
import type { ProviderResult, SessionCounters } from '../../src/result/result-model.js';
import type { Sample } from '../../src/result/sample.js';
import { summarizeProvider } from '../../src/result/summary.js';

/** A 200 small mapping-tile HIT at FRA for provider p1 taking 10 ms, with `over` applied. */
export function sample(over: Partial<Sample> = {}): Sample {
  return {
    provider: 'p1', pop: 'FRA', objectClass: 'mapping-tile', path: '/maps/x', status: 200, cache: 'HIT',
    bytes: 1200, bodyBytes: 1000, ttfbUs: 5000, totalUs: 10_000, serviceUs: 9000, startedAt: 0, ...over,
  };
}

/** `n` samples whose latency is `us(i)` for i = 1..n. */
export function samples(n: number, us: (i: number) => number, over: Partial<Sample> = {}): Sample[] {
  return Array.from({ length: n }, (_, k) => sample({ ...over, totalUs: us(k + 1) }));
}

const COUNTERS: SessionCounters = { planned: 10, started: 10, completed: 10, late: 0, dropped: 0, throttledRequests: 0, abortedRequests: 0 };

/** One ProviderResult per provider id among the samples; `patch` sets probe results or counters. */
export function providerResults(all: readonly Sample[], patch: Partial<Record<string, Partial<ProviderResult['summary']> & { sessions?: SessionCounters }>> = {}): ProviderResult[] {
  const recorder = new Recorder({ smallObjectMaxBytes: 16_384 });
  for (const s of all) recorder.add(s);
  const ids = [...new Set(all.map((s) => s.provider))];
  return ids.map((id) => {
    const series = recorder.seriesFor(id);
    const { sessions, ...summaryPatch } = patch[id] ?? {};
    return {
      id, kind: 'test', dialect: 'rfc9211', pops: [...new Set(series.map((s) => s.key.pop))],
      sessions: sessions ?? COUNTERS,
      summary: { ...summarizeProvider(series), ...summaryPatch },
      series,
    };
  });
}
