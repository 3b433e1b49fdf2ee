/** Provider header dialects: normalize cache status and PoP from response headers (DOMAIN.md §4). */
export { DIALECT_IDS, headerGetter } from './dialect.js';
export type { Classification, DialectId, HeaderDialect, HeaderGetter } from './dialect.js';
export { DIALECTS, getDialect, isDialectId } from './registry.js';
export { detectDialect } from './detect.js';
export { classifyCacheStatus } from './cache-status.js';
export { CACHE_STATUS_HEADER, CDNBENCH_POP_HEADER, defineDialect, withCacheStatusFallback } from './define-dialect.js';
export type { DialectSpec } from './define-dialect.js';
