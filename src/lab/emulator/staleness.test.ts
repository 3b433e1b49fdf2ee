import { afterEach, describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, sleep, TestOrigin, testProfile, type TestResponse } from '../../../test/helpers/test-origin.js';

const rfc = (r: TestResponse): string => getDialect('rfc9211').classify(headerGetter(r.headers)).cache;
const cf = (r: TestResponse): string => getDialect('cloudflare').classify(headerGetter(r.headers)).cache;

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;

async function setup(dialect: 'rfc9211' | 'cloudflare' = 'rfc9211'): Promise<void> {
  origin = await TestOrigin.start();
  em = await startEmulator({ profile: testProfile({ dialect }), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
}
afterEach(async () => {
  await em.close();
  await origin.close();
});

describe('stale responses (RFC 9111 §4.3, RFC 5861)', () => {
  it('revalidates a stale entry with If-None-Match: one conditional request, 304 → REVALIDATED and refreshed headers', async () => {
    await setup();
    // `Age: 1` with `max-age=1` makes the stored copy stale on arrival; the 304 then grants a minute.
    origin.set('/etag', (r) =>
      r.headers['if-none-match'] === undefined
        ? { headers: { 'cache-control': 'max-age=1', age: '1', etag: '"v1"' }, body: 'version 1' }
        : { headers: { 'cache-control': 'max-age=60', etag: '"v1"' } },
    );
    expect(rfc(await get(`${pop}/etag`))).toBe('MISS');
    const second = await get(`${pop}/etag`);
    expect([second.status, second.body.toString(), rfc(second)]).toEqual([200, 'version 1', 'REVALIDATED']);
    expect(second.headers['cache-status']).toContain('fwd=stale; fwd-status=304');
    expect(origin.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    const third = await get(`${pop}/etag`);
    expect([rfc(third), origin.count('/etag')]).toEqual(['HIT', 2]);
  });

  it('replaces the entry when revalidation returns 200 (EXPIRED)', async () => {
    await setup('cloudflare');
    let version = 1;
    origin.set('/replace', () => ({ headers: { 'cache-control': 'max-age=1', age: '1', etag: `"v${version}"` }, body: `version ${version}` }));
    await get(`${pop}/replace`);
    version = 2;
    const r = await get(`${pop}/replace`);
    expect([r.body.toString(), cf(r), rfc(r)]).toEqual(['version 2', 'EXPIRED', 'EXPIRED']);
  });

  it('stale-while-revalidate serves stale at once while ONE background refresh runs', async () => {
    await setup('cloudflare');
    let version = 1;
    origin.set('/swr', () => {
      const first = version === 1;
      return { headers: { 'cache-control': 'max-age=1, stale-while-revalidate=30', ...(first ? { age: '1' } : {}) }, body: `v${version}`, delayMs: first ? 0 : 300 };
    });
    await get(`${pop}/swr`);
    version = 2;
    const t0 = performance.now();
    const stale = await Promise.all(Array.from({ length: 5 }, () => get(`${pop}/swr`)));
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(150); // the origin takes 300 ms: nobody waited for it
    expect(stale.map((r) => r.body.toString())).toEqual(['v1', 'v1', 'v1', 'v1', 'v1']);
    expect(stale.map(cf)).toEqual(['UPDATING', 'UPDATING', 'UPDATING', 'UPDATING', 'UPDATING']);
    expect(stale.map(rfc)).toEqual(['STALE', 'STALE', 'STALE', 'STALE', 'STALE']);
    expect(stale.filter((r) => r.headers['cache-status']?.includes('fwd=stale'))).toHaveLength(1);
    await sleep(450);
    expect(origin.count('/swr')).toBe(2);
    const fresh = await get(`${pop}/swr`);
    expect([fresh.body.toString(), cf(fresh)]).toEqual(['v2', 'HIT']);
  });

  it('stale-if-error serves stale on origin 503, then with the origin down; without it the error passes', async () => {
    await setup('cloudflare');
    let failing = false;
    const answer = (cc: string) => () => (failing ? { status: 503, body: 'down' } : { headers: { 'cache-control': cc, age: '1' }, body: 'good' });
    origin.set('/sie', answer('max-age=1, stale-if-error=60'));
    origin.set('/plain', answer('max-age=1'));
    await get(`${pop}/sie`);
    await get(`${pop}/plain`);
    failing = true;
    const on503 = await get(`${pop}/sie`);
    expect([on503.status, on503.body.toString(), cf(on503), rfc(on503)]).toEqual([200, 'good', 'STALE', 'STALE']);
    expect(on503.headers['cache-status']).toContain('fwd-status=503');
    const plain = await get(`${pop}/plain`);
    expect(plain.status).toBe(503);
    await origin.close();
    const down = await get(`${pop}/sie`);
    expect([down.status, down.body.toString(), cf(down)]).toEqual([200, 'good', 'STALE']);
    const plainDown = await get(`${pop}/plain`);
    expect(plainDown.status).toBe(502);
  });

  it('must-revalidate forbids serving stale even with stale-if-error', async () => {
    await setup();
    let failing = false;
    origin.set('/mr', () => (failing ? { status: 503 } : { headers: { 'cache-control': 'max-age=1, must-revalidate, stale-if-error=60', age: '1' }, body: 'x' }));
    await get(`${pop}/mr`);
    failing = true;
    expect((await get(`${pop}/mr`)).status).toBe(503);
  });
});
