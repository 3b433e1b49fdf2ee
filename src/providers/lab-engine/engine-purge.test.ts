import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeCalls, purgeEngine, purgePath } from './engine-purge.js';

interface Seen {
  server: string;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A stand-in engine instance that records every request and answers `status`. */
async function instance(name: string, seen: Seen[], status = 200, delayMs = 0): Promise<string> {
  const s = createServer((req, res) => {
    seen.push({ server: name, method: req.method ?? '', url: req.url ?? '', headers: req.headers, at: performance.now() });
    setTimeout(() => res.writeHead(status).end('{}'), delayMs);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('engine purge', () => {
  it('varnish: PURGE per URL, xkey-purge for tags, a ban for everything — shield answered before any PoP is asked', async () => {
    const seen: Seen[] = [];
    const shield = await instance('shield', seen, 200, 30);
    const pops = [await instance('fra', seen), await instance('iad', seen)];
    const r = await purgeEngine({ engine: 'varnish', tiers: [[shield], pops], refreshToken: 't' }, { urls: ['/maps/a.json', 'http://x.example/maps/b.json?v=1'], tags: ['isbn-1', 'tile-1-1-10'], all: true });
    expect(r.ok, r.error).toBe(true);
    expect(seen).toHaveLength(12);
    const show = (x: Seen): string => `${x.method} ${x.url}${x.headers['xkey-purge'] === undefined ? '' : ` xkey=${String(x.headers['xkey-purge'])}`}${x.headers['x-cdnbench-purge-all'] === undefined ? '' : ' all'}`;
    for (const name of ['shield', 'fra', 'iad']) {
      expect(seen.filter((x) => x.server === name).map(show).sort(), name).toEqual(['PURGE / all', 'PURGE / xkey=isbn-1 tile-1-1-10', 'PURGE /maps/a.json', 'PURGE /maps/b.json?v=1']);
    }
    const lastShield = Math.max(...seen.filter((s) => s.server === 'shield').map((s) => s.at));
    expect(Math.min(...seen.filter((s) => s.server !== 'shield').map((s) => s.at))).toBeGreaterThan(lastShield);
  });

  it('nginx: a GET with the run secret per URL and PoP (the refresh), and no tag or full purge', async () => {
    const seen: Seen[] = [];
    const pops = [await instance('fra', seen), await instance('sin', seen)];
    const r = await purgeEngine({ engine: 'nginx', tiers: [[], pops], refreshToken: 'sekrit' }, { urls: ['/maps/a.json', '/maps/b.json'] });
    expect(r).toMatchObject({ ok: true });
    expect(seen.map((s) => `${s.server} ${s.method} ${s.url} ${String(s.headers['x-cdnbench-refresh'])}`).sort()).toEqual([
      'fra GET /maps/a.json sekrit', 'fra GET /maps/b.json sekrit', 'sin GET /maps/a.json sekrit', 'sin GET /maps/b.json sekrit',
    ]);
    expect(purgeCalls('nginx', pops[0] ?? '', { tags: ['x'] }, 's')).toBe('nginx cannot purge by tag');
    expect(await purgeEngine({ engine: 'nginx', tiers: [pops], refreshToken: 's' }, { all: true })).toMatchObject({ ok: false, error: 'nginx cannot purge everything' });
  });

  it('ats: PURGE per URL; 404 (not cached) is fine, a 403 fails the receipt with the reason', async () => {
    const seen: Seen[] = [];
    const notCached = await instance('fra', seen, 404);
    expect(await purgeEngine({ engine: 'ats', tiers: [[notCached]], refreshToken: 't' }, { urls: ['/a'] })).toMatchObject({ ok: true });
    const forbidden = await instance('iad', seen, 403);
    const r = await purgeEngine({ engine: 'ats', tiers: [[notCached, forbidden]], refreshToken: 't' }, { urls: ['/a'] });
    expect(r).toMatchObject({ ok: false, error: 'PURGE /a answered 403' });
    expect(seen.map((s) => `${s.server} ${s.method} ${s.url}`).sort()).toEqual(['fra PURGE /a', 'fra PURGE /a', 'iad PURGE /a']);
  });

  it('takes paths or absolute URLs', () => {
    expect(purgePath('/maps/x.json?a=1')).toBe('/maps/x.json?a=1');
    expect(purgePath('https://cdn.example/maps/x.json?a=1')).toBe('/maps/x.json?a=1');
  });
});
