/**
 * Which version of each tile every edition serves, and `publish`, which changes exactly N% of a book's
 * tiles. Storage is sparse: a tile nobody published is version 1 from the fixed epoch, so a 1,000-book
 * catalog costs nothing until a scenario publishes.
 */
import type { Book, Catalog, Edition, TileRange } from '../../catalog/index.js';
import { Rng } from '../../util/rng.js';
import { ORIGIN_EPOCH_SEC } from './validators.js';

/** One tile's content version and when it last changed. */
export interface TileVersion {
  version: number;
  modifiedSec: number;
}

/** How a publish reaches readers. */
export type PublishMode = 'in-place' | 'new-edition';

/** What one publish did. */
export interface PublishOutcome {
  isbn: string;
  mode: PublishMode;
  /** The edition the changed tiles are served under. */
  edition: Edition;
  /** The edition current before the publish (equal to `edition` in-place). */
  previousEdition: Edition;
  /** Changed tiles in page order. */
  changedTiles: TileRange[];
  /** The book's revision after the publish (1 + publishes so far). */
  revision: number;
  /** Last-Modified (Unix seconds) of the changed tiles. */
  modifiedSec: number;
}

interface BookHistory {
  publishes: number;
  lastModifiedSec: number;
  /** Edition hash → tile index → version; absent means ORIGINAL. */
  editions: Map<string, Map<number, TileVersion>>;
}

const ORIGINAL: TileVersion = { version: 1, modifiedSec: ORIGIN_EPOCH_SEC };

/** Tiles a publish of `percent`% changes: round(percent% of the tiles), at least 1, at most all. */
export function changedTileCount(tileCount: number, percent: number): number {
  return Math.min(tileCount, Math.max(1, Math.round((tileCount * percent) / 100)));
}

/** Tile versions per book and edition. */
export class EditionStore {
  private readonly books = new Map<string, BookHistory>();

  constructor(
    private readonly catalog: Catalog,
    private readonly seed: number,
  ) {}

  /** 1 + the number of publishes of the book: the version of its metadata and deltas. */
  revision(isbn: string): number {
    return 1 + (this.books.get(isbn)?.publishes ?? 0);
  }

  /** When anything of the book last changed (the fixed epoch before any publish). */
  lastModifiedSec(isbn: string): number {
    return this.books.get(isbn)?.lastModifiedSec ?? ORIGIN_EPOCH_SEC;
  }

  /** The version tile `range` has under `editionHash`. */
  tileVersion(book: Book, editionHash: string, range: TileRange): TileVersion {
    const index = (range.from - 1) / this.catalog.config.pagesPerTile;
    return this.books.get(book.isbn)?.editions.get(editionHash)?.get(index) ?? ORIGINAL;
  }

  /** The tiles whose content differs between two editions of the book, in page order. */
  differingTiles(book: Book, editionHash: string, baseHash: string): TileRange[] {
    const eds = this.books.get(book.isbn)?.editions;
    const a = eds?.get(editionHash);
    const b = eds?.get(baseHash);
    const indices = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])]);
    return [...indices]
      .filter((i) => (a?.get(i) ?? ORIGINAL).version !== (b?.get(i) ?? ORIGINAL).version)
      .sort((x, y) => x - y)
      .map((i) => this.catalog.tileAt(book, i));
  }

  /**
   * Changes exactly changedTileCount(tiles, percent) tiles of `book`, chosen by a seeded draw that depends
   * only on the seed, the ISBN and how many times the book was published before.
   */
  publish(book: Book, percent: number, mode: PublishMode, nowMs: number): PublishOutcome {
    const history = this.history(book.isbn);
    const previousEdition = this.catalog.currentEdition(book);
    const before = history.editions.get(previousEdition.hash) ?? new Map<number, TileVersion>();
    const indices = this.nextIndices(book, percent);
    // Last-Modified moves forward at least a second per publish so If-Modified-Since (1 s resolution)
    // never mistakes a quick second publish for "not modified".
    const modifiedSec = Math.max(Math.floor(nowMs / 1000), history.lastModifiedSec + 1);
    const edition = mode === 'new-edition' ? this.catalog.addEdition(book) : previousEdition;
    const after = mode === 'new-edition' ? new Map(before) : before;
    for (const i of indices) after.set(i, { version: (before.get(i) ?? ORIGINAL).version + 1, modifiedSec });
    history.editions.set(edition.hash, after);
    history.publishes += 1;
    history.lastModifiedSec = modifiedSec;
    return {
      isbn: book.isbn, mode, edition, previousEdition, modifiedSec,
      changedTiles: indices.map((i) => this.catalog.tileAt(book, i)),
      revision: 1 + history.publishes,
    };
  }

  /**
   * The tiles the next publish of `book` at `percent` will change, without changing anything: a prober
   * primes exactly these before the publish (the choice depends only on seed, ISBN and publish count).
   */
  previewTiles(book: Book, percent: number): TileRange[] {
    return this.nextIndices(book, percent).map((i) => this.catalog.tileAt(book, i));
  }

  private nextIndices(book: Book, percent: number): number[] {
    const total = this.catalog.tileCount(book);
    const publishes = this.books.get(book.isbn)?.publishes ?? 0;
    return pickIndices(total, changedTileCount(total, percent), new Rng(this.seed).fork(`publish:${book.isbn}:${publishes}`));
  }

  private history(isbn: string): BookHistory {
    let h = this.books.get(isbn);
    if (h === undefined) {
      h = { publishes: 0, lastModifiedSec: ORIGIN_EPOCH_SEC, editions: new Map() };
      this.books.set(isbn, h);
    }
    return h;
  }
}

/** `count` distinct indices of [0, total), sorted: a partial Fisher–Yates shuffle. */
function pickIndices(total: number, count: number, rng: Rng): number[] {
  const pool = Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, total - 1);
    const tmp = pool[i] ?? i;
    pool[i] = pool[j] ?? j;
    pool[j] = tmp;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}
