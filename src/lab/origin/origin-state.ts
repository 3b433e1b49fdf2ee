/**
 * Everything mutable about an origin: counters, the catalog with its published editions, drop schedules
 * and faults. The control API is a thin HTTP layer over these methods, and a library caller (the lab,
 * tests) can use them directly through `RunningOrigin.state`.
 */
import { Catalog, type Book, type CatalogConfig, type Edition } from '../../catalog/index.js';
import { ControlRequestError, type DropRequest, type FaultRequest, type PublishRequest } from './control-schemas.js';
import { OriginCounters, type OriginStats } from './counters.js';
import { DropSchedule } from './drops.js';
import { EditionStore, type PublishMode } from './edition-store.js';
import { FaultSwitch, type ActiveFault } from './faults.js';
import { tilePath } from './paths.js';
import { tileTag } from './tags.js';
import { editionHash } from '../../catalog/edition.js';

/** The answer of `publish`. */
export interface PublishResult {
  isbn: string;
  mode: PublishMode;
  edition: Edition;
  previousEdition: Edition;
  /** Changed tile ranges, `"11-20"`, in page order. */
  changedTiles: string[];
  /** URLs (paths) of the changed tiles in every language, under `edition`. */
  changedPaths: string[];
  /** Tags naming the changed tiles (what a tag purge would send). */
  tags: string[];
  /** The book's revision after the publish (the version of its metadata and deltas). */
  revision: number;
  /** Epoch ms of the publish. */
  publishedAt: number;
}

/** The answer of `drop`. */
export interface DropResult {
  album: string;
  tracks: string[];
  /** Epoch ms from which the tracks are served. */
  releaseAt: number;
}

/** The answer of `fault`: the fault in force, or `{ kind: 'clear' }`. */
export type FaultResult = ActiveFault | { kind: 'clear' };

/** The mutable state of one origin. */
export class OriginState {
  /** Fetch counters. */
  readonly counters = new OriginCounters();
  /** Album release instants. */
  readonly drops = new DropSchedule();
  /** Injected faults. */
  readonly faults = new FaultSwitch();
  private currentCatalog: Catalog;
  private currentEditions: EditionStore;

  constructor(
    /** The config the catalog is (re)built from. */
    readonly catalogConfig: CatalogConfig,
    /** Seed of publish choices and re-layouts. */
    readonly seed: number,
  ) {
    this.currentCatalog = Catalog.create(catalogConfig);
    this.currentEditions = new EditionStore(this.currentCatalog, seed);
  }

  /** The catalog served (books gain editions as `new-edition` publishes happen). */
  get catalog(): Catalog {
    return this.currentCatalog;
  }

  /** Tile versions per edition. */
  get editions(): EditionStore {
    return this.currentEditions;
  }

  /** Counter snapshot, restricted to paths starting with `prefix`. */
  stats(prefix?: string): OriginStats {
    return this.counters.stats(prefix);
  }

  /** Zeroes the counters; with `everything`, also forgets publishes, drops and faults. */
  reset(everything = false): void {
    this.counters.reset();
    if (!everything) return;
    // A fresh catalog is the only way back to first editions: addEdition mutates the books.
    this.currentCatalog = Catalog.create(this.catalogConfig);
    this.currentEditions = new EditionStore(this.currentCatalog, this.seed);
    this.drops.clear();
    this.faults.clear();
  }

  /** Publishes a change to a book's mapping (see EditionStore.publish). */
  publish(req: PublishRequest, nowMs = Date.now()): PublishResult {
    const book = this.pickBook(req);
    if (req.preview) return this.preview(book, req, nowMs);
    const out = this.currentEditions.publish(book, req.changePercent, req.mode, nowMs);
    const ranges = out.changedTiles.map((r) => `${r.from}-${r.to}`);
    return {
      isbn: book.isbn, mode: out.mode, edition: out.edition, previousEdition: out.previousEdition,
      changedTiles: ranges,
      changedPaths: book.languages.flatMap((lang) => out.changedTiles.map((r) => tilePath(book.isbn, out.edition.hash, lang, r))),
      tags: out.changedTiles.map((r) => tileTag(book.isbn, r)),
      revision: out.revision,
      publishedAt: nowMs,
    };
  }

  private preview(book: Book, req: PublishRequest, nowMs: number): PublishResult {
    const current = this.currentCatalog.currentEdition(book);
    const edition = req.mode === 'new-edition' ? { number: current.number + 1, hash: editionHash(book.isbn, current.number + 1) } : current;
    const tiles = this.currentEditions.previewTiles(book, req.changePercent);
    return {
      isbn: book.isbn, mode: req.mode, edition, previousEdition: current,
      changedTiles: tiles.map((r) => `${r.from}-${r.to}`),
      changedPaths: book.languages.flatMap((lang) => tiles.map((r) => tilePath(book.isbn, edition.hash, lang, r))),
      tags: tiles.map((r) => tileTag(book.isbn, r)),
      revision: this.currentEditions.revision(book.isbn),
      publishedAt: nowMs,
    };
  }

  /** Schedules an album's release. */
  drop(req: DropRequest, nowMs = Date.now()): DropResult {
    const album = this.currentCatalog.album(req.album);
    if (album === undefined) throw new ControlRequestError(404, `unknown album "${req.album}"`);
    const releaseAt = req.at ?? nowMs;
    this.drops.schedule(album.id, releaseAt);
    return { album: album.id, tracks: [...album.tracks], releaseAt };
  }

  /** Sets or clears the injected fault. */
  fault(req: FaultRequest, nowMs = Date.now()): FaultResult {
    return this.faults.set(req, nowMs) ?? { kind: 'clear' };
  }

  private pickBook(req: PublishRequest): Book {
    if (req.isbn !== undefined) {
      const book = this.currentCatalog.book(req.isbn);
      if (book === undefined) throw new ControlRequestError(404, `unknown isbn "${req.isbn}"`);
      return book;
    }
    const rank = req.rank ?? 0;
    const book = this.currentCatalog.books[rank];
    if (book === undefined) throw new ControlRequestError(404, `rank ${rank} is outside the catalog (${this.currentCatalog.books.length} books)`);
    return book;
  }
}
