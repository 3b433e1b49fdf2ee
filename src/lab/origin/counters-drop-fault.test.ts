import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/index.js';
import type { OriginStats } from './counters.js';
import { lastViaHop } from './edge-id.js';
import { control, fetchRaw } from '../../../test/helpers/origin-test-client.js';
import type { DropResult } from './origin-state.js';
import { audioPath, metaPath, seekPath } from './paths.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';

let origin: RunningOrigin;
const stats = async (query = ''): Promise<OriginStats> => (await control(origin, 'GET', `stats${query}`)).json as OriginStats;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 10, tracks: 60, albums: 4 }, token: 'tok' });
});
afterAll(() => origin.close());
beforeEach(async () => {
  await control(origin, 'POST', 'reset?state=1');
});

describe('counters', () => {
  it('counts fetches, bytes and revalidations per path and per edge; reset zeroes them', async () => {
    const isbn = origin.state.catalog.bookAt(0).isbn;
    const meta = metaPath(isbn);
    const audio = audioPath('t000002', 24);
    const a = await fetchRaw(origin.url + meta, { headers: { 'x-cdnbench-edge': 'fra' } });
    await fetchRaw(origin.url + meta, { headers: { 'x-cdnbench-edge': 'fra', 'if-none-match': a.headers.etag ?? '' } });
    await fetchRaw(origin.url + meta, { headers: { 'x-cdnbench-edge': 'iad' } });
    await fetchRaw(origin.url + audio, { headers: { 'x-cdnbench-edge': 'iad', range: 'bytes=0-99' } });
    await fetchRaw(origin.url + audio, { method: 'HEAD', headers: { 'x-cdnbench-edge': 'iad' } });
    await fetchRaw(origin.url + meta, { headers: { via: '1.1 varnish (Varnish/7.1), 1.1 edge-ams' } });
    const s = await stats();
    const metaBytes = a.body.length;
    expect(s.objects[meta]).toEqual({
      fra: { fetches: 2, bytes: metaBytes, revalidations: 1 },
      iad: { fetches: 1, bytes: metaBytes, revalidations: 0 },
      'edge-ams': { fetches: 1, bytes: metaBytes, revalidations: 0 },
    });
    expect(s.objects[audio]).toEqual({ iad: { fetches: 2, bytes: 100, revalidations: 0 } });
    expect(s.byEdge.fra).toEqual({ fetches: 2, bytes: metaBytes, revalidations: 1 });
    expect(s.byEdge.iad).toEqual({ fetches: 3, bytes: metaBytes + 100, revalidations: 0 });
    expect(s).toMatchObject({ fetches: 6, bytes: 3 * metaBytes + 100, revalidations: 1 });
    const audioOnly = await stats('?prefix=/audio/');
    expect(Object.keys(audioOnly.objects)).toEqual([audio]);
    expect(audioOnly).toMatchObject({ fetches: 2, bytes: 100 });
    expect((await control(origin, 'POST', 'reset')).status).toBe(200);
    expect(await stats()).toEqual({ fetches: 0, bytes: 0, revalidations: 0, byEdge: {}, objects: {} });
  });

  it('falls back to the peer address without edge header or Via, and never counts control calls', async () => {
    await fetchRaw(origin.url + seekPath('t000001'));
    await control(origin, 'GET', 'stats');
    await fetchRaw(`${origin.url}/__cdnbench/health`);
    const s = await stats();
    expect(Object.keys(s.objects)).toEqual([seekPath('t000001')]);
    expect(Object.keys(s.byEdge)[0]).toMatch(/127\.0\.0\.1/);
    expect(lastViaHop('1.0 fred, 1.1 p.example.net')).toBe('p.example.net');
    expect(lastViaHop(' , ')).toBeUndefined();
  });
});

describe('drop', () => {
  it('answers 404 (max-age=1) before the release instant and 200 from it on', async () => {
    const album = origin.state.catalog.albumAt(1);
    const track = album.tracks[0] ?? '';
    const at = Date.now() + 400;
    const res = await control(origin, 'POST', 'drop', { album: album.id, at });
    expect(res.json as DropResult).toEqual({ album: album.id, tracks: album.tracks, releaseAt: at });
    for (const path of [audioPath(track, 128), seekPath(track), seekPath(album.tracks.at(-1) ?? '')]) {
      const before = await fetchRaw(origin.url + path);
      expect(before.status, path).toBe(404);
      expect(before.headers['cache-control']).toBe('public, max-age=1');
    }
    expect((await fetchRaw(origin.url + seekPath(origin.state.catalog.albumAt(0).tracks[0] ?? ''))).status).toBe(200);
    await sleep(at - Date.now() + 5);
    expect((await fetchRaw(origin.url + audioPath(track, 128), { method: 'HEAD' })).status).toBe(200);
    expect((await fetchRaw(origin.url + seekPath(track))).status).toBe(200);
  });

  it('releases at once without `at`', async () => {
    const album = origin.state.catalog.albumAt(2);
    const out = (await control(origin, 'POST', 'drop', { album: album.id })).json as DropResult;
    expect(out.releaseAt).toBeLessThanOrEqual(Date.now());
    expect((await fetchRaw(origin.url + seekPath(album.tracks[0] ?? ''))).status).toBe(200);
  });
});

describe('fault', () => {
  const meta = (): string => origin.url + metaPath(origin.state.catalog.bookAt(0).isbn);

  it('error: every object request answers the status until it ends; control calls still work', async () => {
    const res = await control(origin, 'POST', 'fault', { kind: 'error', durationMs: 300, status: 502 });
    expect(res.json).toMatchObject({ kind: 'error', status: 502 });
    const failed = await fetchRaw(meta());
    expect(failed.status).toBe(502);
    expect(failed.headers['cache-control']).toBe('no-store');
    expect((await fetchRaw(origin.url + audioPath('t000001', 24))).status).toBe(502);
    expect((await control(origin, 'GET', 'stats')).status).toBe(200);
    await sleep(320);
    expect((await fetchRaw(meta())).status).toBe(200);
  });

  it('slow: adds the delay; clear removes any fault at once', async () => {
    await control(origin, 'POST', 'fault', { kind: 'slow', delayMs: 150 });
    let t0 = performance.now();
    expect((await fetchRaw(meta())).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
    expect((await control(origin, 'POST', 'fault', { kind: 'clear' })).json).toEqual({ kind: 'clear' });
    t0 = performance.now();
    await fetchRaw(meta());
    expect(performance.now() - t0).toBeLessThan(100);
    await control(origin, 'POST', 'fault', { kind: 'error' });
    expect((await fetchRaw(meta())).status).toBe(503);
    await control(origin, 'POST', 'fault', { kind: 'clear' });
    expect((await fetchRaw(meta())).status).toBe(200);
  });
});
