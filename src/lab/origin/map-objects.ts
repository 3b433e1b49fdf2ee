/**
 * Mapping tiles and edition deltas under `/maps/{isbn}/{edition}/…`. A tile's ETag is its identity plus
 * its content version, so exactly the tiles a publish changed get new validators; JSON and CBOR are two
 * representations of one URL (Vary: Accept), each with its own ETag.
 */
import { encode } from 'cbor2';
import type { Book, Edition } from '../../catalog/index.js';
import { bufferSource } from './body-source.js';
import { etagOf, jsonBody, stem, type ObjectContext } from './object-context.js';
import type { Representation } from './representation.js';
import { editionTag, isbnTag, tileTag, trackTag } from './tags.js';
import { prefersCbor, tilePages, tileTracks, type TileDocument } from './tile-mapping.js';

function editionOf(book: Book, hash: string): Edition | undefined {
  return book.editions.find((e) => e.hash === hash);
}

/** `/maps/{isbn}/{edition}/{lang}/{from}-{to}.json`; undefined (404) unless it names exactly one tile. */
export function tileObject(ctx: ObjectContext, isbn: string, hash: string, lang: string, file: string, accept: string | undefined): Representation | undefined {
  const { catalog, editions } = ctx.state;
  const book = catalog.book(isbn);
  const text = stem(file, '.json');
  if (book === undefined || text === undefined || !book.languages.includes(lang) || editionOf(book, hash) === undefined) return undefined;
  const range = catalog.parseRange(text);
  if (range === undefined || !catalog.isTile(book, range)) return undefined;
  const { version, modifiedSec } = editions.tileVersion(book, hash, range);
  const doc: TileDocument = { isbn, edition: hash, lang, from: range.from, to: range.to, version, pages: tilePages(catalog, book, range, version, ctx.state.seed) };
  const cbor = prefersCbor(accept);
  return {
    contentType: cbor ? 'application/cbor' : 'application/json',
    body: cbor ? bufferSource(Buffer.from(encode(doc))) : jsonBody(doc),
    etag: etagOf(ctx, 'tile', isbn, hash, lang, text, version, cbor ? 'cbor' : 'json'),
    lastModifiedSec: modifiedSec,
    version,
    cacheControl: ctx.cacheControl.short,
    tags: [isbnTag(isbn), editionTag(hash), tileTag(isbn, range), ...tileTracks(catalog, book, range).map(trackTag)],
    vary: 'Accept',
  };
}

/** `/maps/{isbn}/{edition}/delta/{base}.json`: the tile ranges whose mapping differs between the editions. */
export function deltaObject(ctx: ObjectContext, isbn: string, hash: string, file: string): Representation | undefined {
  const { catalog, editions } = ctx.state;
  const book = catalog.book(isbn);
  const base = stem(file, '.json');
  if (book === undefined || base === undefined) return undefined;
  const edition = editionOf(book, hash);
  const baseEdition = editionOf(book, base);
  if (edition === undefined || baseEdition === undefined) return undefined;
  // The difference only moves when the book is published, so the book's revision versions the delta.
  const revision = editions.revision(isbn);
  const changed = editions.differingTiles(book, hash, base).map((r) => catalog.formatRange(r));
  const doc = {
    isbn, edition: edition.hash, editionNumber: edition.number, base: baseEdition.hash, baseNumber: baseEdition.number,
    revision, pagesPerTile: catalog.config.pagesPerTile, changedTiles: changed,
  };
  return {
    contentType: 'application/json',
    body: jsonBody(doc),
    etag: etagOf(ctx, 'delta', isbn, hash, base, revision),
    lastModifiedSec: editions.lastModifiedSec(isbn),
    version: revision,
    cacheControl: ctx.cacheControl.short,
    tags: hash === base ? [isbnTag(isbn), editionTag(hash)] : [isbnTag(isbn), editionTag(hash), editionTag(base)],
  };
}
