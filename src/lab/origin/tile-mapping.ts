/**
 * The content of a mapping tile: for each page of the range, where its narration starts (seconds into the
 * chapter, chapter track, byte offset at 128 kbps). Version 1 is the catalog's layout; every later version
 * is a "re-layout" that shifts page starts by a seeded amount, so a published tile really maps pages
 * differently, and version v of a tile is the same in every edition and process.
 */
import { audioBytes, SECONDS_PER_PAGE, type Book, type Catalog, type TileRange } from '../../catalog/index.js';
import { Rng } from '../../util/rng.js';

/** One page of a tile. */
export interface TilePage {
  /** Print page (1-based). */
  page: number;
  /** Seconds into the chapter's narration where the page starts (0.1 s resolution). */
  t: number;
  /** Track id of the chapter narrating the page. */
  chapter: string;
  /** Byte offset of `t` in the chapter's 128 kbps file. */
  byte: number;
}

/** The document served at `/maps/{isbn}/{edition}/{lang}/{from}-{to}.json`. */
export interface TileDocument {
  isbn: string;
  edition: string;
  lang: string;
  from: number;
  to: number;
  version: number;
  pages: TilePage[];
}

/** Largest shift (seconds) a re-layout applies to a page start: big enough to matter to a reader. */
const MAX_SHIFT_S = 20;
/** Byte offsets in tiles refer to the 128 kbps file, the default tier. */
const MAP_KBPS = 128;

/** The pages of `range` at content `version`. */
export function tilePages(catalog: Catalog, book: Book, range: TileRange, version: number, seed: number): TilePage[] {
  const rng = version <= 1 ? undefined : new Rng(seed).fork(`layout:${book.isbn}:${range.from}:${version}`);
  const pages: TilePage[] = [];
  for (let page = range.from; page <= range.to; page++) {
    const chapter = catalog.chapterOfPage(book, page);
    let t = (page - chapter.fromPage) * SECONDS_PER_PAGE;
    if (rng !== undefined) {
      const shifted = Math.round((t + rng.float(-MAX_SHIFT_S, MAX_SHIFT_S)) * 10) / 10;
      t = Math.min(chapter.durationSec - 1, Math.max(0, shifted));
    }
    pages.push({ page, t, chapter: chapter.track, byte: audioBytes(t, MAP_KBPS) });
  }
  return pages;
}

/** The chapter tracks narrating a tile's pages (one, or two when a chapter starts inside the tile). */
export function tileTracks(catalog: Catalog, book: Book, range: TileRange): string[] {
  const first = catalog.chapterOfPage(book, range.from).track;
  const last = catalog.chapterOfPage(book, range.to).track;
  if (first === last) return [first];
  return [...new Set(book.chapters.filter((c) => c.toPage >= range.from && c.fromPage <= range.to).map((c) => c.track))];
}

/**
 * True when the client asked for CBOR: `application/cbor` with q > 0 and not outranked by
 * `application/json`. Wildcards never select CBOR, so browsers and curl keep getting JSON.
 */
export function prefersCbor(accept: string | undefined): boolean {
  if (accept === undefined || !accept.includes('cbor')) return false;
  let cbor = 0;
  let json = 0;
  for (const item of accept.split(',')) {
    const [type = '', ...params] = item.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type === 'application/cbor') cbor = Math.max(cbor, q);
    else if (type === 'application/json') json = Math.max(json, q);
  }
  return cbor > 0 && cbor >= json;
}
