/**
 * Script source (TypeScript for k6): the catalog arithmetic sessions need (src/catalog/: Zipf picks,
 * tiles, chapters, narration byte spans, next tracks) over the compact data catalog-data.ts embeds,
 * and the session bindings of src/engine/session-state.ts, drawing in the same order.
 */

/** Source text placed into every exported script. */
export const RUNTIME_CATALOG = String.raw`
// ---- The catalog: books, tracks and albums exactly as cdnbench's origin serves them --------------

interface CatalogData {
  seed: number;
  zipfExponent: number;
  pagesPerTile: number;
  /** Books by popularity: [isbn, pages, languages, current edition hash, last page of each chapter]. */
  books: [string, number, string[], string, number[]][];
  /** Music tracks by popularity: duration in seconds (ids are t000000, t000001, …). */
  trackSeconds: number[];
  /** Albums by popularity: [index of the first track, number of tracks] (ids are a0000, a0001, …). */
  albums: [number, number][];
}

interface Book {
  index: number;
  isbn: string;
  pages: number;
  languages: string[];
  edition: string;
  chapterEnds: number[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const trackId = (i: number): string => 't' + pad(i, 6);
const wrap = (i: number, n: number): number => ((i % n) + n) % n;

class Catalog {
  private readonly bookZipf: Zipf;
  private readonly trackZipf: Zipf;
  private readonly albumZipf: Zipf;
  private readonly albumOfTrack: Int32Array;

  constructor(private readonly data: CatalogData) {
    this.bookZipf = new Zipf(Math.max(1, data.books.length), data.zipfExponent);
    this.trackZipf = new Zipf(Math.max(1, data.trackSeconds.length), data.zipfExponent);
    this.albumZipf = new Zipf(Math.max(1, data.albums.length), data.zipfExponent);
    this.albumOfTrack = new Int32Array(data.trackSeconds.length).fill(-1);
    data.albums.forEach(([first, count], a) => {
      for (let k = 0; k < count; k++) this.albumOfTrack[first + k] = a;
    });
  }

  pickBook(rng: Rng): Book {
    const index = this.bookZipf.sample(rng);
    const [isbn, pages, languages, edition, chapterEnds] = this.data.books[index] as CatalogData['books'][number];
    return { index, isbn, pages, languages, edition, chapterEnds };
  }

  pickTrack(rng: Rng): string {
    return trackId(this.trackZipf.sample(rng));
  }

  /** The album's id and track ids; a random one (by popularity) when id is null. */
  album(id: string | null, rng: Rng): { id: string; tracks: string[] } | null {
    const index = id === null ? this.albumZipf.sample(rng) : /^a\d+$/.test(id) ? Number(id.slice(1)) : -1;
    const entry = this.data.albums[index];
    if (entry === undefined) return null;
    const tracks: string[] = [];
    for (let k = 0; k < entry[1]; k++) tracks.push(trackId(entry[0] + k));
    return { id: 'a' + pad(index, 4), tracks };
  }

  /** The n-th next track: within the album, else over all music tracks, wrapping. */
  nextTrack(id: string, n: number): string {
    if (!/^t\d+$/.test(id)) return id;
    const i = Number(id.slice(1));
    const a = this.albumOfTrack[i] ?? -1;
    const entry = this.data.albums[a];
    if (entry !== undefined) return trackId(entry[0] + wrap(i - entry[0] + n, entry[1]));
    return trackId(wrap(i + n, this.data.trackSeconds.length));
  }

  trackSeconds(id: string): number {
    return /^t\d+$/.test(id) ? (this.data.trackSeconds[Number(id.slice(1))] ?? 0) : 0;
  }

  tileRange(book: Book, page: number, offset: number): string {
    const per = this.data.pagesPerTile;
    const last = Math.ceil(book.pages / per) - 1;
    const i = Math.min(last, Math.max(0, Math.floor((page - 1) / per) + offset));
    const from = i * per + 1;
    return from + '-' + Math.min(book.pages, from + per - 1);
  }

  /** Index, first and last page of the chapter narrating the page. */
  chapterOf(book: Book, page: number): { index: number; from: number; to: number } {
    let lo = 0;
    let hi = book.chapterEnds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((book.chapterEnds[mid] ?? 0) < page) lo = mid + 1;
      else hi = mid;
    }
    return { index: lo, from: lo === 0 ? 1 : (book.chapterEnds[lo - 1] ?? 0) + 1, to: book.chapterEnds[lo] ?? book.pages };
  }

  /** Bytes of the chapter audio at kbps that narrate the page (60 s per page), inclusive. */
  narrationSpan(book: Book, page: number, kbps: number): { start: number; end: number } {
    const c = this.chapterOf(book, page);
    const pages = c.to - c.from + 1;
    const total = Math.round((pages * 60 * kbps * 1000) / 8);
    const i = page - c.from;
    return { start: Math.floor((total * i) / pages), end: Math.floor((total * (i + 1)) / pages) - 1 };
  }
}

// ---- One session's bindings ({isbn}, {page}, {track}, …), drawn as cdnbench's engine draws them ------

const BOOK_VARIABLES = ['isbn', 'edition', 'lang', 'page', 'range', 'chapter', 'audioStart', 'audioEnd'];
const MUSIC_VARIABLES = ['track', 'album'];

class Session {
  book: Book | null = null;
  lang = '';
  page = 1;
  track = '';
  album = '';
  skipping = false;

  constructor(readonly catalog: Catalog, readonly model: SessionModel, readonly no: number, readonly rng: Rng, readonly edge: Edge) {
    if (BOOK_VARIABLES.some((v) => model.uses.includes(v))) {
      const book = catalog.pickBook(rng);
      this.book = book;
      this.lang = rng.chance(0.8) ? (book.languages[0] ?? 'en') : rng.pick(book.languages);
      this.page = model.startPage === 'first' ? 1 : rng.int(1, book.pages);
    }
    if (MUSIC_VARIABLES.some((v) => model.uses.includes(v))) {
      const album = catalog.album(model.album, rng);
      this.album = album?.id ?? model.album ?? '';
      this.track = album?.tracks[0] ?? catalog.pickTrack(rng);
    }
  }

  get pastEndOfBook(): boolean {
    return this.book !== null && this.page > this.book.pages;
  }

  advance(pages: number, tracks: number): void {
    this.page += pages;
    if (tracks !== 0 && this.track !== '') this.track = this.catalog.nextTrack(this.track, tracks);
  }

  /** Fills a path template such as /maps/{isbn}/{edition}/{lang}/{range+1}.json. */
  render(template: string): string {
    return template.replace(/\{([A-Za-z][A-Za-z0-9]*)(?:\+(\d+))?\}/g, (_m: string, name: string, off?: string) => this.resolve(name, off === undefined ? 0 : Number(off)));
  }

  private resolve(name: string, offset: number): string {
    switch (name) {
      case 'kbps': return String(this.model.kbps);
      case 'track': return offset === 0 ? this.track : this.catalog.nextTrack(this.track, offset);
      case 'album': return this.album;
      case 'session': return String(this.no);
      case 'run': return SCENARIO.runId;
    }
    const book = this.book;
    if (book === null) return '';
    const page = Math.min(this.page, book.pages);
    switch (name) {
      case 'isbn': return book.isbn;
      case 'edition': return book.edition;
      case 'lang': return this.lang;
      case 'page': return String(Math.min(page + offset, book.pages));
      case 'range': return this.catalog.tileRange(book, page, offset);
      case 'chapter': return 'b' + book.index + 'c' + this.catalog.chapterOf(book, page).index;
      case 'audioStart': return String(this.catalog.narrationSpan(book, page, this.model.kbps).start);
      case 'audioEnd': return String(this.catalog.narrationSpan(book, page, this.model.kbps).end);
      default: return '';
    }
  }
}
`;
