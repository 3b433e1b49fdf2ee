import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, type Book } from '../../catalog/index.js';
import { control, fetchRaw } from '../../../test/helpers/origin-test-client.js';
import type { PublishResult } from './origin-state.js';
import { deltaPath, metaPath, tilePath } from './paths.js';
import { startOrigin, type RunningOrigin } from './start-origin.js';

let origin: RunningOrigin;

beforeAll(async () => {
  origin = await startOrigin({ catalog: { ...DEFAULT_CATALOG, books: 50, tracks: 100, albums: 5 }, token: 'right-token' });
});
afterAll(() => origin.close());
beforeEach(async () => {
  expect((await control(origin, 'POST', 'reset?state=1')).status).toBe(200);
});

/** ETag of every tile of `book` under `hash` in every language, keyed by path. */
async function tileEtags(book: Book, hash: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const lang of book.languages) {
    for (const range of origin.state.catalog.tileRanges(book)) {
      const path = tilePath(book.isbn, hash, lang, range);
      const res = await fetchRaw(origin.url + path);
      expect(res.status, path).toBe(200);
      out.set(path, `${res.headers.etag ?? ''} v${res.headers['x-cdnbench-object-version'] ?? ''} ${res.body.toString('base64')}`);
    }
  }
  return out;
}

function bookWithTiles(n: number): Book {
  const book = origin.state.catalog.books.find((b) => origin.state.catalog.tileCount(b) === n && b.languages.length > 1);
  if (book === undefined) throw new Error(`no book with ${n} tiles`);
  return book;
}

