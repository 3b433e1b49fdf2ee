import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, TestOrigin, testProfile, controlAuth } from '../../../test/helpers/test-origin.js';

const N = 200;
let origin: TestOrigin;
let em: RunningEmulator;
let pool: Pool;

afterEach(async () => {
  await pool.close();
  await em.close();
  await origin.close();
});

/** N concurrent first requests for one object at one PoP; origin takes 200 ms. */
async function burst(coalescing: boolean, cc = 'max-age=60'): Promise<{ fetches: number; collapsed: number; bodies: Set<string> }> {
  origin = await TestOrigin.start();
  origin.set('/album/track1.ogg', { headers: { 'cache-control': cc }, body: 'new track', delayMs: 200 });
  em = await startEmulator({ profile: testProfile({ coalescing }), originUrl: origin.url });
  const url = em.pops[0]?.url ?? '';
  pool = new Pool(url, { connections: N });
  // Open all N connections first (another object) so the burst is truly concurrent on a loaded machine.
  origin.set('/warm', { headers: { 'cache-control': 'max-age=60' }, body: 'warm', delayMs: 50 });
  const p = pool;
  await Promise.all(Array.from({ length: N }, async () => (await p.request({ method: 'GET', path: '/warm' })).body.dump()));
  const responses = await Promise.all(
    Array.from({ length: N }, async () => {
      const r = await pool.request({ method: 'GET', path: '/album/track1.ogg' });
      const body = await r.body.text();
      const cls = getDialect('rfc9211').classify(headerGetter(r.headers));
      return { body, collapsed: cls.collapsed === true };
    }),
  );
  return { fetches: origin.count('/album/track1.ogg'), collapsed: responses.filter((r) => r.collapsed).length, bodies: new Set(responses.map((r) => r.body)) };
}

describe('request coalescing', () => {
  it(`${N} concurrent misses → exactly 1 origin fetch with coalescing on`, async () => {
    const r = await burst(true);
    console.log(`coalescing on: ${N} requests → ${r.fetches} origin fetch(es), ${r.collapsed} collapsed`);
    expect(r.fetches).toBe(1);
    expect(r.collapsed).toBe(N - 1);
    expect([...r.bodies]).toEqual(['new track']);
  });

  it(`${N} concurrent misses → ${N} origin fetches with coalescing off`, async () => {
    const r = await burst(false);
    console.log(`coalescing off: ${N} requests → ${r.fetches} origin fetch(es)`);
    expect(r.fetches).toBe(N);
    expect(r.collapsed).toBe(0);
  });

  it('waiters do not share an uncacheable (private) response: each goes to the origin', async () => {
    const r = await burst(true, 'private, max-age=60');
    expect(r.fetches).toBe(N);
  });

  it('stats count requests, hits, misses and upstream fetches', async () => {
    await burst(true);
    await get(`${em.pops[0]?.url ?? ''}/album/track1.ogg`);
    const s = JSON.parse((await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString()) as { pops: Record<string, Record<string, number>> };
    // The burst's N connection warm-ups on /warm are misses too, coalesced into one upstream fetch.
    expect(s.pops.fra).toMatchObject({ requests: 2 * N + 1, hits: 1, misses: 2 * N, upstreamFetches: 2, bytesOut: (N + 1) * 'new track'.length + N * 'warm'.length });
  });
});
