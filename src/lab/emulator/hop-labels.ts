/**
 * What a node says about how it produced a response: the RFC 9211 `Cache-Status` entry (always) and the
 * vendor headers of the profile's dialect (DOMAIN.md §4), in formats the dialect parsers of
 * src/dialects read back to the same status and PoP.
 *
 * Vendor words per outcome (RFC 9211 normalizes as its parser does; see cache-status.ts):
 *
 * | outcome      | cloudflare  | fastly    | cloudfront | akamai               | bunny       |
 * |--------------|-------------|-----------|------------|----------------------|-------------|
 * | hit          | HIT         | HIT       | Hit        | TCP_HIT              | HIT         |
 * | miss         | MISS        | MISS      | Miss       | TCP_MISS             | MISS        |
 * | expired      | EXPIRED     | MISS      | Miss       | TCP_REFRESH_MISS     | EXPIRED     |
 * | revalidated  | REVALIDATED | MISS      | RefreshHit | TCP_REFRESH_HIT      | REVALIDATED |
 * | updating     | UPDATING    | HIT-STALE | Hit        | TCP_HIT              | STALE       |
 * | stale-error  | STALE       | HIT-STALE | Hit        | TCP_REFRESH_FAIL_HIT | STALE       |
 * | uncacheable  | BYPASS      | MISS      | Miss       | TCP_MISS             | BYPASS      |
 * | pass         | DYNAMIC     | PASS      | Miss       | TCP_MISS             | BYPASS      |
 * | error        | MISS        | MISS      | Error      | TCP_MISS             | MISS        |
 *
 * Fastly and CloudFront do not report staleness or revalidation in their own headers, so neither does
 * the emulator in their dialects; `Cache-Status` always carries the exact outcome.
 */
import type { Outcome } from './cache-node.js';
import type { EmulatorDialect } from './emulator-profile.js';

/** The per-response facts the labels depend on. */
export interface LabelFacts {
  readonly outcome: Outcome;
  readonly fwdStatus: number | undefined;
  readonly stored: boolean;
  readonly collapsed: boolean;
  readonly refreshTriggered: boolean;
  /** Remaining freshness in whole seconds (negative when stale); used for `ttl=`. */
  readonly ttlSec: number;
}

type WordTable = Readonly<Record<Outcome, string>>;

const WORDS: Readonly<Record<Exclude<EmulatorDialect, 'rfc9211'>, WordTable>> = {
  cloudflare: { hit: 'HIT', miss: 'MISS', expired: 'EXPIRED', revalidated: 'REVALIDATED', updating: 'UPDATING', 'stale-error': 'STALE', uncacheable: 'BYPASS', pass: 'DYNAMIC', error: 'MISS' },
  fastly: { hit: 'HIT', miss: 'MISS', expired: 'MISS', revalidated: 'MISS', updating: 'HIT-STALE', 'stale-error': 'HIT-STALE', uncacheable: 'MISS', pass: 'PASS', error: 'MISS' },
  cloudfront: { hit: 'Hit', miss: 'Miss', expired: 'Miss', revalidated: 'RefreshHit', updating: 'Hit', 'stale-error': 'Hit', uncacheable: 'Miss', pass: 'Miss', error: 'Error' },
  akamai: { hit: 'TCP_HIT', miss: 'TCP_MISS', expired: 'TCP_REFRESH_MISS', revalidated: 'TCP_REFRESH_HIT', updating: 'TCP_HIT', 'stale-error': 'TCP_REFRESH_FAIL_HIT', uncacheable: 'TCP_MISS', pass: 'TCP_MISS', error: 'TCP_MISS' },
  bunny: { hit: 'HIT', miss: 'MISS', expired: 'EXPIRED', revalidated: 'REVALIDATED', updating: 'STALE', 'stale-error': 'STALE', uncacheable: 'BYPASS', pass: 'BYPASS', error: 'MISS' },
};

