/**
 * The tag vocabulary of origin objects and the five header spellings providers read it from (DOMAIN.md
 * §7). The edge emulator and the purge code build tags with these same functions, so a tag purge hits
 * exactly what the origin labelled.
 */
import type { TileRange } from '../../catalog/index.js';

/** Every object of a book (tiles of all editions, deltas, metadata, sync state, chapter audio). */
export function isbnTag(isbn: string): string {
  return `isbn-${isbn}`;
}

/** Every object under one edition hash (tiles and deltas), and the metadata naming it as current. */
export function editionTag(editionHash: string): string {
  return `edition-${editionHash}`;
}

/** One page-range tile of a book, in every edition and language. */
export function tileTag(isbn: string, range: TileRange): string {
  return `tile-${isbn}-${range.from}-${range.to}`;
}

/** One audio track (every bitrate and its seek table), and the tiles whose pages it narrates. */
export function trackTag(trackId: string): string {
  return `track-${trackId}`;
}

/** Every track of an album (audio and seek tables). */
export function albumTag(albumId: string): string {
  return `album-${albumId}`;
}

/**
 * Header name/value pairs carrying `tags` in every provider's spelling: Fastly `Surrogate-Key` and Varnish
 * `xkey` (space-separated), Cloudflare `Cache-Tag`, Bunny `CDN-Tag` and Akamai `Edge-Cache-Tag` (comma).
 */
export function tagHeaders(tags: readonly string[]): Record<string, string> {
  const spaced = tags.join(' ');
  const commas = tags.join(',');
  return {
    'surrogate-key': spaced,
    'cache-tag': commas,
    xkey: spaced,
    'cdn-tag': commas,
    'edge-cache-tag': commas,
  };
}
