/**
 * Akamai Fast Purge v3 rate limits ("Rate limiting", https://techdocs.akamai.com/purge-cache/reference/rate-limiting,
 * retrieved 2026-11-23): token buckets per account — API requests burst 100 at 50/s; objects per type,
 * URLs/ARLs burst 10,000 at 200/s, CP codes 300 at 30/minute, cache tags 5,000 at 500/minute; a request
 * holds one object type only; bodies over 50,000 bytes are refused with 413.
 */
import { TokenBucket } from '../http-api/token-bucket.js';

/** Largest accepted request body, bytes. */
export const AKAMAI_MAX_BODY_BYTES = 50_000;

/** The object types of Fast Purge. */
export type AkamaiObjectType = 'url' | 'tag' | 'cpcode';

/** The buckets of one account. */
export interface AkamaiBuckets {
  requests: TokenBucket;
  objects: Record<AkamaiObjectType, TokenBucket>;
}

/** Fresh buckets at the published limits. */
export function akamaiBuckets(): AkamaiBuckets {
  return {
    requests: new TokenBucket(100, 50),
    objects: { url: new TokenBucket(10_000, 200), cpcode: new TokenBucket(300, 30 / 60), tag: new TokenBucket(5_000, 500 / 60) },
  };
}