/** The parameters of this node's RFC 9211 entry (everything after the cache name). */
export function cacheStatusParams(f: LabelFacts): string {
  let p: string;
  switch (f.outcome) {
    case 'hit':
      p = `; hit; ttl=${f.ttlSec}`;
      break;
    case 'updating':
      // Served stale while the background refresh runs; the request that started it also says it went forward.
      p = `; hit; ttl=${f.ttlSec}${f.refreshTriggered ? '; fwd=stale' : ''}`;
      break;
    case 'stale-error':
      p = `; hit; ttl=${f.ttlSec}; fwd=stale${f.fwdStatus === undefined ? '' : `; fwd-status=${f.fwdStatus}`}`;
      break;
    case 'expired':
    case 'revalidated':
      p = `; fwd=stale; fwd-status=${f.fwdStatus ?? 0}`;
      break;
    case 'pass':
      p = `; fwd=method; fwd-status=${f.fwdStatus ?? 0}`;
      break;
    case 'error':
      p = '; fwd=miss; detail=upstream-error';
      break;
    default:
      p = `; fwd=miss; fwd-status=${f.fwdStatus ?? 0}`;
  }
  if (f.stored && f.outcome !== 'hit') p += '; stored';
  if (f.collapsed) p += '; collapsed';
  return p;
}

/** Writes one node's labels for one dialect. */
export interface DialectLabeler {
  /** True when the dialect writes its own `Server` header (the upstream's is dropped). */
  readonly ownsServer: boolean;
  /** Whether the last pair of every list is a per-request id (cf-ray) to stamp just before writing. */
  readonly stamped: boolean;
  /** Appends the vendor header pairs; `prevXCache`/`prevServedBy` are the upstream hops' values. */
  append(out: string[], outcome: Outcome, prevXCache: string | undefined, prevServedBy: string | undefined): void;
  /** A fresh per-request value for the stamped slot. */
  stamp(): string;
}

/** The labeler of node `id` (`fra`, or `shield`) for a dialect. */
export function dialectLabeler(dialect: EmulatorDialect, id: string, seed: number): DialectLabeler {
  const POP = id.toUpperCase();
  const none = { ownsServer: false, stamped: false, stamp: () => '' };
  switch (dialect) {
    case 'rfc9211':
      return { ...none, append: () => undefined };
    case 'cloudflare': {
      // cf-ray: 16 hex digits, unique per response: 8 from the seed, 8 from a counter.
      const prefix = (seed >>> 0).toString(16).padStart(8, '0');
      let n = 0;
      const w = WORDS.cloudflare;
      return {
        ownsServer: false,
        stamped: true,
        append: (out, o) => void out.push('cf-cache-status', w[o], 'cf-ray', ''),
        stamp: () => `${prefix}${((n = (n + 1) >>> 0)).toString(16).padStart(8, '0')}-${POP}`,
      };
    }
    case 'fastly': {
      const w = WORDS.fastly;
      const servedBy = `cache-${id}1234-${POP}`;
      return {
        ...none,
        append: (out, o, prevXCache, prevServedBy) =>
          void out.push('x-cache', prevXCache === undefined ? w[o] : `${prevXCache}, ${w[o]}`, 'x-served-by', prevServedBy === undefined ? servedBy : `${prevServedBy}, ${servedBy}`),
      };
    }
    case 'cloudfront': {
      const w = WORDS.cloudfront;
      const pop = `${POP}50-C1`;
      return { ...none, append: (out, o) => void out.push('x-cache', `${w[o]} from cloudfront`, 'x-amz-cf-pop', pop) };
    }
    case 'akamai': {
      const w = WORDS.akamai;
      const host = ` from a${id}.deploy.akamaitechnologies.com (AkamaiGHost/22.0) (-)`;
      return { ...none, append: (out, o) => void out.push('x-cache', `${w[o]}${host}`) };
    }
    case 'bunny': {
      const w = WORDS.bunny;
      const server = `BunnyCDN-${POP}-1000`;
      return { ...none, ownsServer: true, append: (out, o) => void out.push('cdn-cache', w[o], 'server', server) };
    }
  }
}

/**
 * The PoP id the profile's dialect parser reports for an emulated PoP: the supervisor names edges by it,
 * so samples attributed from headers and samples attributed by endpoint fall into the same series.
 */
export function dialectPopName(dialect: EmulatorDialect, id: string): string {
  switch (dialect) {
    case 'rfc9211':
      return id;
    case 'cloudfront':
      return `${id.toUpperCase()}50-C1`;
    case 'akamai':
      return `a${id}.deploy.akamaitechnologies.com`;
    default:
      return id.toUpperCase();
  }
}
