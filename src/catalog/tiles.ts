/**
 * Page ↔ mapping-tile arithmetic. A tile covers `pagesPerTile` pages (the `{from}-{to}` segment of
 * `/maps/{isbn}/{edition-hash}/{lang}/{from}-{to}.json`); the last tile of a book may be short.
 */
import type { TileRange } from './model.js';

/** Throws a RangeError unless `page` is a page of a book with `pages` pages. */
export function assertPage(pages: number, page: number): void {
  if (!Number.isInteger(page) || page < 1 || page > pages) {
    throw new RangeError(`page must be an integer in [1, ${pages}] (got ${page})`);
  }
}

/** Number of tiles of a book with `pages` pages. */
export function tileCount(pages: number, pagesPerTile: number): number {
  return Math.ceil(pages / pagesPerTile);
}

/** Tile `tileIndex` (0-based), clamped to the first/last tile so prefetching past either end stays valid. */
export function tileAtIndex(pages: number, pagesPerTile: number, tileIndex: number): TileRange {
  const last = tileCount(pages, pagesPerTile) - 1;
  const i = Math.min(last, Math.max(0, Math.trunc(tileIndex)));
  const from = i * pagesPerTile + 1;
  return { from, to: Math.min(pages, from + pagesPerTile - 1) };
}

/** Every tile of the book in page order; together they cover each page exactly once. */
export function allTiles(pages: number, pagesPerTile: number): TileRange[] {
  return Array.from({ length: tileCount(pages, pagesPerTile) }, (_, i) => tileAtIndex(pages, pagesPerTile, i));
}

/** 0-based index of the tile holding `page` (1-based); throws for pages outside the book. */
export function tileIndexOfPage(pages: number, pagesPerTile: number, page: number): number {
  assertPage(pages, page);
  return Math.floor((page - 1) / pagesPerTile);
}

/** The URL form of a range: `{ from: 1, to: 10 }` → `"1-10"`. */
export function formatRange(range: TileRange): string {
  return `${range.from}-${range.to}`;
}

/**
 * Parses the URL form `"11-20"`; undefined when malformed. Leading zeros, signs and from > to are
 * rejected so that exactly one spelling (the one formatRange writes) names each range, as cache keys need.
 */
export function parseRange(text: string): TileRange | undefined {
  const m = /^([1-9]\d*)-([1-9]\d*)$/.exec(text);
  if (m === null) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from > to) return undefined;
  return { from, to };
}

/** True when `range` is exactly one of the book's tiles (what an origin serves; anything else is a 404). */
export function isTileOf(pages: number, pagesPerTile: number, range: TileRange): boolean {
  if (!Number.isInteger(range.from) || range.from < 1 || range.from > pages) return false;
  const tile = tileAtIndex(pages, pagesPerTile, tileIndexOfPage(pages, pagesPerTile, range.from));
  return tile.from === range.from && tile.to === range.to;
}
