/**
 * The catalog: every book, music track and album a scenario can request, with popularity sampling and
 * the URL arithmetic (tiles, byte ranges, next tracks) that sessions and the lab origin share. It is a
 * pure function of its CatalogConfig, so both sides build identical catalogs without talking.
 */
import { createHash } from 'node:crypto';
import type { Rng } from '../util/rng.js';
import { buildBooks } from './build-books.js';
import { buildMusic } from './build-music.js';
import { assertCatalogConfig, DEFAULT_CATALOG, type CatalogConfig } from './catalog-config.js';
import { editionHash } from './edition.js';
import { audioBytes } from './kbps.js';
import { itemAt } from './list-index.js';
import type { Album, Book, ByteSpan, Chapter, Edition, TileRange, Track } from './model.js';
import { chapterIndexOf, pageByteSpan } from './narration.js';
import * as tiles from './tiles.js';
import { TrackIndex } from './track-index.js';
import { ZipfSampler } from './zipf.js';

/** A catalog, immutable except through `addEdition`; build it with `Catalog.create(config)`. */
export class Catalog {
  /** The (copied) config the catalog was built from. */
  readonly config: Readonly<CatalogConfig>;
  /** Books by popularity: index 0 is Zipf rank 0. */
  readonly books: readonly Book[];
  /** Music tracks by popularity (narration tracks are not listed here; `track(id)` resolves them). */
  readonly tracks: readonly Track[];
  /** Albums by popularity. */
  readonly albums: readonly Album[];
  private readonly bookZipf: ZipfSampler;
  private readonly trackZipf: ZipfSampler;
  private readonly albumZipf: ZipfSampler;
  private readonly booksByIsbn = new Map<string, Book>();
  private readonly albumsById = new Map<string, Album>();
  private readonly trackIndex: TrackIndex;

  private constructor(config: CatalogConfig) {
    assertCatalogConfig(config);
    this.config = { ...config, languages: [...config.languages] };
    this.books = buildBooks(this.config);
    const music = buildMusic(this.config);
    this.tracks = music.tracks;
    this.albums = music.albums;
    this.bookZipf = new ZipfSampler(config.books, config.zipfExponent);
    this.trackZipf = new ZipfSampler(config.tracks, config.zipfExponent);
    this.albumZipf = new ZipfSampler(config.albums, config.zipfExponent);
    for (const book of this.books) this.booksByIsbn.set(book.isbn, book);
    for (const album of this.albums) this.albumsById.set(album.id, album);
    this.trackIndex = new TrackIndex(this.books, this.tracks, this.albumsById);
  }

  /** Builds the catalog for `config`; throws a RangeError for non-positive counts or empty languages. */
  static create(config: CatalogConfig = DEFAULT_CATALOG): Catalog {
    return new Catalog(config);
  }

  /** A book drawn by Zipf popularity (one draw from `rng`). */
  pickBook(rng: Rng): Book {
    return this.bookAt(this.bookZipf.sample(rng));
  }

  /** A music track drawn by Zipf popularity (one draw from `rng`). */
  pickTrack(rng: Rng): Track {
    return this.trackAt(this.trackZipf.sample(rng));
  }

  /** An album drawn by Zipf popularity (one draw from `rng`). */
  pickAlbum(rng: Rng): Album {
    return this.albumAt(this.albumZipf.sample(rng));
  }

  /** The book with this ISBN, or undefined (an origin answers 404). */
  book(isbn: string): Book | undefined {
    return this.booksByIsbn.get(isbn);
  }

  /** The music or narration track with this id, or undefined. */
  track(id: string): Track | undefined {
    return this.trackIndex.find(id);
  }

  /** The album with this id, or undefined. */
  album(id: string): Album | undefined {
    return this.albumsById.get(id);
  }

  /** Book at 0-based popularity index; throws a RangeError outside the catalog. */
  bookAt(index: number): Book {
    return itemAt(this.books, index, 'book');
  }

