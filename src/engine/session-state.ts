/**
 * One session's variable bindings: the book, page, language, track and album a simulated reader or
 * listener is on. Bound lazily: a session whose templates use no book never draws one, which keeps
 * the hot path of simple scenarios (and the engine benchmark) free of catalog work.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Book } from '../catalog/model.js';
import type { CompiledSession } from '../scenario/compile-plan.js';
import type { TemplateVariable } from '../scenario/template.js';
import type { Rng } from '../util/rng.js';

const BOOK_VARIABLES: readonly TemplateVariable[] = ['isbn', 'edition', 'lang', 'page', 'range', 'chapter', 'audioStart', 'audioEnd'];
const MUSIC_VARIABLES: readonly TemplateVariable[] = ['track', 'album'];

/** Mutable state of one running session. */
export class SessionState {
  book: Book | null = null;
  lang = '';
  page = 1;
  track = '';
  album = '';
  /** Set by a skipped `listen`: the rest of the current repetition is not played. */
  skipping = false;

  constructor(
    private readonly catalog: Catalog,
    readonly model: CompiledSession,
    readonly sessionNo: number,
    readonly runId: string,
    readonly rng: Rng,
  ) {
    const uses = model.variables;
    if (BOOK_VARIABLES.some((v) => uses.has(v))) {
      const book = catalog.pickBook(rng);
      this.book = book;
      this.lang = rng.chance(0.8) ? (book.languages[0] ?? 'en') : rng.pick(book.languages);
      this.page = model.startPage === 'first' ? 1 : rng.int(1, book.pages);
    }
    if (MUSIC_VARIABLES.some((v) => uses.has(v))) {
      const album = model.album === null ? catalog.pickAlbum(rng) : catalog.album(model.album);
      this.album = album?.id ?? model.album ?? '';
      this.track = album?.tracks[0] ?? catalog.pickTrack(rng).id;
    }
  }

  /** True once the reader has turned past the book's last page. */
  get pastEndOfBook(): boolean {
    return this.book !== null && this.page > this.book.pages;
  }

  /** Moves the reader / listener forward after a repetition. */
  advance(pages: number, tracks: number): void {
    this.page += pages;
    if (tracks !== 0 && this.track !== '') this.track = this.catalog.nextTrack(this.track, tracks);
  }

  /** Resolves one template variable; bound to the instance so it can be passed to renderTemplate. */
  readonly resolve = (variable: TemplateVariable, offset: number): string => {
    const c = this.catalog;
    const book = this.book;
    switch (variable) {
      case 'kbps':
        return String(this.model.kbps);
      case 'track':
        return offset === 0 ? this.track : c.nextTrack(this.track, offset);
      case 'album':
        return this.album;
      case 'session':
        return String(this.sessionNo);
      case 'run':
        return this.runId;
      default:
        break;
    }
    if (book === null) return '';
    const page = Math.min(this.page, book.pages);
    switch (variable) {
      case 'isbn':
        return book.isbn;
      case 'edition':
        return c.currentEdition(book).hash;
      case 'lang':
        return this.lang;
      case 'page':
        return String(Math.min(page + offset, book.pages));
      case 'range': {
        const tiles = c.tileCount(book);
        const idx = Math.floor((page - 1) / c.config.pagesPerTile) + offset;
        return c.formatRange(c.tileAt(book, Math.min(idx, tiles - 1)));
      }
      case 'chapter':
        return c.chapterOfPage(book, page).track;
      case 'audioStart':
        return String(c.audioByteRangeForPage(book, page, this.model.kbps).start);
      case 'audioEnd':
        return String(c.audioByteRangeForPage(book, page, this.model.kbps).end);
      default:
        return '';
    }
  };
}
