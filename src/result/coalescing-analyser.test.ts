import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CacheStatus, Sample } from './sample.js';
import { coalescingFigures, estimatedCoalescing, exactCoalescing, fetchOriginCounts } from './coalescing-analyser.js';
import { CoalescingBurstTracker } from './coalescing-burst-tracker.js';

const nested = (o: Record<string, Record<string, number>>): Map<string, Map<string, number>> => new Map(Object.entries(o).map(([k, v]) => [k, new Map(Object.entries(v))]));

function sample(path: string, pop: string, cache: CacheStatus, extra: Partial<Sample> = {}): Sample {
  return { provider: 'p', pop, objectClass: 'metadata', path, status: 200, cache, bytes: 10, bodyBytes: 5, ttfbUs: 1, totalUs: 2, serviceUs: 2, startedAt: 0, ...extra };
}

describe('coalescing arithmetic (DOMAIN.md §2)', () => {
  it('perfect: 2 PoPs × 100 requests, 2 origin fetches → ratio 1, effectiveness 1', () => {
    const r = exactCoalescing({ clientRequestsByPop: nested({ fra: { '/a': 100 }, iad: { '/a': 100 } }), originFetches: nested({ '/a': { fra: 1, iad: 1 } }), shield: false });
    expect(r).toEqual({ clientRequests: 200, originFetches: 2, idealFetches: 2, ratio: 1, effectiveness: 1, method: 'exact' });
  });

  it('none: every request fetched → ratio = burst size, effectiveness 0', () => {
    const r = exactCoalescing({ clientRequestsByPop: nested({ fra: { '/a': 100 }, iad: { '/a': 100 } }), originFetches: nested({ '/a': { fra: 100, iad: 100 } }), shield: false });
    expect([r.ratio, r.effectiveness]).toEqual([100, 0]);
  });

  it('partial: 3 pairs, 30 requests, 9 fetches → ratio 3, effectiveness 1 − 6/27', () => {
    const r = exactCoalescing({ clientRequestsByPop: nested({ fra: { '/a': 10, '/b': 10 }, iad: { '/a': 10 } }), originFetches: nested({ '/a': { fra: 2, iad: 4 }, '/b': { fra: 3 } }), shield: false });
    expect(r.idealFetches).toBe(3);
    expect(r.originFetches).toBe(9);
    expect(r.ratio).toBe(3);
    expect(r.effectiveness).toBeCloseTo(1 - 6 / 27, 12);
  });

  it('shield: ideal is one fetch per object, all edges summed; unrequested paths ignored', () => {
    const input = { clientRequestsByPop: nested({ fra: { '/a': 50, '/b': 50 }, iad: { '/a': 50 } }), originFetches: nested({ '/a': { shield: 1 }, '/b': { shield: 1, fra: 1 }, '/other': { shield: 7 } }) };
    const shielded = exactCoalescing({ ...input, shield: true });
    expect(shielded).toMatchObject({ clientRequests: 150, originFetches: 3, idealFetches: 2, ratio: 1.5 });
    expect(shielded.effectiveness).toBeCloseTo(1 - 1 / 148, 12);
    expect(exactCoalescing({ ...input, shield: false }).idealFetches).toBe(3);
  });

  it('effectiveness is null when clientRequests = ideal; ratio null when nothing was requested; nothing clamped', () => {
    expect(coalescingFigures(2, 2, 2)).toEqual({ ratio: 1, effectiveness: null });
    expect(coalescingFigures(0, 0, 0)).toEqual({ ratio: null, effectiveness: null });
    expect(coalescingFigures(10, 0, 1)).toEqual({ ratio: 0, effectiveness: 1 + 1 / 9 });
    expect(coalescingFigures(10, 12, 1)).toEqual({ ratio: 12, effectiveness: 1 - 11 / 9 });
  });
});

