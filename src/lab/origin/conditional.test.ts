import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from '../../catalog/index.js';
import { fetchRaw } from '../../../test/helpers/origin-test-client.js';
import { audioPath, metaPath, tilePath } from './paths.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';
import { httpDate, ORIGIN_EPOCH_SEC } from './validators.js';

let origin: RunningOrigin;
let paths: string[];

beforeAll(async () => {
  origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 10, tracks: 30, albums: 2 }, token: 't' });
  const book = origin.state.catalog.bookAt(0);
  paths = [tilePath(book.isbn, book.editions[0]?.hash ?? '', 'en', { from: 1, to: 10 }), metaPath(book.isbn), '/audio/t000001/seek.json', audioPath('t000001', 24)];
});
afterAll(() => origin.close());

const get = (path: string, headers: Record<string, string> = {}): ReturnType<typeof fetchRaw> => fetchRaw(origin.url + path, { headers });

describe('conditional requests', () => {
  it('answers If-None-Match with the current ETag by 304 with the same validators and no body', async () => {
    for (const path of paths) {
      const first = await get(path);
      const again = await get(path, { 'if-none-match': first.headers.etag ?? '' });
      expect(again.status, path).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
      expect(again.headers['surrogate-key']).toBe(first.headers['surrogate-key']);
      expect((await get(path, { 'if-none-match': `"x", W/${first.headers.etag ?? ''}` })).status).toBe(304);
      expect((await get(path, { 'if-none-match': '*' })).status).toBe(304);
    }
  });

  it('answers a stale ETag with 200 and the full body', async () => {
    for (const path of paths) {
      const res = await get(path, { 'if-none-match': '"0123456789abcdef0123"' });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(Number(res.headers['content-length']));
    }
  });

  it('answers If-Modified-Since by Last-Modified, and lets If-None-Match win when both are sent', async () => {
    const [path = ''] = paths;
    const lm = httpDate(ORIGIN_EPOCH_SEC);
    expect((await get(path, { 'if-modified-since': lm })).status).toBe(304);
    expect((await get(path, { 'if-modified-since': httpDate(ORIGIN_EPOCH_SEC + 3600) })).status).toBe(304);
    expect((await get(path, { 'if-modified-since': httpDate(ORIGIN_EPOCH_SEC - 1) })).status).toBe(200);
    expect((await get(path, { 'if-modified-since': 'not a date' })).status).toBe(200);
    expect((await get(path, { 'if-modified-since': lm, 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('moves ETag and Last-Modified of a published tile, and only then answers a stale validator with 200', async () => {
    const book = origin.state.catalog.bookAt(0);
    const before = await get(paths[0] ?? '');
    const published = origin.state.publish({ isbn: book.isbn, changePercent: 100, mode: 'in-place' });
    expect(published.changedTiles).toContain('1-10');
    const after = await get(paths[0] ?? '', { 'if-none-match': before.headers.etag ?? '' });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.headers['x-cdnbench-object-version']).toBe('2');
    const ims = await get(paths[0] ?? '', { 'if-modified-since': before.headers['last-modified'] ?? '' });
    expect(ims.status).toBe(200);
    expect((await get(paths[0] ?? '', { 'if-none-match': after.headers.etag ?? '' })).status).toBe(304);
  });
});
