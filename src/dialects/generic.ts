/**
 * The dialect for an endpoint of unknown make: tries every known status header in a fixed order and takes
 * the first one that gives a verdict, so a stack of caches (e.g. nginx behind Cloudflare) is classified
 * by the most standard header it exposes. The PoP comes from the first header that names one.
 */
import type { CacheStatus } from '../result/sample.js';
import { akamaiEdgeHost, akamaiXCacheStatus } from './akamai.js';
import { bunnyServerPop } from './bunny.js';
import { classifyCacheStatus } from './cache-status.js';
import { cfRayPop } from './cloudflare.js';
import { cloudfrontPop, cloudfrontXCacheStatus } from './cloudfront.js';
import { CACHE_STATUS_HEADER, CDNBENCH_POP_HEADER, cdnbenchPop } from './define-dialect.js';
import type { Classification, HeaderDialect, HeaderGetter } from './dialect.js';
import { fastlyServedByPop, fastlyXCacheStatus } from './fastly.js';
import { lastMember, lookupWord, startsWithUpper, wordTable } from './text.js';
import { xVarnishStatus } from './varnish.js';

const WORDS = wordTable({ DYNAMIC: 'BYPASS', PASS: 'BYPASS' });
const FROM_CLOUDFRONT = ' FROM CLOUDFRONT';

/** Classifies any vendor's `X-Cache` flavour (Akamai, CloudFront, Fastly/Varnish word, or free text). */
export function anyXCacheStatus(value: string | undefined): CacheStatus | undefined {
  if (value === undefined) return undefined;
  const entry = lastMember(value);
  if (entry === '') return undefined;
  if (startsWithUpper(entry, 'TCP_')) return akamaiXCacheStatus(entry);
  const upper = entry.toUpperCase();
  if (upper.endsWith(FROM_CLOUDFRONT)) return cloudfrontXCacheStatus(entry);
  const word = fastlyXCacheStatus(entry);
  if (word !== 'UNKNOWN') return word;
  // Free-text headers from home-grown caches ("cache miss", "HIT from proxy-3"): MISS first, because
  // a text naming both is almost always a miss that reports where it looked.
  if (upper.includes('MISS')) return 'MISS';
  if (upper.includes('HIT')) return 'HIT';
  return 'UNKNOWN';
}

function status(get: HeaderGetter): Classification {
  const rfc = get(CACHE_STATUS_HEADER);
  if (rfc !== undefined) {
    const c = classifyCacheStatus(rfc);
    if (c.cache !== 'UNKNOWN') return c;
  }
  const cache =
    known(lookupWord(get('cf-cache-status'), WORDS)) ??
    known(lookupWord(get('x-cache-status'), WORDS)) ??
    known(lookupWord(get('cdn-cache'), WORDS)) ??
    known(anyXCacheStatus(get('x-cache'))) ??
    known(xVarnishStatus(get('x-varnish'))) ??
    'UNKNOWN';
  return { cache };
}

function known(s: CacheStatus | undefined): CacheStatus | undefined {
  return s === 'UNKNOWN' ? undefined : s;
}

function pop(get: HeaderGetter): string | undefined {
  return (
    cdnbenchPop(get(CDNBENCH_POP_HEADER)) ??
    fastlyServedByPop(get('x-served-by')) ??
    cloudfrontPop(get('x-amz-cf-pop')) ??
    cfRayPop(get('cf-ray')) ??
    bunnyServerPop(get('server')) ??
    akamaiEdgeHost(get('x-cache'))
  );
}

/** The catch-all dialect: every known status and PoP header, first verdict wins. */
export const genericDialect = Object.freeze({
  id: 'generic',
  description: 'Any endpoint: Cache-Status, cf-cache-status, X-Cache-Status, CDN-Cache, X-Cache, X-Varnish',
  headers: Object.freeze([
    CACHE_STATUS_HEADER,
    'cf-cache-status',
    'x-cache-status',
    'cdn-cache',
    'x-cache',
    'x-varnish',
    CDNBENCH_POP_HEADER,
    'x-served-by',
    'x-amz-cf-pop',
    'cf-ray',
    'server',
  ]),
  classify(get: HeaderGetter): Classification {
    try {
      const result = status(get);
      const named = pop(get);
      if (named !== undefined) result.pop = named;
      return result;
    } catch {
      return { cache: 'UNKNOWN' };
    }
  },
} as const) satisfies HeaderDialect;
