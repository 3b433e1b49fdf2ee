import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { Catalog } from './catalog.js';
import { DEFAULT_CATALOG, type CatalogConfig } from './catalog-config.js';
import { isValidIsbn13 } from './isbn.js';
import { SECONDS_PER_PAGE } from './narration.js';

const catalog = Catalog.create(DEFAULT_CATALOG);
const config = (patch: Partial<CatalogConfig>): CatalogConfig => ({ ...DEFAULT_CATALOG, ...patch });

describe('Catalog determinism', () => {
  it('builds deep-equal catalogs from one config and different ones from another seed', () => {
    const again = Catalog.create(config({ languages: [...DEFAULT_CATALOG.languages] }));
    expect(again.books).toEqual(catalog.books);
    expect(again.tracks).toEqual(catalog.tracks);
    expect(again.albums).toEqual(catalog.albums);
    expect(again.fingerprint()).toBe(catalog.fingerprint());
    const other = Catalog.create(config({ seed: 43 }));
    expect(other.books).not.toEqual(catalog.books);
    expect(other.tracks).not.toEqual(catalog.tracks);
    expect(other.fingerprint()).not.toBe(catalog.fingerprint());
  });

  it('keeps an item the same when the counts around it change', () => {
    const small = Catalog.create(config({ books: 20, tracks: 300 }));
    expect(small.bookAt(17)).toEqual(catalog.bookAt(17));
    expect(small.trackAt(250).durationSec).toBe(catalog.trackAt(250).durationSec);
  });
});

describe('Catalog contents', () => {
  it('has the configured counts, valid unique ISBNs and unique ids', () => {
    expect(catalog.books).toHaveLength(1000);
    expect(catalog.tracks).toHaveLength(2000);
    expect(catalog.albums).toHaveLength(100);
    expect(catalog.books.every((b) => isValidIsbn13(b.isbn) && b.isbn.startsWith('978'))).toBe(true);
    expect(new Set(catalog.books.map((b) => b.isbn)).size).toBe(1000);
    const ids = [...catalog.tracks.map((t) => t.id), ...catalog.books.flatMap((b) => b.chapters.map((c) => c.track))];
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(catalog.albums.map((a) => a.id)).size).toBe(100);
    expect(catalog.trackAt(123).id).toBe('t000123');
    expect(catalog.albumAt(42).id).toBe('a0042');
  });

  it('gives books 120–600 pages, 1–3 languages starting with the first, one 12-hex edition', () => {
    const langCounts = new Set<number>();
    for (const book of catalog.books) {
      expect(book.pages).toBeGreaterThanOrEqual(120);
      expect(book.pages).toBeLessThanOrEqual(600);
      expect(book.languages[0]).toBe('en');
      expect(new Set(book.languages).size).toBe(book.languages.length);
      langCounts.add(book.languages.length);
      expect(book.editions).toHaveLength(1);
      expect(catalog.currentEdition(book).number).toBe(1);
      expect(catalog.currentEdition(book).hash).toMatch(/^[0-9a-f]{12}$/);
    }
    expect([...langCounts].sort()).toEqual([1, 2, 3]);
    expect(Catalog.create(config({ books: 5, languages: ['sv'] })).books.every((b) => b.languages.join() === 'sv')).toBe(true);
  });

  it('splits every book into 20–40-page chapters covering each page once, narrated at 60 s/page', () => {
    // Problems are collected and asserted once: an expect per chapter makes this test slow.
    const problems: string[] = [];
    catalog.books.forEach((book, b) => {
      let expected = 1;
      book.chapters.forEach((ch, c) => {
        const pages = ch.toPage - ch.fromPage + 1;
        const where = `book ${b} chapter ${c}`;
        if (ch.fromPage !== expected) problems.push(`${where} starts at ${ch.fromPage}, expected ${expected}`);
        if (pages < 20 || pages > 40) problems.push(`${where} has ${pages} pages`);
        if (ch.durationSec !== pages * SECONDS_PER_PAGE) problems.push(`${where} lasts ${ch.durationSec} s`);
        if (ch.track !== `b${b}c${c}`) problems.push(`${where} has track ${ch.track}`);
        const track = catalog.track(ch.track);
        if (track?.durationSec !== ch.durationSec || track.album !== null) problems.push(`${where} track lookup`);
        if (catalog.chapterOfPage(book, ch.fromPage) !== ch || catalog.chapterOfPage(book, ch.toPage) !== ch) {
          problems.push(`${where} chapterOfPage`);
        }
        expected = ch.toPage + 1;
      });
      if (expected !== book.pages + 1) problems.push(`book ${b} chapters end at ${expected - 1} of ${book.pages}`);
    });
    expect(problems).toEqual([]);
  });

  it('builds music tracks of 150–300 s and albums of 8–14 consecutive tracks, the rest singles', () => {
    expect(catalog.tracks.every((t) => t.durationSec >= 150 && t.durationSec <= 300)).toBe(true);
    let next = 0;
    for (const album of catalog.albums) {
      expect(album.tracks.length).toBeGreaterThanOrEqual(8);
      expect(album.tracks.length).toBeLessThanOrEqual(14);
      for (const id of album.tracks) {
        expect(id).toBe(catalog.trackAt(next++).id);
        expect(catalog.track(id)?.album).toBe(album.id);
      }
    }
    expect(catalog.tracks.slice(next).every((t) => t.album === null)).toBe(true);
  });

  it('shares out tracks when there are too few for the albums, and validates counts', () => {
    const tight = Catalog.create(config({ tracks: 25, albums: 10 }));
    expect(tight.albums.map((a) => a.tracks.length)).toEqual([3, 3, 3, 3, 3, 2, 2, 2, 2, 2]);
    const sparse = Catalog.create(config({ tracks: 3, albums: 5 }));
    expect(sparse.albums.map((a) => a.tracks.length)).toEqual([1, 1, 1, 0, 0]);
    for (const bad of [{ books: 0 }, { tracks: -1 }, { albums: 1.5 }, { pagesPerTile: 0 }, { languages: [] }]) {
      expect(() => Catalog.create(config(bad))).toThrow(RangeError);
    }
  });
});

describe('Catalog lookups and popularity', () => {
  it('resolves ids and rejects unknown ones', () => {
    const book = catalog.bookAt(3);
    expect(catalog.book(book.isbn)).toBe(book);
    expect(catalog.book('9780000000000')).toBeUndefined();
    expect(catalog.track('t000005')).toBe(catalog.trackAt(5));
    expect(catalog.track('nope')).toBeUndefined();
    expect(catalog.album('a0007')).toBe(catalog.albumAt(7));
    expect(catalog.album('a9999')).toBeUndefined();
    expect(() => catalog.bookAt(1000)).toThrow(RangeError);
    expect(() => catalog.trackAt(-1)).toThrow(RangeError);
    expect(() => catalog.trackBytes('nope', 128)).toThrow(RangeError);
  });

  it('picks by Zipf rank: index 0 is the most popular', () => {
    const rng = new Rng(1);
    let first = 0;
    let top10 = 0;
    for (let i = 0; i < 10_000; i++) {
      const book = catalog.pickBook(rng);
      if (book === catalog.bookAt(0)) first++;
      if (catalog.books.indexOf(book) < 10) top10++;
      catalog.pickTrack(rng);
      catalog.pickAlbum(rng);
    }
    expect(first / 10_000).toBeGreaterThan(0.3);
    expect(top10 / 10_000).toBeGreaterThan(0.74);
  });
});
