import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/index.js';
import { Rng } from '../../util/rng.js';
import { AudioContent } from './audio-content.js';
import { fetchRaw } from '../../../test/helpers/origin-test-client.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';

let origin: RunningOrigin;
let full: Buffer;
let fullHeaders: Record<string, string>;
const path = '/audio/t000003/24.ogg';

beforeAll(async () => {
  origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 5, tracks: 50, albums: 3 }, token: 't' });
  const res = await fetchRaw(origin.url + path);
  expect(res.status).toBe(200);
  full = res.body;
  fullHeaders = res.headers;
});
afterAll(() => origin.close());

const get = (range: string, extra: Record<string, string> = {}): ReturnType<typeof fetchRaw> =>
  fetchRaw(origin.url + path, { headers: { range, ...extra } });

/** Splits a multipart/byteranges body into its parts (headers lower-cased). */
function parseMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; data: Buffer }[] {
  const boundary = /boundary=(\S+)/.exec(contentType)?.[1] ?? '';
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: Record<string, string>; data: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const afterDelim = at + delimiter.length;
    if (body.subarray(afterDelim, afterDelim + 2).toString() === '--') break;
    const headEnd = body.indexOf('\r\n\r\n', afterDelim);
    const head = body.subarray(afterDelim + 2, headEnd).toString('latin1');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd);
    const headers = Object.fromEntries(head.split('\r\n').map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    parts.push({ headers, data: body.subarray(headEnd + 4, next) });
    at = next + 2;
  }
  return parts;
}

describe('HTTP Range on audio', () => {
  it('serves the full file with Accept-Ranges and the catalog size', () => {
    const size = origin.state.catalog.trackBytes('t000003', 24);
    expect(full.length).toBe(size);
    expect(fullHeaders['accept-ranges']).toBe('bytes');
    expect(fullHeaders['content-length']).toBe(String(size));
    expect(fullHeaders['content-type']).toBe('audio/ogg');
    // The bytes are the seeded generator's, so another process with the same seed serves the same file.
    expect(full.equals(new AudioContent(DEFAULT_CATALOG.seed).bytes('t000003', 24, 0, size - 1))).toBe(true);
  });

  it('answers every single range with exactly the same slice of the full body', async () => {
    const size = full.length;
    const rng = new Rng(7);
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0], [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1], [`bytes=0-${size - 1}`, 0, size - 1],
      ['bytes=0-', 0, size - 1], ['bytes=100-', 100, size - 1], ['bytes=-1', size - 1, size - 1], ['bytes=-500', size - 500, size - 1],
      [`bytes=-${size + 10}`, 0, size - 1], [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1], ['bytes=65530-65545', 65530, 65545],
    ];
    for (let i = 0; i < 120; i++) {
      const a = rng.int(0, size - 1);
      const b = rng.int(a, Math.min(size - 1, a + rng.int(0, 300_000)));
      cases.push([`bytes=${a}-${b}`, a, b]);
      if (i % 4 === 0) cases.push([`bytes=${a}-`, a, size - 1]);
      if (i % 4 === 1) cases.push([`bytes=-${b - a + 1}`, size - (b - a + 1), size - 1]);
    }
    const problems: string[] = [];
    for (const [range, start, end] of cases) {
      const res = await get(range);
      if (res.status !== 206) problems.push(`${range}: status ${res.status}`);
      if (res.headers['content-range'] !== `bytes ${start}-${end}/${size}`) problems.push(`${range}: content-range ${res.headers['content-range']}`);
      if (res.headers['content-length'] !== String(end - start + 1)) problems.push(`${range}: content-length`);
      if (!res.body.equals(full.subarray(start, end + 1))) problems.push(`${range}: bytes differ`);
    }
    expect(problems).toEqual([]);
  });

  it('answers multiple ranges with a multipart/byteranges body whose parts match', async () => {
    const size = full.length;
    const rng = new Rng(11);
    for (let round = 0; round < 10; round++) {
      const spans = Array.from({ length: rng.int(2, 6) }, () => {
        const a = rng.int(0, size - 1);
        return [a, Math.min(size - 1, a + rng.int(0, 100_000))] as const;
      });
      const res = await get(`bytes=${spans.map(([a, b]) => `${a}-${b}`).join(', ')}`);
      expect(res.status).toBe(206);
      expect(res.headers['content-type']).toMatch(/^multipart\/byteranges; boundary=/);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      const parts = parseMultipart(res.body, res.headers['content-type'] ?? '');
      expect(parts).toHaveLength(spans.length);
      parts.forEach((part, i) => {
        const [a, b] = spans[i] ?? [0, 0];
        expect(part.headers['content-type']).toBe('audio/ogg');
        expect(part.headers['content-range']).toBe(`bytes ${a}-${b}/${size}`);
        expect(part.data.equals(full.subarray(a, b + 1))).toBe(true);
      });
    }
  });

  it('answers 416 with bytes */size when no range is satisfiable', async () => {
    const size = full.length;
    for (const range of [`bytes=${size}-`, `bytes=${size}-${size + 5}`, `bytes=${size + 100}-${size + 200}`, 'bytes=-0']) {
      const res = await get(range);
      expect(res.status, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${size}`);
      expect(res.body.length).toBe(0);
    }
  });

  it('ignores malformed Range headers and ranges on HEAD (200, full length)', async () => {
    for (const range of ['bytes=5-1', 'bytes=abc', 'pages=1-2', 'bytes=']) {
      const res = await get(range);
      expect(res.status, range).toBe(200);
      expect(res.body.equals(full)).toBe(true);
    }
    const head = await fetchRaw(origin.url + path, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(full.length));
    expect(head.body.length).toBe(0);
  });

  it('honours If-Range only when the validator matches', async () => {
    const { headers } = await fetchRaw(origin.url + path, { method: 'HEAD' });
    const etag = headers.etag ?? '';
    expect((await get('bytes=0-9', { 'if-range': etag })).status).toBe(206);
    expect((await get('bytes=0-9', { 'if-range': headers['last-modified'] ?? '' })).status).toBe(206);
    const stale = await get('bytes=0-9', { 'if-range': '"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(full.length);
  });

  it('serves ranges of JSON objects too', async () => {
    const isbn = origin.state.catalog.bookAt(0).isbn;
    const meta = await fetchRaw(`${origin.url}/meta/${isbn}.json`);
    const part = await fetchRaw(`${origin.url}/meta/${isbn}.json`, { headers: { range: 'bytes=10-49' } });
    expect(part.status).toBe(206);
    expect(part.body.equals(meta.body.subarray(10, 50))).toBe(true);
  });
});
