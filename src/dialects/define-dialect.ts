/**
 * Builds a HeaderDialect from its two cheap parts (status, PoP) and adds the RFC 9211 fallback every
 * dialect shares: providers are adopting `Cache-Status`, and a dialect should keep working on an endpoint
 * that has switched to it (or sits behind a cache that emits it) without a new release.
 */
import type { CacheStatus } from '../result/sample.js';
import { classifyCacheStatus } from './cache-status.js';
import type { Classification, DialectId, HeaderDialect, HeaderGetter } from './dialect.js';
import { lastMember, nonEmpty } from './text.js';

/** The RFC 9211 header name, read by every dialect as a fallback. */
export const CACHE_STATUS_HEADER = 'cache-status';

/** The header cdnbench's own engine configs (Varnish, nginx, ATS) set to name their PoP. */
export const CDNBENCH_POP_HEADER = 'x-cdnbench-pop';

/** The PoP named by `X-Cdnbench-Pop` (the last hop's, when several caches set it). */
export function cdnbenchPop(value: string | undefined): string | undefined {
  return value === undefined ? undefined : nonEmpty(lastMember(value));
}

/** The provider-specific half of a dialect. */
export interface DialectSpec<I extends DialectId> {
  /** Registry key. */
  readonly id: I;
  /** One line for `--help` and reports. */
  readonly description: string;
  /** Headers status() and pop() read; `cache-status` is added automatically. */
  readonly headers: readonly string[];
  /** The provider's own verdict; undefined when its header is absent. */
  status(get: HeaderGetter): CacheStatus | undefined;
  /** The PoP named by the provider's own headers, if any. */
  pop(get: HeaderGetter): string | undefined;
}

const UNKNOWN: Classification = Object.freeze({ cache: 'UNKNOWN' });

/**
 * Applies the `Cache-Status` fallback when the provider's own verdict is absent or UNKNOWN (an unreadable
 * own header should not hide a readable standard one). The provider's PoP still wins over the RFC cache
 * name because it is the id users know the PoP by.
 */
export function withCacheStatusFallback(
  get: HeaderGetter,
  own: CacheStatus | undefined,
  ownPop: string | undefined,
): Classification {
  if (own !== undefined && own !== 'UNKNOWN') return { cache: own, pop: ownPop };
  const raw = get(CACHE_STATUS_HEADER);
  if (raw === undefined) return ownPop === undefined ? { cache: 'UNKNOWN' } : { cache: 'UNKNOWN', pop: ownPop };
  const rfc = classifyCacheStatus(raw);
  if (ownPop !== undefined) rfc.pop = ownPop;
  return rfc;
}

/** Assembles a dialect whose classify() never throws and honours the RFC 9211 fallback. */
export function defineDialect<I extends DialectId>(spec: DialectSpec<I>): HeaderDialect & { readonly id: I } {
  const { status, pop } = spec;
  const headers = Object.freeze([...new Set([...spec.headers, CACHE_STATUS_HEADER])]);
  return Object.freeze({
    id: spec.id,
    description: spec.description,
    headers,
    classify(get: HeaderGetter): Classification {
      // The parsers are written not to throw, but a getter might; one odd response must not abort a run.
      try {
        return withCacheStatusFallback(get, status(get), pop(get));
      } catch {
        return { ...UNKNOWN };
      }
    },
  });
}