describe('CoalescingBurstTracker', () => {
  it('counts watched paths per (path, PoP); MISS/EXPIRED not collapsed are estimated fetches', () => {
    const t = new CoalescingBurstTracker();
    t.watch(['/a', '/b']);
    const feed: Sample[] = [
      sample('/a', 'fra', 'MISS'),
      sample('/a', 'fra', 'MISS', { collapsed: true }),
      sample('/a', 'fra', 'HIT'),
      sample('/a', 'iad', 'EXPIRED'),
      sample('/a', 'iad', 'UNKNOWN', { status: 0, error: 'reset' }),
      sample('/b', 'fra', 'REVALIDATED'),
      sample('/unwatched', 'fra', 'MISS'),
    ];
    for (const s of feed) t.add(s);
    expect(t.pair('/a', 'fra')).toEqual({ requests: 3, estimatedFetches: 1, collapsed: 1, unclassified: 0, failed: 0 });
    expect(t.pair('/a', 'iad')).toEqual({ requests: 2, estimatedFetches: 1, collapsed: 0, unclassified: 1, failed: 1 });
    expect(t.clientRequestsByPop()).toEqual(nested({ fra: { '/a': 3, '/b': 1 }, iad: { '/a': 2 } }));
    expect(t.estimatedFetchesByPop()).toEqual(nested({ fra: { '/a': 1, '/b': 0 }, iad: { '/a': 1 } }));
    expect(t.totals()).toEqual({ requests: 6, estimatedFetches: 2, collapsed: 1, unclassified: 1, failed: 1, pairs: 3, objects: 2 });
    expect(estimatedCoalescing(t)).toEqual({ clientRequests: 6, originFetches: 2, idealFetches: 3, ratio: 2 / 3, effectiveness: 1 - (2 - 3) / (6 - 3), method: 'estimated' });
    t.reset();
    expect(t.watched()).toEqual([]);
    expect(estimatedCoalescing(t)).toMatchObject({ clientRequests: 0, ratio: null, effectiveness: null });
  });
});

describe('fetchOriginCounts', () => {
  async function fakeOrigin(status: number, body: unknown): Promise<{ url: string; seen: { url: string; headers: IncomingHttpHeaders }[]; close: () => Promise<void> }> {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, seen, close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }) };
  }

  it('asks once with the common prefix, token only in Authorization; every path present', async () => {
    const o = await fakeOrigin(200, { fetches: 3, objects: { '/meta/1.json': { fra: { fetches: 2, bytes: 9, revalidations: 0 }, shield: { fetches: 1, bytes: 9, revalidations: 0 } }, '/meta/9.json': { fra: { fetches: 5, bytes: 1, revalidations: 0 } } } });
    try {
      const counts = await fetchOriginCounts(`${o.url}/`, 's3cret', ['/meta/1.json', '/meta/2.json']);
      expect(counts).toEqual(nested({ '/meta/1.json': { fra: 2, shield: 1 }, '/meta/2.json': {} }));
      expect(o.seen).toHaveLength(1);
      expect(o.seen[0]?.url).toBe('/__cdnbench/stats?prefix=%2Fmeta%2F');
      expect(o.seen[0]?.headers.authorization).toBe('Bearer s3cret');
    } finally {
      await o.close();
    }
  });

  it('a refused token or a non-stats answer is a RUN_FAILED error that does not carry the token', async () => {
    const refused = await fakeOrigin(401, { error: 'missing or wrong bearer token' });
    const garbage = await fakeOrigin(200, { hello: 'world' });
    try {
      const e = await fetchOriginCounts(refused.url, 's3cret', ['/a']).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: 'RUN_FAILED', message: expect.stringContaining('HTTP 401') as unknown });
      expect(String((e as Error).message)).not.toContain('s3cret');
      await expect(fetchOriginCounts(garbage.url, 's3cret', ['/a'])).rejects.toMatchObject({ code: 'RUN_FAILED', message: expect.stringContaining('not a stats document') as unknown });
      expect(await fetchOriginCounts(garbage.url, 's3cret', [])).toEqual(new Map());
    } finally {
      await refused.close();
      await garbage.close();
    }
  });
});
