/**
 * Audio files (`/audio/{track}/{kbps}.ogg`) and seek tables (`/audio/{track}/seek.json`) for music and
 * chapter-narration tracks. Both are immutable (long TTL, one version); a dropped album's tracks answer
 * 404 with a 1-second lifetime until the release instant.
 */
import { audioBytes, isKbps, KBPS_TIERS, type Track } from '../../catalog/index.js';
import { UNRELEASED_CACHE_CONTROL } from './cache-policy.js';
import { etagOf, jsonBody, type ObjectContext } from './object-context.js';
import type { ErrorReply, Representation } from './representation.js';
import { albumTag, isbnTag, trackTag } from './tags.js';
import { ORIGIN_EPOCH_SEC } from './validators.js';

/** Seek-table granularity (DOMAIN.md §1 seek table; the issue asks for every 10 s). */
export const SEEK_INTERVAL_S = 10;
const CHAPTER_TRACK = /^b(\d+)c\d+$/;

function trackTags(ctx: ObjectContext, track: Track): string[] {
  const tags = [trackTag(track.id)];
  if (track.album !== null) tags.push(albumTag(track.album));
  const bookIndex = CHAPTER_TRACK.exec(track.id)?.[1];
  const book = bookIndex === undefined ? undefined : ctx.state.catalog.books[Number(bookIndex)];
  if (book !== undefined) tags.push(isbnTag(book.isbn));
  return tags;
}

/** The seek table document: `{t, byte}` every 10 s, per bitrate. */
export function seekTable(track: Track): { track: string; durationSec: number; intervalSec: number; bitrates: Record<string, { t: number; byte: number }[]> } {
  const bitrates: Record<string, { t: number; byte: number }[]> = {};
  for (const kbps of KBPS_TIERS) {
    const rows: { t: number; byte: number }[] = [];
    for (let t = 0; t < track.durationSec; t += SEEK_INTERVAL_S) rows.push({ t, byte: audioBytes(t, kbps) });
    bitrates[String(kbps)] = rows;
  }
  return { track: track.id, durationSec: track.durationSec, intervalSec: SEEK_INTERVAL_S, bitrates };
}

/** `/audio/{track}/{file}` where file is `seek.json` or `{kbps}.ogg`. */
export function audioObject(ctx: ObjectContext, trackId: string, file: string, nowMs: number): Representation | ErrorReply | undefined {
  const track = ctx.state.catalog.track(trackId);
  if (track === undefined) return undefined;
  const isSeek = file === 'seek.json';
  const kbps = /^[1-9]\d*\.ogg$/.test(file) ? Number(file.slice(0, -4)) : Number.NaN;
  if (!isSeek && !isKbps(kbps)) return undefined;
  if (!ctx.state.drops.released(track.album, nowMs)) {
    return { status: 404, cacheControl: UNRELEASED_CACHE_CONTROL, error: `album ${track.album ?? ''} is not released yet` };
  }
  const common = { lastModifiedSec: ORIGIN_EPOCH_SEC, version: 1, cacheControl: ctx.cacheControl.long, tags: trackTags(ctx, track) };
  if (isSeek) {
    return { ...common, contentType: 'application/json', body: jsonBody(seekTable(track)), etag: etagOf(ctx, 'seek', track.id) };
  }
  const size = ctx.state.catalog.trackBytes(track.id, kbps);
  return { ...common, contentType: 'audio/ogg', body: ctx.audio.source(track.id, kbps, size), etag: etagOf(ctx, 'audio', track.id, kbps) };
}
