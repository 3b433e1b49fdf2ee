import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { getDialect } from '../../dialects/registry.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, postJson, TestOrigin, testProfile, type TestResponse, controlAuth } from '../../../test/helpers/test-origin.js';

const rfc = (r: TestResponse): string => getDialect('rfc9211').classify(headerGetter(r.headers)).cache;

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;

beforeAll(async () => {
  origin = await TestOrigin.start();
  // 50 000 bytes hold two 20 KB objects but not three.
  em = await startEmulator({ profile: testProfile({ cacheBytes: 50_000 }), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
});
afterAll(async () => {
  await em.close();
  await origin.close();
});

describe('cache key and bound', () => {
  it('Vary: Accept keeps one entry per Accept value', async () => {
    origin.set('/tile', (r) => ({
      headers: { 'cache-control': 'max-age=60', vary: 'Accept', 'content-type': r.headers.accept === 'application/cbor' ? 'application/cbor' : 'application/json' },
      body: r.headers.accept === 'application/cbor' ? 'CBOR' : 'JSON',
    }));
    const json = { accept: 'application/json' };
    const cbor = { accept: 'application/cbor' };
    const seq = [await get(`${pop}/tile`, json), await get(`${pop}/tile`, cbor), await get(`${pop}/tile`, json), await get(`${pop}/tile`, cbor)];
    expect(seq.map((r) => `${rfc(r)} ${r.body.toString()}`)).toEqual(['MISS JSON', 'MISS CBOR', 'HIT JSON', 'HIT CBOR']);
    expect(origin.count('/tile')).toBe(2);
    const stats = (await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString();
    expect((JSON.parse(stats) as { pops: Record<string, { cacheEntries: number }> }).pops.fra?.cacheEntries).toBe(2);
  });

  it('the query string is part of the key', async () => {
    origin.set('/q?a=1', { headers: { 'cache-control': 'max-age=60' }, body: 'one' });
    origin.set('/q?a=2', { headers: { 'cache-control': 'max-age=60' }, body: 'two' });
    expect((await get(`${pop}/q?a=1`)).body.toString()).toBe('one');
    expect((await get(`${pop}/q?a=2`)).body.toString()).toBe('two');
  });

  it('evicts the least recently used entry when the byte bound is exceeded', async () => {
    await postJson(`${em.controlUrl}/purge`, { all: true }, controlAuth(em));
    const big = Buffer.alloc(20_000, 0x61);
    for (const p of ['/a', '/b', '/c']) origin.set(p, { headers: { 'cache-control': 'max-age=60' }, body: big });
    await get(`${pop}/a`);
    await get(`${pop}/b`);
    expect(rfc(await get(`${pop}/a`))).toBe('HIT'); // /a is now more recent than /b
    await get(`${pop}/c`); // over the bound: /b goes
    expect(rfc(await get(`${pop}/a`))).toBe('HIT');
    expect(rfc(await get(`${pop}/b`))).toBe('MISS');
    const stats = JSON.parse((await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString()) as { pops: Record<string, { cacheBytes: number }> };
    expect(stats.pops.fra?.cacheBytes).toBeLessThanOrEqual(50_000);
  });

  it('never stores an object larger than the bound', async () => {
    origin.set('/huge', { headers: { 'cache-control': 'max-age=60' }, body: Buffer.alloc(60_000) });
    await get(`${pop}/huge`);
    const r = await get(`${pop}/huge`);
    expect([r.body.length, rfc(r)]).toEqual([60_000, 'MISS']);
  });
});
