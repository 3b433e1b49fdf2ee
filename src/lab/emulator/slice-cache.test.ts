import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator.js';
import type { EmulatorProfileInput } from './emulator-profile.js';
import { get, type OriginAnswer, postJson, TestOrigin, testProfile, controlAuth } from '../../../test/helpers/test-origin.js';

const S = 64 * 1024;
const SIZE = 5_000_000;
const PATH = '/audio/b1c1/24.ogg';
const RANGE = 'bytes=100000-250000'; // slices 1, 2 and 3
const bytes = (salt: number): Buffer => {
  const b = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i++) b[i] = (i * 31 + (i >> 9) + salt) & 0xff;
  return b;
};
const v1 = bytes(1);
const v2 = bytes(2);

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;

afterEach(async () => {
  await em.close();
  await origin.close();
});

async function setup(answer: OriginAnswer | (() => OriginAnswer), overrides: Partial<EmulatorProfileInput> = {}): Promise<void> {
  origin = await TestOrigin.start();
  origin.set(PATH, answer);
  em = await startEmulator({ profile: testProfile({ sliceBytes: S, ...overrides }), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
}

const answer = (body: Buffer, etag: string, cc = 'max-age=600'): OriginAnswer => ({
  headers: { 'cache-control': cc, 'content-type': 'audio/ogg', etag, 'surrogate-key': 'track-b1c1 book-1' },
  body,
  ranges: true,
});

async function range(header = RANGE): Promise<{ status: number; ok: boolean; cacheStatus: string }> {
  const r = await get(pop + PATH, { range: header });
  const [a = '', b = ''] = header.slice(6).split('-');
  return { status: r.status, ok: r.body.equals(v1.subarray(Number(a), Number(b) + 1)), cacheStatus: r.headers['cache-status'] ?? '' };
}

describe('slice purges', () => {
  it.each([
    ['URL', { urls: [PATH] }],
    ['tag', { tags: ['track-b1c1'] }],
  ])('purge by %s removes every slice of the object: the next request misses every slice', async (_kind, purge) => {
    await setup(answer(v1, '"v1"'));
    await range();
    await range('bytes=4000000-4100000');
    expect(origin.count(PATH)).toBe(5);
    expect((await range()).cacheStatus).toMatch(/; hit/);
    const p = await postJson(`${em.controlUrl}/purge`, purge, controlAuth(em));
    expect(p.status).toBe(200);
    const stats = JSON.parse((await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString()) as { pops: Record<string, { cacheEntries: number }> };
    expect(stats.pops.fra?.cacheEntries).toBe(0);
    const after = await range();
    expect([after.status, after.ok, after.cacheStatus]).toEqual([206, true, expect.stringMatching(/fwd=miss/)]);
    expect(origin.count(PATH)).toBe(8);
  });
});

describe('slice coalescing', () => {
  it.each([
    ['on', true, 3],
    ['off', false, 150],
  ])('50 concurrent identical range misses over 3 slices, coalescing %s → %i origin fetches', async (_label, coalescing, fetches) => {
    await setup({ ...answer(v1, '"v1"'), delayMs: 100 }, { coalescing });
    const pool = new Pool(pop, { connections: 50 });
    try {
      const bodies = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const r = await pool.request({ method: 'GET', path: PATH, headers: { range: RANGE } });
          return { status: r.statusCode, body: Buffer.from(await r.body.arrayBuffer()) };
        }),
      );
      expect(bodies.every((b) => b.status === 206 && b.body.equals(v1.subarray(100000, 250001)))).toBe(true);
    } finally {
      await pool.close();
    }
    console.log(`coalescing ${coalescing ? 'on' : 'off'}: 50 range requests over 3 slices → ${origin.count(PATH)} origin fetches`);
    expect(origin.count(PATH)).toBe(fetches);
    if (coalescing) expect(new Set(origin.requests.map((q) => q.headers.range)).size).toBe(3);
  });
});

describe('slices across object versions and lifetimes', () => {
  it('slices of two versions are never spliced: mismatched slices are dropped and fetched again', async () => {
    let current = answer(v1, '"v1"');
    await setup(() => current);
    expect((await range('bytes=0-1000')).ok).toBe(true); // slice 0 of v1 cached
    current = answer(v2, '"v2"');
    const r = await get(pop + PATH, { range: `bytes=${S - 10}-${S + 10}` }); // slice 0 (v1, cached) + slice 1 (v2)
    expect([r.status, r.body.equals(v2.subarray(S - 10, S + 11))]).toEqual([206, true]);
    expect(origin.count(PATH)).toBe(4); // slice 0 (v1); slice 1 (v2) → mismatch → slices 0 and 1 again
    const again = await get(pop + PATH, { range: 'bytes=0-1000' });
    expect(again.body.equals(v2.subarray(0, 1001))).toBe(true);
  });

  it('stale slices are revalidated with a conditional Range request (304 → REVALIDATED)', async () => {
    await setup(answer(v1, '"v1"', 'max-age=0'));
    await range();
    const r = await range();
    expect([r.status, r.ok, r.cacheStatus]).toEqual([206, true, expect.stringMatching(/fwd=stale/)]);
    const conditional = origin.requests.slice(3);
    expect(conditional.map((q) => [q.headers['if-none-match'], q.headers.range?.startsWith('bytes=')])).toEqual(Array(3).fill(['"v1"', true]));
  });

  it('client validators matching the slices get 304', async () => {
    await setup(answer(v1, '"v1"'));
    const r = await get(pop + PATH, { range: RANGE, 'if-none-match': '"v1"' });
    expect([r.status, r.body.length, r.headers['content-range']]).toEqual([304, 0, undefined]);
  });

  it('If-Range matching the slices keeps the range; a different validator gets the whole object (200)', async () => {
    await setup(answer(v1, '"v1"'));
    const same = await get(pop + PATH, { range: RANGE, 'if-range': '"v1"' });
    expect([same.status, same.body.equals(v1.subarray(100000, 250001))]).toEqual([206, true]);
    const other = await get(pop + PATH, { range: RANGE, 'if-range': '"v0"' });
    expect([other.status, other.body.length]).toEqual([200, SIZE]);
  });

  it('a suffix range learns the size from slice 0 and reports MISS even when only slice 0 was fetched', async () => {
    await setup(answer(v1, '"v1"'));
    const r = await get(pop + PATH, { range: 'bytes=-100' });
    expect([r.status, r.headers['content-range'], r.body.equals(v1.subarray(SIZE - 100))]).toEqual([206, `bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`, true]);
    expect(r.headers['cache-status']).toMatch(/fwd=miss/);
    expect((await get(pop + PATH, { range: 'bytes=-100' })).headers['cache-status']).toMatch(/; hit/);
    expect(origin.requests.map((q) => q.headers.range)).toEqual([`bytes=0-${S - 1}`, `bytes=${76 * S}-${77 * S - 1}`]);
  });

  it('behind a shield both tiers slice: the origin sees only aligned slice requests, once', async () => {
    await setup(answer(v1, '"v1"'), { shield: true, pops: [{ id: 'fra' }, { id: 'iad' }] });
    for (const p of em.pops) {
      const r = await get(p.url + PATH, { range: RANGE });
      expect([r.status, r.body.equals(v1.subarray(100000, 250001))]).toEqual([206, true]);
    }
    expect(origin.requests.map((q) => q.headers.range)).toEqual([1, 2, 3].map((k) => `bytes=${k * S}-${(k + 1) * S - 1}`));
  });
});
