/**
 * `ingest k6` against NDJSON written exactly in k6's format by a test helper, with values the test
 * knows: counts, bytes, errors and sessions must equal what was written; percentiles must equal those of
 * an HDR histogram fed the same values; gzip must read the same as plain; and ingesting N files at once
 * must equal merging their separate ingestions, percentile for percentile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLatencyHistogram, decodeHistogram, recordClamped } from '../result/histogram.js';
import { mergeResults } from '../result/merge.js';
import type { RunResult, SeriesRecord } from '../result/result-model.js';
import { parseResult } from '../result/result-schema.js';
import { seriesKeyString } from '../result/series-key.js';
import { K6Fixture, randomRequests, type FixtureRequest } from '../../test/helpers/k6-ndjson.js';
import { ingestK6Files } from './ingest-files.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdnbench-ingest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const START = new Date('2026-11-23T10:00:00Z');
const META = { scenario: 'page-turns', provider: 'target', model: 'open' };

async function fixture(name: string, requests: readonly FixtureRequest[], tags: Record<string, string> = { scenario: 'page-turns' }, sessions = 5, completed = 4): Promise<string> {
  const f = new K6Fixture(START, tags);
  for (let i = 0; i < sessions; i++) f.session(i, META);
  f.point('vus', 0, 10, {});
  for (const r of requests) f.request(r);
  f.point('iterations', 1, completed, {});
  f.point('dropped_iterations', 2, 1, {});
  f.point('data_received', 3, 12345, {});
  const path = join(dir, name);
  await f.write(path);
  return path;
}

const PERCENTILES = [1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

function sortedSeries(r: RunResult): SeriesRecord[] {
  return [...(r.providers[0]?.series ?? [])].sort((a, b) => seriesKeyString(a.key).localeCompare(seriesKeyString(b.key)));
}

/** Series equal: counters, and each histogram's count and value at every percentile. */
function expectSameSeries(a: RunResult, b: RunResult): void {
  const sa = sortedSeries(a);
  const sb = sortedSeries(b);
  expect(sa.map((s) => seriesKeyString(s.key))).toEqual(sb.map((s) => seriesKeyString(s.key)));
  sa.forEach((s, i) => {
    const t = sb[i] as SeriesRecord;
    expect({ requests: s.requests, bytes: s.bytes, body: s.bodyBytes, st: s.statusClasses, ne: s.networkErrors }).toEqual({ requests: t.requests, bytes: t.bytes, body: t.bodyBytes, st: t.statusClasses, ne: t.networkErrors });
    for (const h of ['latency', 'ttfb', 'service'] as const) {
      const x = decodeHistogram(s[h]);
      const y = decodeHistogram(t[h]);
      expect(x.totalCount).toBe(y.totalCount);
      for (const p of PERCENTILES) expect(x.getValueAtPercentile(p)).toBe(y.getValueAtPercentile(p));
    }
  });
}

