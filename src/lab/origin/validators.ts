/**
 * Validators and the conditional-request checks of RFC 9110 §13: strong ETags derived from an object's
 * identity and version (never from its bytes, so a 304 costs no body generation), HTTP dates, and the
 * If-None-Match / If-Modified-Since / If-Range evaluations.
 */
import { createHash } from 'node:crypto';

/** Last-Modified of every object's original version: a fixed instant, so runs and restarts agree. */
export const ORIGIN_EPOCH_SEC = Date.UTC(2024, 0, 1) / 1000;

/** A strong ETag (quoted, 20 hex digits) for content named by `identity`; equal identities, equal tags. */
export function strongEtag(identity: string): string {
  return `"${createHash('sha256').update(identity).digest('hex').slice(0, 20)}"`;
}

let lastDateSec = Number.NaN;
let lastDate = '';

/** IMF-fixdate of a Unix time in seconds: `Mon, 01 Jan 2024 00:00:00 GMT`. */
export function httpDate(epochSec: number): string {
  // One-entry cache: nearly every response carries the epoch or the current second, and toUTCString
  // showed up in profiles of the tile hot path.
  if (epochSec !== lastDateSec) {
    lastDate = new Date(epochSec * 1000).toUTCString();
    lastDateSec = epochSec;
  }
  return lastDate;
}

/** Unix seconds of an HTTP date, or undefined when it does not parse (the header is then ignored). */
export function parseHttpDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

const ENTITY_TAG = /(W\/)?"[\x21\x23-\x7e\x80-\xff]*"/g;

/** The opaque-tags of an If-None-Match / If-Match list, each with its weakness flag. */
function entityTags(header: string): { weak: boolean; tag: string }[] {
  return [...header.matchAll(ENTITY_TAG)].map((m) => ({ weak: m[1] !== undefined, tag: m[0].slice(m[1]?.length ?? 0) }));
}

/** If-None-Match (weak comparison, RFC 9110 §13.1.2): true when the list is `*` or names `etag`. */
export function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return entityTags(header).some((t) => t.tag === etag);
}

/** If-Modified-Since: true when the object has not changed since the given date. */
export function notModifiedSince(header: string, lastModifiedSec: number): boolean {
  const since = parseHttpDate(header);
  return since !== undefined && lastModifiedSec <= since;
}

/**
 * If-Range (RFC 9110 §13.1.5): true when the Range header may be honoured. An entity tag must match
 * strongly; a date must equal Last-Modified exactly (our Last-Modified is a strong validator because
 * every change moves it forward by at least a second).
 */
export function ifRangeHolds(header: string, etag: string, lastModifiedSec: number): boolean {
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    const [first] = entityTags(value);
    return first !== undefined && !first.weak && first.tag === etag;
  }
  return parseHttpDate(value) === lastModifiedSec;
}
