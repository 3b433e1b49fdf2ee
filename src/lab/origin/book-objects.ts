/**
 * Per-book metadata (`/meta/{isbn}.json`, 1–5 KB: editions, chapters, layout and font variants) and live
 * sync state (`/sync/{isbn}/{session}.json`, < 1 KB, micro TTL). Sync state changes every micro-TTL
 * period as the simulated reader advances, so a cache that holds it too long is caught serving old state.
 */
import { createHash } from 'node:crypto';
import { audioBytes, KBPS_TIERS, SECONDS_PER_PAGE, type Book } from '../../catalog/index.js';
import { hashString, Rng } from '../../util/rng.js';
import { etagOf, jsonBody, stem, type ObjectContext } from './object-context.js';
import type { Representation } from './representation.js';
import { editionTag, isbnTag } from './tags.js';

const FONTS = ['serif', 'sans', 'dyslexic', 'mono', 'large-print'] as const;
const SCALES = [0.85, 1, 1.15, 1.3, 1.5, 2] as const;
/** A simulated reader turns a page every 30 s (DOMAIN.md §1: every ~20–40 s). */
const READ_SECONDS_PER_PAGE = 30;
const SESSION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** 8–12 deterministic layout variants of a book: the font/scale combinations a reader app offers. */
function layouts(seed: number, isbn: string): { id: string; font: string; scale: number; hash: string }[] {
  const rng = new Rng(seed).fork(`layouts:${isbn}`);
  const combos = FONTS.flatMap((font) => SCALES.map((scale) => ({ font, scale })));
  const count = rng.int(8, 12);
  const picked: typeof combos = [];
  while (picked.length < count) picked.push(...combos.splice(rng.int(0, combos.length - 1), 1));
  return picked.map(({ font, scale }) => ({
    id: `${font}-${Math.round(scale * 100)}`,
    font,
    scale,
    hash: createHash('sha256').update(`${isbn}:${font}:${scale}`).digest('hex').slice(0, 12),
  }));
}

function metaDocument(ctx: ObjectContext, book: Book, revision: number): unknown {
  const { catalog } = ctx.state;
  return {
    isbn: book.isbn,
    title: book.title,
    pages: book.pages,
    languages: book.languages,
    pagesPerTile: catalog.config.pagesPerTile,
    tiles: catalog.tileCount(book),
    revision,
    currentEdition: catalog.currentEdition(book),
    editions: book.editions,
    chapters: book.chapters.map((c, i) => ({ n: i + 1, title: `Chapter ${i + 1}`, ...c })),
    layouts: layouts(catalog.config.seed, book.isbn),
    audio: { kbps: KBPS_TIERS, file: '/audio/{chapter}/{kbps}.ogg', seekTable: '/audio/{chapter}/seek.json' },
  };
}

/** `/meta/{isbn}.json` */
export function metaObject(ctx: ObjectContext, file: string): Representation | undefined {
  const isbn = stem(file, '.json');
  const book = isbn === undefined ? undefined : ctx.state.catalog.book(isbn);
  if (book === undefined) return undefined;
  const revision = ctx.state.editions.revision(book.isbn);
  const current = ctx.state.catalog.currentEdition(book);
  return {
    contentType: 'application/json',
    body: jsonBody(metaDocument(ctx, book, revision)),
    // Every publish bumps the revision, and the current edition only changes with a publish.
    etag: etagOf(ctx, 'meta', book.isbn, revision),
    lastModifiedSec: ctx.state.editions.lastModifiedSec(book.isbn),
    version: revision,
    cacheControl: ctx.cacheControl.short,
    tags: [isbnTag(book.isbn), editionTag(current.hash)],
  };
}

/** `/sync/{isbn}/{session}.json` at `nowMs`. */
export function syncObject(ctx: ObjectContext, isbn: string, file: string, nowMs: number): Representation | undefined {
  const session = stem(file, '.json');
  const { catalog } = ctx.state;
  const book = catalog.book(isbn);
  if (book === undefined || session === undefined || !SESSION_ID.test(session)) return undefined;
  const period = ctx.syncPeriodS;
  const tick = Math.floor(nowMs / 1000 / period);
  const atSec = tick * period;
  const start = hashString(`${isbn}/${session}`) % book.pages;
  const page = 1 + ((start + Math.floor(atSec / READ_SECONDS_PER_PAGE)) % book.pages);
  const chapter = catalog.chapterOfPage(book, page);
  const t = (page - chapter.fromPage) * SECONDS_PER_PAGE + ((atSec % READ_SECONDS_PER_PAGE) * SECONDS_PER_PAGE) / READ_SECONDS_PER_PAGE;
  const edition = catalog.currentEdition(book);
  const doc = {
    isbn, session, edition: edition.hash, page, chapter: chapter.track, t, byte: audioBytes(t, 128),
    version: tick, updatedAt: new Date(atSec * 1000).toISOString(),
  };
  return {
    contentType: 'application/json',
    body: jsonBody(doc),
    etag: etagOf(ctx, 'sync', isbn, session, tick, edition.hash),
    lastModifiedSec: atSec,
    version: tick,
    cacheControl: ctx.cacheControl.micro,
    tags: [isbnTag(isbn), editionTag(edition.hash)],
  };
}