describe('ingest k6', () => {
  it('counts every request, byte, error and session the file holds, with HDR-exact percentiles', async () => {
    const reqs = randomRequests(3000, 1);
    const path = await fixture('one.ndjson', reqs);
    const { result, facts } = await ingestK6Files([path]);
    parseResult(JSON.parse(JSON.stringify(result)), 'ingested');
    const p = result.providers[0];
    expect(result.meta).toMatchObject({ engine: 'k6', model: 'open', scenario: { name: 'page-turns' }, smallObjectMaxBytes: 16384 });
    expect(result.meta.startedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(p?.id).toBe('target');
    expect(p?.summary.requests).toBe(reqs.length);
    const errors = reqs.filter((r) => r.status === 0 || r.status >= 400).length;
    expect(p?.summary.errors).toBe(errors);
    expect(p?.summary.networkErrors).toEqual({
      ...(reqs.some((r) => r.errorCode === 1050) ? { timeout: reqs.filter((r) => r.errorCode === 1050).length } : {}),
      ...(reqs.some((r) => r.errorCode === 1212) ? { connect: reqs.filter((r) => r.errorCode === 1212).length } : {}),
      ...(reqs.some((r) => r.errorCode === 1220) ? { reset: reqs.filter((r) => r.errorCode === 1220).length } : {}),
    });
    const ok = reqs.filter((r) => r.status !== 0);
    expect(p?.summary.bytes).toBe(ok.reduce((a, r) => a + r.wireBytes, 0));
    expect(p?.sessions).toEqual({ planned: 6, started: 5, completed: 4, late: 0, dropped: 1, throttledRequests: 0, abortedRequests: 0 });
    expect(facts.dataReceived).toBe(12345);
    // Small-object latency: the same values into a histogram of the same layout.
    const small = createLatencyHistogram();
    for (const r of ok) if (r.bodyBytes <= 16384) recordClamped(small, r.durationMs * 1000);
    expect(p?.summary.smallObject.count).toBe(small.totalCount);
    expect(p?.summary.smallObject.p95Ms).toBe(small.getValueAtPercentile(95) / 1000);
    expect(p?.summary.smallObject.p99Ms).toBe(small.getValueAtPercentile(99) / 1000);
    // And those are within HDR precision (0.1 %) of the exact nearest-rank value.
    const sorted = ok.filter((r) => r.bodyBytes <= 16384).map((r) => r.durationMs).sort((a, b) => a - b);
    const exact95 = sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0;
    expect(Math.abs((p?.summary.smallObject.p95Ms ?? 0) - exact95) / exact95).toBeLessThan(0.002);
    // Per PoP and cache status, from the tags.
    const fraHits = ok.filter((r) => r.pop === 'FRA' && r.cache === 'HIT').length;
    expect(p?.series.filter((s) => s.key.pop === 'FRA' && s.key.cache === 'HIT').reduce((a, s) => a + s.requests, 0)).toBe(fraHits);
    const known = ok.filter((r) => r.cache !== 'UNKNOWN');
    expect(p?.summary.hitRatio).toBeCloseTo(known.filter((r) => r.cache === 'HIT').length / known.length, 12);
  });

  it('reads gzip exactly like plain text', async () => {
    const reqs = randomRequests(500, 2);
    const plain = await ingestK6Files([await fixture('p.ndjson', reqs)]);
    const gz = await ingestK6Files([await fixture('p.ndjson.gz', reqs)]);
    expectSameSeries(plain.result, gz.result);
    expect(gz.result.providers[0]?.summary).toEqual(plain.result.providers[0]?.summary);
  });

  it('merging N ingested runner files equals ingesting their concatenation, percentile for percentile', async () => {
    const files = await Promise.all([0, 1, 2].map((i) => fixture(`runner-${i}.ndjson${i === 1 ? '.gz' : ''}`, randomRequests(2000, 10 + i), { scenario: 'page-turns', instance_id: String(i + 1), testrun_name: 'pt' })));
    const separate = await Promise.all(files.map(async (f) => (await ingestK6Files([f])).result));
    const merged = mergeResults(separate);
    const together = (await ingestK6Files(files)).result;
    expectSameSeries(merged, together);
    expect(merged.providers[0]?.summary).toEqual(together.providers[0]?.summary);
    expect(merged.providers[0]?.sessions).toEqual(together.providers[0]?.sessions);
    expect(together.meta.agents.map((a) => a.name)).toEqual(['k6-1', 'k6-2', 'k6-3']);
  });

  it('keeps regions apart: per-region series and summaries, merged totals', async () => {
    const eu = (await ingestK6Files([await fixture('eu.ndjson', randomRequests(800, 20))], { region: 'eu' })).result;
    const us = (await ingestK6Files([await fixture('us.ndjson', randomRequests(600, 21))], { region: 'us' })).result;
    const merged = mergeResults([eu, us]);
    const p = merged.providers[0];
    expect(p?.summary.requests).toBe(1400);
    expect(new Set(p?.series.map((s) => s.key.region))).toEqual(new Set(['eu', 'us']));
    expect(p?.summary.byRegion?.eu?.requests).toBe(800);
    expect(p?.summary.byRegion?.us?.requests).toBe(600);
    const { perPop: _p, cold: _c, warm: _w, ...euSmall } = eu.providers[0]?.summary.smallObject ?? { perPop: {}, cold: {}, warm: {} };
    expect(p?.summary.byRegion?.eu?.smallObject).toEqual(euSmall);
    expect(p?.summary.byRegion?.us?.allObjects).toEqual(us.providers[0]?.summary.allObjects);
  });

  it('reads plain k6 output (no cdnbench metrics) from http_req_* points', async () => {
    const f = new K6Fixture(START);
    const reqs: FixtureRequest[] = [
      { atMs: 0, pop: '', objectClass: '', cache: '', status: 200, durationMs: 10, waitingMs: 8, bodyBytes: 0, wireBytes: 0, url: 'https://cdn.example.com/maps/978/abc/en/1-10.json' },
      { atMs: 1, pop: '', objectClass: '', cache: '', status: 206, durationMs: 30, waitingMs: 8, bodyBytes: 0, wireBytes: 0, url: 'https://cdn.example.com/audio/t000001/128.ogg' },
      { atMs: 2, pop: '', objectClass: '', cache: '', status: 0, durationMs: 0, waitingMs: 0, bodyBytes: 0, wireBytes: 0, errorCode: 1212, url: 'https://cdn.example.com/meta/978.json' },
    ];
    for (const r of reqs) f.request(r, false);
    f.point('data_received', 3, 999, {});
    const path = join(dir, 'plain.ndjson');
    await f.write(path);
    const { result, facts } = await ingestK6Files([path]);
    expect(facts.cdnbenchMetrics).toBe(false);
    const series = result.providers[0]?.series ?? [];
    expect(series.map((s) => [s.key.pop, s.key.objectClass, s.key.size, s.requests]).sort()).toEqual([
      ['cdn.example.com', 'audio-range', 'large', 1], ['cdn.example.com', 'mapping-tile', 'small', 1], ['cdn.example.com', 'metadata', 'small', 1],
    ]);
    expect(result.providers[0]?.summary.networkErrors).toEqual({ connect: 1 });
    expect(result.providers[0]?.summary.smallObject.maxMs).toBeCloseTo(10, 1); // the HDR bucket of 10 ms (10.007)
  });

  it('skips a truncated last line and refuses a file without points', async () => {
    const f = new K6Fixture(START);
    f.request(randomRequests(1, 3)[0] as FixtureRequest);
    const path = join(dir, 'trunc.ndjson');
    await writeFile(path, `${f.text()}{"type":"Point","data":{"time":"2026-`);
    const { facts, result } = await ingestK6Files([path]);
    expect(facts.skippedLines).toBe(1);
    expect(result.providers[0]?.summary.requests).toBe(1);
    const empty = join(dir, 'empty.ndjson');
    await writeFile(empty, '');
    await expect(ingestK6Files([empty])).rejects.toThrow(/no k6 points/);
    await expect(ingestK6Files([join(dir, 'missing.ndjson')])).rejects.toThrow(/cannot read/);
  });
});
