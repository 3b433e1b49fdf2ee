import { afterEach, describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { EDGE_HEADER } from './upstream.js';
import { get, postJson, sleep, TestOrigin, testProfile, controlAuth } from '../../../test/helpers/test-origin.js';

let origin: TestOrigin;
let em: RunningEmulator;
afterEach(async () => {
  await em.close();
  await origin.close();
});

describe('shield tier', () => {
  it('PoPs fetch through one shield: one origin fetch for all PoPs, two Cache-Status entries, per-hop X-Cache', async () => {
    origin = await TestOrigin.start();
    origin.set('/t', { headers: { 'cache-control': 'max-age=60' }, body: 'x' });
    em = await startEmulator({ profile: testProfile({ shield: true, dialect: 'fastly', pops: [{ id: 'fra' }, { id: 'iad' }] }), originUrl: origin.url });
    expect(em.shieldUrl).not.toBeNull();
    const fra = await get(`${em.pops[0]?.url ?? ''}/t`);
    const iad = await get(`${em.pops[1]?.url ?? ''}/t`);
    const iadHit = await get(`${em.pops[1]?.url ?? ''}/t`);
    expect(origin.requests.map((r) => r.headers[EDGE_HEADER])).toEqual(['shield']);
    expect(fra.headers['cache-status']).toBe('shield; fwd=miss; fwd-status=200; stored, fra; fwd=miss; fwd-status=200; stored');
    expect(iad.headers['cache-status']).toMatch(/^shield; hit; ttl=\d+, iad; fwd=miss; fwd-status=200; stored$/);
    expect([fra.headers['x-cache'], iad.headers['x-cache'], iadHit.headers['x-cache']]).toEqual(['MISS, MISS', 'HIT, MISS', 'HIT, HIT']);
    expect(iad.headers['x-served-by']).toBe('cache-shield1234-SHIELD, cache-iad1234-IAD');
    expect(getDialect('fastly').classify(headerGetter(iad.headers))).toMatchObject({ cache: 'MISS', pop: 'IAD' });
    expect(getDialect('rfc9211').classify(headerGetter(iadHit.headers))).toMatchObject({ cache: 'HIT', pop: 'iad' });
  });

  it('the shield is purged at once, PoPs after their delay, and a purged PoP refetches new content via the shield', async () => {
    origin = await TestOrigin.start();
    let version = 1;
    origin.set('/t', () => ({ headers: { 'cache-control': 'max-age=60', 'surrogate-key': 'k' }, body: `v${version}` }));
    em = await startEmulator({ profile: testProfile({ shield: true, invalidation: '150ms' }), originUrl: origin.url });
    const pop = em.pops[0]?.url ?? '';
    await get(`${pop}/t`);
    version = 2;
    expect((await postJson(`${em.controlUrl}/purge`, { tags: ['k'] }, controlAuth(em))).status).toBe(200);
    const shieldNow = await get(`${em.shieldUrl ?? ''}/t`);
    expect(shieldNow.body.toString()).toBe('v2');
    expect((await get(`${pop}/t`)).body.toString()).toBe('v1');
    await sleep(200);
    expect((await get(`${pop}/t`)).body.toString()).toBe('v2');
    const stats = JSON.parse((await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString()) as { shield: { upstreamFetches: number } };
    expect(stats.shield.upstreamFetches).toBe(2);
  });

  it('PoP revalidation against the shield gets a 304 (REVALIDATED end to end)', async () => {
    origin = await TestOrigin.start();
    origin.set('/r', (r) => (r.headers['if-none-match'] === undefined ? { headers: { 'cache-control': 'max-age=0', etag: '"e"' }, body: 'x' } : { headers: { 'cache-control': 'max-age=0', etag: '"e"' } }));
    em = await startEmulator({ profile: testProfile({ shield: true, dialect: 'cloudfront' }), originUrl: origin.url });
    const pop = em.pops[0]?.url ?? '';
    await get(`${pop}/r`);
    const r = await get(`${pop}/r`);
    expect([r.status, r.body.toString(), r.headers['x-cache']]).toEqual([200, 'x', 'RefreshHit from cloudfront']);
    expect(getDialect('rfc9211').classify(headerGetter(r.headers)).cache).toBe('REVALIDATED');
  });
});
