/**
 * Fastly's purge API limits (https://www.fastly.com/documentation/reference/api/purging/ and "Rate
 * limiting" at https://docs.fastly.com/api/, retrieved 2026-11-23): a batch surrogate-key purge takes up to
 * 256 keys; up to 1,000 non-read API requests per hour per user/token, which purge_all counts against,
 * while URL and surrogate-key purges are not limited. Unlimited is not a reason to flood: cdnbench keeps
 * at most URL_PURGE_CONCURRENCY single-URL purges in flight.
 */

/** Surrogate keys per batch purge request. */
export const FASTLY_MAX_KEYS_PER_BATCH = 256;

/** Non-read requests per hour (the bucket purge_all draws from). */
export const FASTLY_NON_READ_PER_HOUR = 1000;

/** Single-URL purges in flight at once (our politeness bound; Fastly publishes none). */
export const URL_PURGE_CONCURRENCY = 8;
