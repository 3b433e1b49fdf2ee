import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { parseRange } from './byte-ranges.js';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { get, TestOrigin, testProfile } from '../../../test/helpers/test-origin.js';

let origin: TestOrigin;
let em: RunningEmulator;
let pop: string;
const SIZE = 300_000;
const full = Buffer.alloc(SIZE);
for (let i = 0; i < SIZE; i++) full[i] = (i * 131 + (i >> 8)) & 0xff;

beforeAll(async () => {
  origin = await TestOrigin.start();
  // sliceBytes 0: these tests pin the whole-object behaviour (slices.test.ts covers slicing).
  em = await startEmulator({ profile: testProfile({ sliceBytes: 0 }), originUrl: origin.url });
  pop = em.pops[0]?.url ?? '';
  for (const p of ['/audio.ogg', '/miss.ogg', '/multi.ogg', '/416.ogg']) {
    origin.set(p, { headers: { 'cache-control': 'max-age=600', 'content-type': 'audio/ogg', etag: '"a1"' }, body: full });
  }
});
afterAll(async () => {
  await em.close();
  await origin.close();
});

describe('range requests', () => {
  it('serves byte-exact slices of the cached object for many random ranges', async () => {
    await get(`${pop}/audio.ogg`);
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const kind = rng.int(0, 2);
      const a = rng.int(0, SIZE - 1);
      const b = rng.int(a, Math.min(SIZE + 1000, a + 300_000));
      const header = kind === 0 ? `bytes=${a}-${b}` : kind === 1 ? `bytes=${a}-` : `bytes=-${rng.int(1, SIZE + 10)}`;
      const r = await get(`${pop}/audio.ogg`, { range: header });
      const want = parseRange(header, SIZE);
      if (want.kind !== 'ranges' || want.ranges[0] === undefined) throw new Error(`unexpected parse of ${header}`);
      const { start, end } = want.ranges[0];
      expect(r.status).toBe(206);
      expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
      expect(r.body.equals(full.subarray(start, end + 1))).toBe(true);
    }
    expect(origin.count('/audio.ogg')).toBe(1);
  });

  it('on a miss fetches the FULL object once, then serves the slice', async () => {
    const r = await get(`${pop}/miss.ogg`, { range: 'bytes=1000-1999' });
    expect([r.status, r.body.length, r.body.equals(full.subarray(1000, 2000))]).toEqual([206, 1000, true]);
    expect(origin.requests.filter((q) => q.path === '/miss.ogg').map((q) => q.headers.range)).toEqual([undefined]);
    const again = await get(`${pop}/miss.ogg`, { range: 'bytes=5000-5009' });
    expect([again.status, again.body.equals(full.subarray(5000, 5010)), origin.count('/miss.ogg')]).toEqual([206, true, 1]);
  });

  it('answers several ranges as multipart/byteranges', async () => {
    const r = await get(`${pop}/multi.ogg`, { range: 'bytes=0-9, 100-109' });
    expect(r.status).toBe(206);
    const type = r.headers['content-type'] ?? '';
    const boundary = /boundary=(.+)$/.exec(type)?.[1] ?? '';
    expect(type.startsWith('multipart/byteranges')).toBe(true);
    const text = r.body.toString('latin1');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(2);
    const bodies = parts.map((p) => Buffer.from(p.slice(p.indexOf('\r\n\r\n') + 4, -2), 'latin1'));
    expect(bodies[0]?.equals(full.subarray(0, 10))).toBe(true);
    expect(bodies[1]?.equals(full.subarray(100, 110))).toBe(true);
    expect(parts[1]).toContain(`Content-Range: bytes 100-109/${SIZE}`);
  });

  it('416 with Content-Range */size when nothing is satisfiable; invalid Range is ignored', async () => {
    const r = await get(`${pop}/416.ogg`, { range: `bytes=${SIZE}-` });
    expect([r.status, r.headers['content-range'], r.body.length]).toEqual([416, `bytes */${SIZE}`, 0]);
    const invalid = await get(`${pop}/416.ogg`, { range: 'bytes=9-3' });
    expect([invalid.status, invalid.body.length]).toEqual([200, SIZE]);
    const otherUnit = await get(`${pop}/416.ogg`, { range: 'items=0-3' });
    expect(otherUnit.status).toBe(200);
  });

  it('If-Range with a different validator gets the whole object', async () => {
    const r = await get(`${pop}/audio.ogg`, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect([r.status, r.body.length]).toEqual([200, SIZE]);
    const same = await get(`${pop}/audio.ogg`, { range: 'bytes=0-9', 'if-range': '"a1"' });
    expect(same.status).toBe(206);
  });
});

describe('parseRange', () => {
  it.each<[string, ReturnType<typeof parseRange>]>([
    ['bytes=0-0', { kind: 'ranges', ranges: [{ start: 0, end: 0 }] }],
    ['bytes=-5', { kind: 'ranges', ranges: [{ start: 95, end: 99 }] }],
    ['bytes=90-200', { kind: 'ranges', ranges: [{ start: 90, end: 99 }] }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-1', { kind: 'none' }],
    ['bytes=abc', { kind: 'none' }],
    ['bytes=', { kind: 'none' }],
  ])('%s of 100 bytes', (h, want) => {
    expect(parseRange(h, 100)).toEqual(want);
  });
});
