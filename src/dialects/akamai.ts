/**
 * Akamai: `X-Cache: TCP_HIT from a23-45-67-89.deploy.akamaitechnologies.com (AkamaiGHost/…) (-)`, sent
 * only when the request carries `Pragma: akamai-x-cache-on`. PoP = the edge host after "from", the only
 * per-edge identity Akamai exposes.
 */
import type { CacheStatus } from '../result/sample.js';
import { defineDialect } from './define-dialect.js';
import { lastMember, startsWithUpper } from './text.js';

/**
 * REFRESH_HIT = stale copy revalidated with the origin (304). REFRESH_FAIL_HIT = origin unreachable, stale
 * copy served. NEGATIVE_HIT = a cached error response, still a hit. DENIED / COOKIE_DENY = the edge refused
 * to use the cache for this request.
 */
const CODES: ReadonlyMap<string, CacheStatus> = new Map<string, CacheStatus>([
  ['TCP_HIT', 'HIT'],
  ['TCP_MEM_HIT', 'HIT'],
  ['TCP_IMS_HIT', 'HIT'],
  ['TCP_NEGATIVE_HIT', 'HIT'],
  ['TCP_MISS', 'MISS'],
  ['TCP_IMS_MISS', 'MISS'],
  ['TCP_REFRESH_HIT', 'REVALIDATED'],
  ['TCP_REFRESH_MISS', 'MISS'],
  ['TCP_REFRESH_FAIL_HIT', 'STALE'],
  ['TCP_DENIED', 'BYPASS'],
  ['TCP_COOKIE_DENY', 'BYPASS'],
]);

const FROM = ' from ';

/** Normalizes an Akamai X-Cache value case-insensitively; undefined when absent or blank. */
export function akamaiXCacheStatus(value: string | undefined): CacheStatus | undefined {
  if (value === undefined) return undefined;
  const entry = lastMember(value);
  if (entry === '') return undefined;
  const space = entry.indexOf(' ');
  const code = (space < 0 ? entry : entry.slice(0, space)).toUpperCase();
  const known = CODES.get(code);
  if (known !== undefined) return known;
  // Akamai adds codes over time; the suffix carries the verdict.
  if (code.startsWith('TCP_') && code.endsWith('_HIT')) return 'HIT';
  if (code.startsWith('TCP_') && code.endsWith('_MISS')) return 'MISS';
  return 'UNKNOWN';
}

/** The edge host named after "from" in an Akamai X-Cache value; undefined for other vendors' X-Cache. */
export function akamaiEdgeHost(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const entry = lastMember(value);
  // CloudFront's "Hit from cloudfront" has the same shape; only Akamai's TCP_ codes name a host.
  if (!startsWithUpper(entry, 'TCP_')) return undefined;
  const at = entry.toLowerCase().indexOf(FROM);
  if (at < 0) return undefined;
  const start = at + FROM.length;
  const end = entry.indexOf(' ', start);
  const host = entry.slice(start, end < 0 ? entry.length : end);
  return host === '' ? undefined : host;
}

/** Akamai's header dialect. */
export const akamaiDialect = defineDialect({
  id: 'akamai',
  description: 'Akamai X-Cache (TCP_HIT/TCP_MISS/...; needs Pragma: akamai-x-cache-on); PoP = edge host',
  headers: ['x-cache'],
  status: (get) => akamaiXCacheStatus(get('x-cache')),
  pop: (get) => akamaiEdgeHost(get('x-cache')),
});
