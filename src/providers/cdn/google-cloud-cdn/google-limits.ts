/**
 * Cloud CDN invalidation limits ("Cache invalidation overview",
 * https://cloud.google.com/cdn/docs/cache-invalidation-overview, retrieved 2026-11-23): up to 500
 * invalidation requests per minute; one path pattern per request (a trailing `*` for prefixes); no limit
 * on objects per request. cdnbench meters the 500/minute as a bucket of 50 refilled at 500/60 per second
 * (the page gives no burst), and sends at most 10 cache tags per request (the figure Google publishes for
 * Media CDN; Cloud CDN publishes none).
 */
import { TokenBucket } from '../http-api/token-bucket.js';

/** Cache tags per invalidateCache request. */
export const GOOGLE_MAX_TAGS_PER_REQUEST = 10;

/** Invalidations in flight at once. */
export const GOOGLE_INVALIDATION_CONCURRENCY = 4;

/** A fresh bucket at the published rate. */
export function googleInvalidationBucket(): TokenBucket {
  return new TokenBucket(50, 500 / 60);
}
