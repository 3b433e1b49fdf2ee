/** The standard dialect: RFC 9211 `Cache-Status` only (mapping documented in cache-status.ts). */
import { classifyCacheStatus } from './cache-status.js';
import { CACHE_STATUS_HEADER } from './define-dialect.js';
import type { Classification, HeaderDialect, HeaderGetter } from './dialect.js';

/** RFC 9211 `Cache-Status`: status and PoP (the cache name) from the member closest to the client. */
export const rfc9211Dialect = Object.freeze({
  id: 'rfc9211',
  description: 'RFC 9211 Cache-Status (last member = cache closest to the client; PoP = its cache name)',
  headers: Object.freeze([CACHE_STATUS_HEADER]),
  classify(get: HeaderGetter): Classification {
    try {
      const raw = get(CACHE_STATUS_HEADER);
      return raw === undefined ? { cache: 'UNKNOWN' } : classifyCacheStatus(raw);
    } catch {
      return { cache: 'UNKNOWN' };
    }
  },
} as const) satisfies HeaderDialect;
