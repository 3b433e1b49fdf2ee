import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, TestOrigin, testProfile, controlAuth } from '../../../test/helpers/test-origin.js';

const S = 64 * 1024;
const SIZE = 1_000_003; // 16 slices, the last one partial
const BIG = 5_000_000;
const bytes = (n: number, salt: number): Buffer => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 131 + (i >> 8) + salt) & 0xff;
  return b;
};
const body = bytes(SIZE, 0);
const big = bytes(BIG, 7);
const HEADERS = { 'cache-control': 'max-age=600', 'content-type': 'audio/ogg', etag: '"v1"' };

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;

beforeAll(async () => {
  origin = await TestOrigin.start();
  em = await startEmulator({ profile: testProfile({ sliceBytes: S }), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
  origin.set('/exact.ogg', { headers: HEADERS, body, ranges: true });
  origin.set('/416.ogg', { headers: HEADERS, body, ranges: true });
  for (const p of ['/chapter.ogg', '/chapter2.ogg']) origin.set(p, { headers: HEADERS, body: big, ranges: true });
  origin.set('/no-ranges.ogg', { headers: HEADERS, body });
});
afterAll(async () => {
  await em.close();
  await origin.close();
});

/** The span a single range means for `size` bytes, computed here independently of the emulator. */
function expected(header: string, size: number): { start: number; end: number } {
  const [a = '', b = ''] = header.slice('bytes='.length).split('-');
  if (a === '') return { start: Math.max(0, size - Number(b)), end: size - 1 };
  return { start: Number(a), end: b === '' ? size - 1 : Math.min(Number(b), size - 1) };
}

async function check(path: string, header: string, full: Buffer): Promise<string> {
  const r = await get(pop + path, { range: header });
  const { start, end } = expected(header, full.length);
  expect(r.status, header).toBe(206);
  expect(r.headers['content-range'], header).toBe(`bytes ${start}-${end}/${full.length}`);
  expect(r.headers['content-length'], header).toBe(String(end - start + 1));
  expect(r.body.equals(full.subarray(start, end + 1)), header).toBe(true);
  return r.headers['cache-status'] ?? '';
}

/** Every range the origin was asked for by the PoP is one aligned slice. */
function expectAlignedFetches(path: string): void {
  for (const q of origin.requests.filter((x) => x.path === path)) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(q.headers.range ?? '');
    expect(m, q.headers.range).not.toBeNull();
    const [a, b] = [Number(m?.[1]), Number(m?.[2])];
    expect([a % S, b - a + 1]).toEqual([0, S]);
  }
}

describe('slice caching: byte-exact answers', () => {
  it('every 206 body equals the same bytes of the object, for 300 seeded random ranges', async () => {
    const rng = new Rng(11);
    for (let i = 0; i < 300; i++) {
      const kind = rng.int(0, 2);
      const a = rng.int(0, SIZE - 1);
      const b = rng.int(a, Math.min(SIZE + 5000, a + 3 * S));
      await check('/exact.ogg', kind === 0 ? `bytes=${a}-${b}` : kind === 1 ? `bytes=${a}-` : `bytes=-${rng.int(1, SIZE + 10)}`, body);
    }
    expectAlignedFetches('/exact.ogg');
    expect(origin.count('/exact.ogg')).toBeLessThanOrEqual(Math.ceil(SIZE / S));
  });

  it.each([
    ['across one boundary', `bytes=${S - 6}-${S + 9}`],
    ['across three boundaries', `bytes=${S - 1}-${4 * S}`],
    ['exactly one slice', `bytes=${S}-${2 * S - 1}`],
    ['inside the last, partial slice', `bytes=${SIZE - 100}-${SIZE - 1}`],
    ['open end into the last slice', `bytes=${15 * S - 3}-`],
    ['last byte', `bytes=${SIZE - 1}-`],
    ['end past the size', `bytes=${SIZE - 10}-${SIZE + 1000}`],
    ['suffix inside the last slice', 'bytes=-10'],
    ['suffix over several slices', `bytes=-${2 * S + 5}`],
    ['suffix longer than the object', `bytes=-${SIZE * 2}`],
    ['the whole object', 'bytes=0-'],
  ])('%s', async (_name, header) => {
    await check('/exact.ogg', header, body);
  });

  it('416 with Content-Range */size: past the end of the last slice, past every slice, and -0', async () => {
    for (const header of [`bytes=${SIZE}-`, `bytes=${SIZE + 10 * S}-${SIZE + 11 * S}`, 'bytes=-0']) {
      const r = await get(`${pop}/416.ogg`, { range: header });
      expect([r.status, r.headers['content-range'], r.body.length], header).toEqual([416, `bytes */${SIZE}`, 0]);
    }
    // The origin's 416 answers a range, not the URL: a plain GET afterwards still gets the object.
    const all = await get(`${pop}/416.ogg`);
    expect([all.status, all.body.length]).toEqual([200, SIZE]);
  });

  it('several ranges and invalid ranges keep the whole-object behaviour', async () => {
    const multi = await get(`${pop}/exact.ogg`, { range: 'bytes=0-9, 100-109' });
    expect([multi.status, multi.headers['content-type']?.startsWith('multipart/byteranges')]).toEqual([206, true]);
    const invalid = await get(`${pop}/exact.ogg`, { range: 'bytes=9-3' });
    expect([invalid.status, invalid.body.length]).toEqual([200, SIZE]);
  });
});

describe('slice caching: upstream traffic and reuse', () => {
  it('a 100 KB range of a 5 MB object fetches only the two slices it touches', async () => {
    const status = await check('/chapter.ogg', 'bytes=1000000-1099999', big);
    const fetched = origin.requests.filter((q) => q.path === '/chapter.ogg');
    console.log(`100 KB range of 5 MB: ${fetched.length} origin requests, ${origin.bytesSent('/chapter.ogg')} bytes (whole object: ${BIG})`);
    expect(fetched.map((q) => q.headers.range)).toEqual([`bytes=${15 * S}-${16 * S - 1}`, `bytes=${16 * S}-${17 * S - 1}`]);
    expect(origin.bytesSent('/chapter.ogg')).toBe(2 * S);
    expect(status).toMatch(/fwd=miss/);
  });

  it('the same range again is a HIT with no upstream request; an overlapping one fetches only new slices', async () => {
    const before = origin.count('/chapter.ogg');
    expect(await check('/chapter.ogg', 'bytes=1000000-1099999', big)).toMatch(/; hit/);
    expect(origin.count('/chapter.ogg')).toBe(before);
    expect(await check('/chapter.ogg', 'bytes=1050000-1200000', big)).toMatch(/fwd=miss/);
    const after = origin.requests.filter((q) => q.path === '/chapter.ogg').slice(before).map((q) => q.headers.range);
    expect(after).toEqual([`bytes=${17 * S}-${18 * S - 1}`, `bytes=${18 * S}-${19 * S - 1}`]);
    expect(await check('/chapter.ogg', 'bytes=1048000-1240000', big)).toMatch(/; hit/);
    expect(origin.count('/chapter.ogg')).toBe(before + 2);
  });

  it('the 5 MB object is held as slices only: the whole cache stays below its size', async () => {
    const s = JSON.parse((await get(`${em.controlUrl}/__cdnbench/stats`, controlAuth(em))).body.toString()) as { pops: Record<string, { cacheBytes: number }> };
    expect(s.pops.fra?.cacheBytes).toBeLessThan(BIG);
  });

  it('an origin that answers 200 to a slice request gets the whole-object behaviour', async () => {
    const r = await get(`${pop}/no-ranges.ogg`, { range: 'bytes=70000-70009' });
    expect([r.status, r.headers['content-range'], r.body.equals(body.subarray(70000, 70010))]).toEqual([206, `bytes 70000-70009/${SIZE}`, true]);
    const again = await get(`${pop}/no-ranges.ogg`, { range: `bytes=${5 * S}-${6 * S}` });
    expect([again.status, again.body.equals(body.subarray(5 * S, 6 * S + 1)), again.headers['cache-status']]).toEqual([206, true, expect.stringMatching(/; hit/)]);
    expect(origin.count('/no-ranges.ogg')).toBe(1);
  });
});

describe('sliceBytes: 0', () => {
  it('a range miss fetches the whole object once, without a Range header', async () => {
    const o = await TestOrigin.start();
    const e = await startEmulator({ profile: testProfile({ sliceBytes: 0 }), originUrl: o.url });
    try {
      o.set('/chapter.ogg', { headers: HEADERS, body: big, ranges: true });
      const r = await get(`${e.pops[0]?.url ?? ''}/chapter.ogg`, { range: 'bytes=1000000-1099999' });
      expect([r.status, r.body.equals(big.subarray(1000000, 1100000))]).toEqual([206, true]);
      expect(o.requests.map((q) => q.headers.range)).toEqual([undefined]);
      expect(o.bytesSent()).toBe(BIG);
    } finally {
      await e.close();
      await o.close();
    }
  });
});
