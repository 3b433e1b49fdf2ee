/**
 * The origin's URL layout (DOMAIN.md §1), the same the load engine's templates render. Builders for the
 * control API's answers and for tests; the router parses the same shapes.
 */
import type { TileRange } from '../../catalog/index.js';

/** `/maps/{isbn}/{edition}/{lang}/{from}-{to}.json` */
export function tilePath(isbn: string, editionHash: string, lang: string, range: TileRange): string {
  return `/maps/${isbn}/${editionHash}/${lang}/${range.from}-${range.to}.json`;
}

/** `/maps/{isbn}/{edition}/delta/{base}.json` */
export function deltaPath(isbn: string, editionHash: string, baseHash: string): string {
  return `/maps/${isbn}/${editionHash}/delta/${baseHash}.json`;
}

/** `/meta/{isbn}.json` */
export function metaPath(isbn: string): string {
  return `/meta/${isbn}.json`;
}

/** `/sync/{isbn}/{session}.json` */
export function syncPath(isbn: string, session: string): string {
  return `/sync/${isbn}/${session}.json`;
}

/** `/audio/{track}/seek.json` */
export function seekPath(trackId: string): string {
  return `/audio/${trackId}/seek.json`;
}

/** `/audio/{track}/{kbps}.ogg` */
export function audioPath(trackId: string, kbps: number): string {
  return `/audio/${trackId}/${kbps}.ogg`;
}

/** The prefix of the control API. */
export const CONTROL_PREFIX = '/__cdnbench/';
