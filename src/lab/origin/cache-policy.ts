/**
 * Cache-Control by TTL class (DOMAIN.md §1): micro for live sync state, short for mapping tiles, deltas and
 * metadata, long for content-hash-addressed audio and seek tables. The derived directives keep the ratios
 * of the defaults (s-maxage 5× max-age for short objects, 7× for long ones) so a scaled-down lab run still
 * exercises shared-cache freshness, stale-while-revalidate and stale-if-error (DOMAIN.md §7).
 */

/** How long an object may be cached. */
export type TtlClass = 'micro' | 'short' | 'long';

/** Freshness lifetimes in seconds (the `max-age` of each class). */
export interface TtlOptions {
  /** Live sync state; default 2. */
  microS?: number;
  /** Tiles, deltas, metadata; default 60. */
  shortS?: number;
  /** Audio and seek tables; default 86400 (one day). */
  longS?: number;
}

/** The default lifetimes. */
export const DEFAULT_TTL: Required<TtlOptions> = { microS: 2, shortS: 60, longS: 86_400 };

/** Errors and control responses must never be stored: a cached 404 would outlive a publish or a drop. */
export const NO_STORE = 'no-store';

/** Audio of an album that is not released yet: cacheable for 1 s, so a drop shows up almost at once. */
export const UNRELEASED_CACHE_CONTROL = 'public, max-age=1';

function seconds(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`ttl.${name} must be an integer >= 0 (got ${String(v)})`);
  return v;
}

/** The Cache-Control value of each TTL class; throws a RangeError for negative or fractional lifetimes. */
export function cacheControlByClass(ttl: TtlOptions = {}): Readonly<Record<TtlClass, string>> {
  const micro = seconds(ttl.microS, DEFAULT_TTL.microS, 'microS');
  const short = seconds(ttl.shortS, DEFAULT_TTL.shortS, 'shortS');
  const long = seconds(ttl.longS, DEFAULT_TTL.longS, 'longS');
  return {
    micro: `public, max-age=${micro}`,
    short: `public, max-age=${short}, s-maxage=${short * 5}, stale-while-revalidate=${Math.round(short / 2)}, stale-if-error=${short * 5}`,
    long: `public, max-age=${long}, s-maxage=${long * 7}, immutable`,
  };
}