  /** Music track at 0-based popularity index; throws a RangeError outside the catalog. */
  trackAt(index: number): Track {
    return itemAt(this.tracks, index, 'track');
  }

  /** Album at 0-based popularity index; throws a RangeError outside the catalog. */
  albumAt(index: number): Album {
    return itemAt(this.albums, index, 'album');
  }

  /** Number of mapping tiles of the book. */
  tileCount(book: Book): number {
    return tiles.tileCount(book.pages, this.config.pagesPerTile);
  }

  /** All tiles of the book in page order. */
  tileRanges(book: Book): TileRange[] {
    return tiles.allTiles(book.pages, this.config.pagesPerTile);
  }

  /** The tile holding `page` (1-based); throws a RangeError for pages outside the book. */
  tileOfPage(book: Book, page: number): TileRange {
    const i = tiles.tileIndexOfPage(book.pages, this.config.pagesPerTile, page);
    return tiles.tileAtIndex(book.pages, this.config.pagesPerTile, i);
  }

  /** Tile `tileIndex` (0-based), clamped to the book's first/last tile so +1/+2 prefetches stay valid. */
  tileAt(book: Book, tileIndex: number): TileRange {
    return tiles.tileAtIndex(book.pages, this.config.pagesPerTile, tileIndex);
  }

  /** True when `range` is exactly one of the book's tiles (anything else is a 404 at the origin). */
  isTile(book: Book, range: TileRange): boolean {
    return tiles.isTileOf(book.pages, this.config.pagesPerTile, range);
  }

  /** URL form of a range, `"1-10"`. */
  formatRange(range: TileRange): string {
    return tiles.formatRange(range);
  }

  /** Parses `"11-20"`; undefined when malformed. */
  parseRange(text: string): TileRange | undefined {
    return tiles.parseRange(text);
  }

  /** The chapter narrating `page`; throws a RangeError for pages outside the book. */
  chapterOfPage(book: Book, page: number): Chapter {
    tiles.assertPage(book.pages, page);
    return itemAt(book.chapters, chapterIndexOf(book.chapters, page), 'chapter');
  }

  /** Byte span (inclusive) of `page`'s narration inside its chapter's audio file at `kbps`. */
  audioByteRangeForPage(book: Book, page: number, kbps: number): ByteSpan {
    return pageByteSpan(this.chapterOfPage(book, page), page, kbps);
  }

  /** Size of the track's audio file at `kbps`; throws a RangeError for unknown ids. */
  trackBytes(trackId: string, kbps: number): number {
    return audioBytes(this.trackIndex.get(trackId).durationSec, kbps);
  }

  /**
   * Id of the n-th next track (n may be 0 or negative), wrapping: within the album for album tracks,
   * within the book for narration, in catalog order over all music tracks for singles.
   */
  nextTrack(trackId: string, n = 1): string {
    return this.trackIndex.next(trackId, n);
  }

  /** The book's current (last) edition. */
  currentEdition(book: Book): Edition {
    return itemAt(book.editions, book.editions.length - 1, 'edition');
  }

  /**
   * Appends the next edition (what an edition rollout publishes) and returns it. This mutates the book:
   * the origin and the load generators must apply the same rollouts to stay in agreement.
   */
  addEdition(book: Book): Edition {
    const number = this.currentEdition(book).number + 1;
    const edition: Edition = { number, hash: editionHash(book.isbn, number) };
    book.editions.push(edition);
    return edition;
  }

  /** sha256 (hex) of the catalog's content, to check that two processes built the same catalog. */
  fingerprint(): string {
    const content = JSON.stringify({ books: this.books, tracks: this.tracks, albums: this.albums });
    return createHash('sha256').update(content).digest('hex');
  }
}

/** Builds the catalog for `config` (same as `Catalog.create`). */
export function buildCatalog(config: CatalogConfig = DEFAULT_CATALOG): Catalog {
  return Catalog.create(config);
}
