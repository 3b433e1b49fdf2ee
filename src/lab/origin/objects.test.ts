import { decode } from 'cbor2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, KBPS_TIERS } from '../../catalog/index.js';
import { fetchRaw } from '../../../test/helpers/origin-test-client.js';
import { audioPath, deltaPath, metaPath, seekPath, syncPath, tilePath } from './paths.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';

let origin: RunningOrigin;
const get = (path: string, headers: Record<string, string> = {}): ReturnType<typeof fetchRaw> => fetchRaw(origin.url + path, { headers });

beforeAll(async () => {
  origin = await startOrigin({ catalog: DEFAULT_CATALOG, token: 't' });
});
afterAll(() => origin.close());

const SHORT = 'public, max-age=60, s-maxage=300, stale-while-revalidate=30, stale-if-error=300';
const LONG = 'public, max-age=86400, s-maxage=604800, immutable';

describe('origin objects', () => {
  it('serves a 3.5-minute 128 kbps track as 3,360,000 bytes (GET and HEAD)', async () => {
    const track = origin.state.catalog.tracks.find((t) => t.durationSec === 210);
    expect(track).toBeDefined();
    const path = audioPath(track?.id ?? '', 128);
    const head = await get(path, {});
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('3360000');
    expect(head.body.length).toBe(3_360_000);
    const onlyHead = await fetchRaw(origin.url + path, { method: 'HEAD' });
    expect(onlyHead.headers['content-length']).toBe('3360000');
    expect(onlyHead.headers.etag).toBe(head.headers.etag);
    expect(onlyHead.body.length).toBe(0);
    expect(head.headers['cache-control']).toBe(LONG);
  });

  it('serves every bitrate of music and chapter tracks at the catalog size', async () => {
    const chapter = origin.state.catalog.bookAt(3).chapters[1]?.track ?? '';
    for (const id of ['t000010', chapter]) {
      for (const kbps of KBPS_TIERS) {
        const res = await fetchRaw(origin.url + audioPath(id, kbps), { method: 'HEAD' });
        expect(res.status).toBe(200);
        expect(Number(res.headers['content-length'])).toBe(origin.state.catalog.trackBytes(id, kbps));
      }
    }
  });

  it('keeps tiles under 10 KB and metadata between 1 and 5 KB for the whole catalog', async () => {
    const { catalog } = origin.state;
    const book = catalog.bookAt(0);
    const hash = catalog.currentEdition(book).hash;
    for (const range of catalog.tileRanges(book)) {
      const res = await get(tilePath(book.isbn, hash, 'en', range));
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThan(10_000);
    }
    let min = Infinity;
    let max = 0;
    for (const b of catalog.books) {
      const res = await get(metaPath(b.isbn));
      min = Math.min(min, res.body.length);
      max = Math.max(max, res.body.length);
    }
    expect(min).toBeGreaterThanOrEqual(1024);
    expect(max).toBeLessThanOrEqual(5 * 1024);
  });

  it('serves a tile as JSON and, on Accept: application/cbor, as CBOR with Vary and its own ETag', async () => {
    const book = origin.state.catalog.bookAt(1);
    const hash = book.editions[0]?.hash ?? '';
    const path = tilePath(book.isbn, hash, book.languages[0] ?? 'en', { from: 11, to: 20 });
    const json = await get(path);
    const cbor = await get(path, { accept: 'application/cbor' });
    expect(json.headers['content-type']).toBe('application/json');
    expect(cbor.headers['content-type']).toBe('application/cbor');
    expect(json.headers.vary).toBe('Accept');
    expect(cbor.headers.vary).toBe('Accept');
    expect(cbor.headers.etag).not.toBe(json.headers.etag);
    const doc: unknown = JSON.parse(json.body.toString());
    expect(decode(cbor.body)).toEqual(doc);
    expect(doc).toMatchObject({ isbn: book.isbn, edition: hash, from: 11, to: 20, version: 1 });
    const pages = (doc as { pages: { page: number; t: number; chapter: string; byte: number }[] }).pages;
    expect(pages.map((p) => p.page)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    for (const p of pages) {
      expect(p.chapter).toBe(origin.state.catalog.chapterOfPage(book, p.page).track);
      expect(p.byte).toBe(origin.state.catalog.audioByteRangeForPage(book, p.page, 128).start);
    }
    expect((await get(path, { accept: 'application/json, application/cbor;q=0.5' })).headers['content-type']).toBe('application/json');
    expect((await get(path, { accept: '*/*' })).headers['content-type']).toBe('application/json');
  });

  it('sends cache, tag and origin headers by object class', async () => {
    const { catalog } = origin.state;
    const book = catalog.bookAt(2);
    const hash = book.editions[0]?.hash ?? '';
    const tile = await get(tilePath(book.isbn, hash, 'en', { from: 1, to: 10 }));
    const tags = tile.headers['surrogate-key']?.split(' ') ?? [];
    expect(tags).toEqual(expect.arrayContaining([`isbn-${book.isbn}`, `edition-${hash}`, `tile-${book.isbn}-1-10`, `track-${book.chapters[0]?.track ?? ''}`]));
    expect(tile.headers['cache-tag']).toBe(tags.join(','));
    expect(tile.headers.xkey).toBe(tags.join(' '));
    expect(tile.headers['cdn-tag']).toBe(tags.join(','));
    expect(tile.headers['edge-cache-tag']).toBe(tags.join(','));
    expect(tile.headers['cache-control']).toBe(SHORT);
    expect(tile.headers['x-cdnbench-origin']).toBe('1');
    expect(tile.headers['x-cdnbench-object-version']).toBe('1');
    expect(tile.headers['accept-ranges']).toBe('bytes');
    expect(tile.headers['last-modified']).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(tile.headers.etag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(tile.headers.date).toBeDefined();
    expect((await get(metaPath(book.isbn))).headers['cache-control']).toBe(SHORT);
    expect((await get(deltaPath(book.isbn, hash, hash))).headers['cache-control']).toBe(SHORT);
    const sync = await get(syncPath(book.isbn, '17'));
    expect(sync.headers['cache-control']).toBe('public, max-age=2');
    expect(sync.body.length).toBeLessThan(1024);
    const seek = await get(seekPath('t000000'));
    expect(seek.headers['cache-control']).toBe(LONG);
    expect(seek.headers['surrogate-key']).toBe('track-t000000 album-a0000');
    const chapterAudio = await fetchRaw(origin.url + audioPath(book.chapters[0]?.track ?? '', 96), { method: 'HEAD' });
    expect(chapterAudio.headers['surrogate-key']).toBe(`track-${book.chapters[0]?.track ?? ''} isbn-${book.isbn}`);
  });

  it('serves seek tables every 10 s for the five bitrates', async () => {
    const track = origin.state.catalog.trackAt(5);
    const doc = JSON.parse((await get(seekPath(track.id))).body.toString()) as { bitrates: Record<string, { t: number; byte: number }[]> };
    expect(Object.keys(doc.bitrates).sort((a, b) => Number(a) - Number(b))).toEqual(KBPS_TIERS.map(String));
    const rows = doc.bitrates['128'] ?? [];
    expect(rows).toHaveLength(Math.ceil(track.durationSec / 10));
    expect(rows[3]).toEqual({ t: 30, byte: 480_000 });
  });

  it('answers 404 (not stored) for unknown books, editions, languages, ranges and tracks', async () => {
    const { catalog } = origin.state;
    const book = catalog.bookAt(0);
    const hash = book.editions[0]?.hash ?? '';
    const missingLang = DEFAULT_CATALOG.languages.find((l) => !book.languages.includes(l)) ?? 'xx';
    for (const path of [
      tilePath('9780000000000', hash, 'en', { from: 1, to: 10 }),
      tilePath(book.isbn, '000000000000', 'en', { from: 1, to: 10 }),
      tilePath(book.isbn, hash, missingLang, { from: 1, to: 10 }),
      tilePath(book.isbn, hash, 'en', { from: 1, to: 9 }),
      tilePath(book.isbn, hash, 'en', { from: 2, to: 11 }),
      tilePath(book.isbn, hash, 'en', { from: 1000, to: 1009 }),
      `/maps/${book.isbn}/${hash}/en/01-10.json`,
      `/maps/${book.isbn}/${hash}/en/1-10.cbor`,
      deltaPath(book.isbn, hash, 'ffffffffffff'),
      metaPath('9780000000000'),
      `${metaPath(book.isbn)}/`,
      '/audio/t999999/128.ogg', '/audio/t000000/64.ogg', '/audio/t000000/0128.ogg', '/audio/nope/seek.json',
      '/', '/favicon.ico',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    expect((await fetchRaw(origin.url + metaPath(book.isbn), { method: 'POST' })).status).toBe(405);
  });
});