describe('control API authentication', () => {
  it('refuses missing and wrong tokens with 401 and changes nothing', async () => {
    const book = origin.state.catalog.bookAt(0);
    const hash = book.editions[0]?.hash ?? '';
    await fetchRaw(origin.url + metaPath(book.isbn), { headers: { 'x-cdnbench-edge': 'fra' } });
    const statsBefore = (await control(origin, 'GET', 'stats')).json;
    const etagsBefore = await tileEtags(book, hash);
    const statsAfterTiles = (await control(origin, 'GET', 'stats')).json;
    const album = origin.state.catalog.albumAt(0);
    for (const token of ['', 'wrong-token', 'right-token-', 'right-toke']) {
      for (const [method, path, body] of [
        ['GET', 'stats', undefined], ['POST', 'reset', undefined], ['POST', 'reset?state=1', undefined],
        ['POST', 'publish', { isbn: book.isbn, changePercent: 50 }], ['POST', 'publish', { mode: 'new-edition' }],
        ['POST', 'drop', { album: album.id, at: Date.now() + 3_600_000 }], ['POST', 'fault', { kind: 'error' }],
        ['GET', 'nope', undefined], ['PUT', 'stats', undefined],
      ] as const) {
        const res = await control(origin, method, path, body, token);
        expect(res.status, `${method} ${path} with "${token}"`).toBe(401);
        expect(res.json).toEqual({ error: 'missing or wrong bearer token' });
      }
    }
    const lower = await fetchRaw(`${origin.url}/__cdnbench/stats`, { headers: { authorization: 'Basic right-token' } });
    expect(lower.status).toBe(401);
    expect((await control(origin, 'GET', 'stats')).json).toEqual(statsAfterTiles);
    expect(statsAfterTiles).not.toEqual(statsBefore);
    expect(await tileEtags(book, hash)).toEqual(etagsBefore);
    expect(book.editions).toHaveLength(1);
    expect((await fetchRaw(`${origin.url}/audio/${album.tracks[0] ?? ''}/seek.json`)).status).toBe(200);
    expect((await fetchRaw(origin.url + metaPath(book.isbn))).status).toBe(200);
  });

  it('serves health without a token, 404s unknown paths and 405s wrong methods', async () => {
    const health = await fetchRaw(`${origin.url}/__cdnbench/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ ok: true });
    expect((await control(origin, 'GET', 'nope')).status).toBe(404);
    expect((await control(origin, 'GET', 'publish')).status).toBe(405);
    expect((await control(origin, 'POST', 'stats')).status).toBe(405);
    expect((await control(origin, 'POST', 'publish', { changePercent: 0 })).status).toBe(400);
    expect((await control(origin, 'POST', 'publish', { bogus: 1 })).status).toBe(400);
    expect((await control(origin, 'POST', 'publish', { isbn: '9780000000000' })).status).toBe(404);
    expect((await control(origin, 'POST', 'drop', { album: 'a9999' })).status).toBe(404);
    const bad = await fetchRaw(`${origin.url}/__cdnbench/publish`, { method: 'POST', headers: { authorization: 'bearer right-token' }, body: '{nope' });
    expect(bad.status).toBe(400);
  });
});

describe('publish', () => {
  it('changes round(N%) of the tiles, at least one: 3% of 30 → 1, 10% → 3, 0.1% → 1', async () => {
    const book = bookWithTiles(30);
    for (const [percent, expected] of [[3, 1], [10, 3], [0.1, 1], [100, 30]] as const) {
      const res = await control(origin, 'POST', 'publish', { isbn: book.isbn, changePercent: percent });
      expect((res.json as PublishResult).changedTiles, `${percent}%`).toHaveLength(expected);
    }
  });

  it.each(['in-place', 'new-edition'] as const)('%s: changes exactly the reported tiles', async (mode) => {
    const book = bookWithTiles(30);
    const oldHash = book.editions[0]?.hash ?? '';
    const before = await tileEtags(book, oldHash);
    const res = await control(origin, 'POST', 'publish', { isbn: book.isbn, changePercent: 10, mode });
    expect(res.status).toBe(200);
    const out = res.json as PublishResult;
    expect(out.mode).toBe(mode);
    expect(out.previousEdition).toEqual({ number: 1, hash: oldHash });
    expect(out.changedTiles).toHaveLength(3);
    expect(out.tags).toEqual(out.changedTiles.map((r) => `tile-${book.isbn}-${r}`));
    const newHash = out.edition.hash;
    expect(out.changedPaths).toEqual(book.languages.flatMap((l) => out.changedTiles.map((r) => `/maps/${book.isbn}/${newHash}/${l}/${r}.json`)));
    const changedUnderNew = new Set(out.changedPaths);
    if (mode === 'in-place') {
      expect(out.edition).toEqual(out.previousEdition);
      const after = await tileEtags(book, oldHash);
      for (const [path, value] of before) {
        if (changedUnderNew.has(path)) expect(after.get(path), path).not.toEqual(value);
        else expect(after.get(path), path).toBe(value);
      }
    } else {
      expect(out.edition.number).toBe(2);
      expect(newHash).not.toBe(oldHash);
      expect(await tileEtags(book, oldHash)).toEqual(before);
      const fresh = await tileEtags(book, newHash);
      for (const [path, value] of fresh) {
        const oldPath = path.replace(`/${newHash}/`, `/${oldHash}/`);
        const [oldEtag, oldVersion, oldBody = ''] = (before.get(oldPath) ?? '').split(' ');
        const [etag, version, body = ''] = value.split(' ');
        expect(etag, path).not.toBe(oldEtag);
        const sameMapping = JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64').toString()), edition: 0 }) ===
          JSON.stringify({ ...JSON.parse(Buffer.from(oldBody, 'base64').toString()), edition: 0 });
        expect(sameMapping, path).toBe(!changedUnderNew.has(path));
        expect(version === oldVersion, path).toBe(!changedUnderNew.has(path));
      }
      const meta = JSON.parse((await fetchRaw(origin.url + metaPath(book.isbn))).body.toString()) as { currentEdition: unknown; editions: unknown[] };
      expect(meta.currentEdition).toEqual(out.edition);
      expect(meta.editions).toHaveLength(2);
    }
    const delta = await fetchRaw(origin.url + deltaPath(book.isbn, newHash, oldHash));
    const expectedDelta = mode === 'in-place' ? [] : out.changedTiles;
    expect((JSON.parse(delta.body.toString()) as { changedTiles: string[] }).changedTiles).toEqual(expectedDelta);
  });

  it('is deterministic: the same publishes pick the same tiles after reset?state=1, by rank too', async () => {
    const first = (await control(origin, 'POST', 'publish', { rank: 2, changePercent: 20 })).json as PublishResult;
    expect(first.isbn).toBe(origin.state.catalog.bookAt(2).isbn);
    await control(origin, 'POST', 'reset?state=1');
    const again = (await control(origin, 'POST', 'publish', { rank: 2, changePercent: 20 })).json as PublishResult;
    expect(again.changedTiles).toEqual(first.changedTiles);
    const second = (await control(origin, 'POST', 'publish', { rank: 2, changePercent: 20 })).json as PublishResult;
    expect(second.changedTiles).not.toEqual(first.changedTiles);
    expect(second.revision).toBe(3);
  });
});
