/**
 * Bunny's purge rate limits ("Purge Rate Limits", https://docs.bunny.net/docs/cdn-api-purge-rate-limits,
 * retrieved 2026-11-23): token buckets per account and purge type, one token per purged item — exact URLs
 * burst 120 refilled 5/s, prefix (wildcard) URLs burst 20 refilled 0.5/s; over the limit the API answers
 * 429. Tag and whole-zone purges have no published figure: cdnbench charges them to the prefix bucket,
 * the stricter one (an assumption, not Bunny's word).
 */
import { TokenBucket } from '../http-api/token-bucket.js';

/** Single-URL purges in flight at once (each call purges one URL). */
export const BUNNY_PURGE_CONCURRENCY = 8;

/** The buckets of one account. */
export interface BunnyBuckets {
  exact: TokenBucket;
  prefix: TokenBucket;
}

/** Fresh buckets at the published limits. */
export function bunnyBuckets(): BunnyBuckets {
  return { exact: new TokenBucket(120, 5), prefix: new TokenBucket(20, 0.5) };
}

/** True when Bunny counts the URL as a prefix purge: it holds a `*` or its path ends with `/`. */
export function isPrefixPurge(url: string): boolean {
  return url.includes('*') || new URL(url).pathname.endsWith('/');
}
