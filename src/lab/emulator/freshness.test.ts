import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDialect } from '../../dialects/registry.js';
import { headerGetter } from '../../dialects/dialect.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, sleep, TestOrigin, testProfile, type TestResponse } from '../../../test/helpers/test-origin.js';

const rfc = (r: TestResponse): string => getDialect('rfc9211').classify(headerGetter(r.headers)).cache;

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;

beforeAll(async () => {
  origin = await TestOrigin.start();
  em = await startEmulator({ profile: testProfile(), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
});
afterAll(async () => {
  await em.close();
  await origin.close();
});

/** Two requests for `path`; returns both responses and how many reached the origin. */
async function twice(path: string): Promise<{ a: TestResponse; b: TestResponse; fetches: number }> {
  const a = await get(pop + path);
  const b = await get(pop + path);
  return { a, b, fetches: origin.count(path) };
}

describe('freshness (RFC 9111 §4.2)', () => {
  it('s-maxage beats max-age in a shared cache', async () => {
    origin.set('/smax', { headers: { 'cache-control': 'max-age=0, s-maxage=60' }, body: 'x' });
    const r = await twice('/smax');
    expect([rfc(r.a), rfc(r.b), r.fetches]).toEqual(['MISS', 'HIT', 1]);
    // And the other way round: s-maxage=0 makes a long max-age irrelevant to the PoP.
    origin.set('/smax0', { headers: { 'cache-control': 'max-age=60, s-maxage=0' }, body: 'x' });
    expect((await twice('/smax0')).fetches).toBe(2);
  });

  it.each(['private, max-age=60', 'no-store, max-age=60', 'public, max-age=60, no-store'])('"%s" is not stored', async (cc) => {
    const path = `/ns-${encodeURIComponent(cc)}`;
    origin.set(path, { headers: { 'cache-control': cc }, body: 'secret' });
    const r = await twice(path);
    expect(r.fetches).toBe(2);
    expect(r.b.headers['cache-status']).not.toContain('stored');
    expect(rfc(r.b)).toBe('MISS');
  });

  it('no-cache is stored but revalidated on every use', async () => {
    origin.set('/nc', { headers: { 'cache-control': 'no-cache', etag: '"n1"' }, body: 'x' });
    const r = await twice('/nc');
    expect(r.fetches).toBe(2);
    expect(rfc(r.b)).toBe('REVALIDATED');
  });

  it('Age is sent from cache, grows, and includes the upstream Age', async () => {
    origin.set('/age', { headers: { 'cache-control': 'max-age=60' }, body: 'x' });
    const first = await get(`${pop}/age`);
    expect(first.headers.age).toBe('0');
    await sleep(1100);
    const later = await get(`${pop}/age`);
    expect(rfc(later)).toBe('HIT');
    expect(Number(later.headers.age)).toBeGreaterThanOrEqual(1);
    origin.set('/age-up', { headers: { 'cache-control': 'max-age=60', age: '10' }, body: 'x' });
    await get(`${pop}/age-up`);
    expect(Number((await get(`${pop}/age-up`)).headers.age)).toBeGreaterThanOrEqual(10);
    // An upstream Age beyond the lifetime makes the object stale on arrival.
    origin.set('/age-old', { headers: { 'cache-control': 'max-age=5', age: '6' }, body: 'x' });
    expect((await twice('/age-old')).fetches).toBe(2);
  });

  it('Expires − Date is the lifetime when there is no max-age', async () => {
    const now = Date.now();
    origin.set('/exp', { headers: { date: new Date(now).toUTCString(), expires: new Date(now + 60_000).toUTCString() }, body: 'x' });
    expect((await twice('/exp')).fetches).toBe(1);
    origin.set('/exp-past', { headers: { date: new Date(now).toUTCString(), expires: new Date(now - 1000).toUTCString() }, body: 'x' });
    expect((await twice('/exp-past')).fetches).toBe(2);
    origin.set('/exp-bad', { headers: { expires: '0' }, body: 'x' });
    expect((await twice('/exp-bad')).fetches).toBe(2);
  });

  it('404 is cached only when Cache-Control says so; 5xx never', async () => {
    origin.set('/404-plain', { status: 404, body: 'nope' });
    expect((await twice('/404-plain')).fetches).toBe(2);
    origin.set('/404-cc', { status: 404, headers: { 'cache-control': 'max-age=5' }, body: 'nope' });
    const r = await twice('/404-cc');
    expect([r.b.status, rfc(r.b), r.fetches]).toEqual([404, 'HIT', 1]);
    origin.set('/500', { status: 500, headers: { 'cache-control': 'max-age=60' }, body: 'err' });
    const e = await twice('/500');
    expect([e.b.status, e.fetches]).toEqual([500, 2]);
  });

  it('CDN-Cache-Control overrides Cache-Control (RFC 9213)', async () => {
    origin.set('/cdncc', { headers: { 'cache-control': 'no-store', 'cdn-cache-control': 'max-age=60' }, body: 'x' });
    expect((await twice('/cdncc')).fetches).toBe(1);
  });

  it('methods other than GET/HEAD pass through uncached; HEAD is answered from the GET entry', async () => {
    origin.set('/post', { headers: { 'cache-control': 'max-age=60' }, body: 'posted' });
    const p1 = await get(`${pop}/post`, {}, { method: 'POST' });
    const p2 = await get(`${pop}/post`, {}, { method: 'POST' });
    expect([p1.body.toString(), rfc(p2), origin.count('/post')]).toEqual(['posted', 'BYPASS', 2]);
    origin.set('/head', { headers: { 'cache-control': 'max-age=60' }, body: 'twelve bytes' });
    const h = await get(`${pop}/head`, {}, { method: 'HEAD' });
    expect([h.status, h.headers['content-length'], h.body.length]).toEqual([200, '12', 0]);
    const g = await get(`${pop}/head`);
    expect([rfc(g), g.body.toString(), origin.requests.filter((q) => q.path === '/head').map((q) => q.method)]).toEqual(['HIT', 'twelve bytes', ['GET']]);
  });

  it('answers client conditionals from the entry (304 without a body, no origin request)', async () => {
    origin.set('/cond', { headers: { 'cache-control': 'max-age=60', etag: '"c1"', 'last-modified': 'Wed, 01 Jan 2025 00:00:00 GMT' }, body: 'x' });
    await get(`${pop}/cond`);
    const inm = await get(`${pop}/cond`, { 'if-none-match': 'W/"c1"' });
    const ims = await get(`${pop}/cond`, { 'if-modified-since': 'Thu, 02 Jan 2025 00:00:00 GMT' });
    const changed = await get(`${pop}/cond`, { 'if-none-match': '"other"' });
    expect([inm.status, inm.body.length, ims.status, changed.status, origin.count('/cond')]).toEqual([304, 0, 304, 200, 1]);
    expect(inm.headers.etag).toBe('"c1"');
  });
});
