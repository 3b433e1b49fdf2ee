import { describe, expect, it } from 'vitest';
import { Catalog } from './catalog.js';
import { DEFAULT_CATALOG, type CatalogConfig } from './catalog-config.js';
import { audioBytes, KBPS_TIERS } from './kbps.js';

const catalog = Catalog.create(DEFAULT_CATALOG);
const config = (patch: Partial<CatalogConfig>): CatalogConfig => ({ ...DEFAULT_CATALOG, ...patch });

describe('Catalog helpers', () => {
  it('tiles every book exactly once and maps pages to their tile', () => {
    const problems: string[] = [];
    catalog.books.forEach((book, b) => {
      const tiles = catalog.tileRanges(book);
      if (tiles.length !== catalog.tileCount(book)) problems.push(`book ${b} tile count`);
      let expected = 1;
      for (const tile of tiles) {
        const name = `book ${b} tile ${catalog.formatRange(tile)}`;
        if (tile.from !== expected) problems.push(`${name} should start at ${expected}`);
        if (tile.to - tile.from + 1 > 10 || tile.to < tile.from) problems.push(`${name} has a bad size`);
        for (const page of [tile.from, tile.to]) {
          const of = catalog.tileOfPage(book, page);
          if (of.from !== tile.from || of.to !== tile.to) problems.push(`${name} tileOfPage(${page})`);
        }
        if (!catalog.isTile(book, tile)) problems.push(`${name} is not a tile`);
        const parsed = catalog.parseRange(catalog.formatRange(tile));
        if (parsed?.from !== tile.from || parsed.to !== tile.to) problems.push(`${name} does not round-trip`);
        expected = tile.to + 1;
      }
      if (expected !== book.pages + 1) problems.push(`book ${b} tiles end at ${expected - 1} of ${book.pages}`);
      if (catalog.tileAt(book, tiles.length + 2).to !== book.pages) problems.push(`book ${b} tileAt is not clamped`);
    });
    expect(problems).toEqual([]);
  });

  it('gives consecutive pages contiguous byte ranges inside their chapter file', () => {
    const problems: string[] = [];
    for (const book of catalog.books.slice(0, 100)) {
      for (const kbps of KBPS_TIERS) {
        let prevEnd = -1;
        for (let page = 1; page <= book.pages; page++) {
          const chapter = catalog.chapterOfPage(book, page);
          const span = catalog.audioByteRangeForPage(book, page, kbps);
          const name = `${book.isbn} p${page} @${kbps}`;
          // A new chapter is a new file: its first page starts at byte 0.
          if (page === chapter.fromPage) prevEnd = -1;
          if (span.start !== prevEnd + 1) problems.push(`${name} starts at ${span.start}, expected ${prevEnd + 1}`);
          if (span.end < span.start) problems.push(`${name} is empty`);
          const fileEnd = catalog.trackBytes(chapter.track, kbps) - 1;
          if (span.end > fileEnd || (page === chapter.toPage && span.end !== fileEnd)) problems.push(`${name} end ${span.end}`);
          prevEnd = span.end;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(() => catalog.audioByteRangeForPage(catalog.bookAt(0), 0, 128)).toThrow(RangeError);
  });

  it('sizes track files by duration and bitrate', () => {
    const track = catalog.trackAt(0);
    expect(catalog.trackBytes(track.id, 128)).toBe(audioBytes(track.durationSec, 128));
  });

  it('finds next tracks within albums, books and catalog order, wrapping', () => {
    const album = catalog.albumAt(0);
    const first = album.tracks[0] ?? '';
    expect(catalog.nextTrack(first, 1)).toBe(album.tracks[1]);
    expect(catalog.nextTrack(first, album.tracks.length)).toBe(first);
    expect(catalog.nextTrack(first, -1)).toBe(album.tracks.at(-1));
    const lastSingle = catalog.trackAt(1999);
    expect(lastSingle.album).toBeNull();
    expect(catalog.nextTrack(catalog.trackAt(1998).id)).toBe(lastSingle.id);
    expect(catalog.nextTrack(lastSingle.id, 1)).toBe('t000000');
    const chapters = catalog.bookAt(0).chapters;
    expect(catalog.nextTrack(chapters[0]?.track ?? '', 2)).toBe(chapters[2]?.track);
    expect(catalog.nextTrack(chapters.at(-1)?.track ?? '', 1)).toBe(chapters[0]?.track);
  });

  it('appends editions deterministically', () => {
    const a = Catalog.create(config({ books: 3 }));
    const b = Catalog.create(config({ books: 3 }));
    const ed = a.addEdition(a.bookAt(1));
    expect(ed.number).toBe(2);
    expect(ed.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(ed.hash).not.toBe(a.bookAt(1).editions[0]?.hash);
    expect(a.currentEdition(a.bookAt(1))).toEqual(ed);
    expect(b.addEdition(b.bookAt(1))).toEqual(ed);
  });
});
