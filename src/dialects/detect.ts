/**
 * Picks a dialect from the headers of an unknown endpoint's first responses. Order matters: the most
 * specific fingerprints come first, because stacks leak each other's headers (Fastly is built on Varnish
 * and may expose X-Varnish; nginx or ATS behind a CDN still add their own), and Cache-Status is emitted
 * alongside vendor headers by several CDNs, so it only wins when nothing vendor-specific is present.
 */
import type { DialectId, HeaderGetter } from './dialect.js';
import { startsWithUpper } from './text.js';

/** Which dialect to use for an endpoint whose responses carry these headers; `generic` when unsure. */
export function detectDialect(get: HeaderGetter): DialectId {
  if (get('cf-ray') !== undefined || get('cf-cache-status') !== undefined) return 'cloudflare';
  const xCache = get('x-cache');
  if (get('x-amz-cf-pop') !== undefined) return 'cloudfront';
  if (xCache !== undefined && xCache.toLowerCase().includes('from cloudfront')) return 'cloudfront';
  const servedBy = get('x-served-by');
  if (xCache !== undefined && servedBy !== undefined && startsWithUpper(servedBy.trim(), 'CACHE-')) return 'fastly';
  const server = get('server');
  if (server !== undefined && startsWithUpper(server.trim(), 'BUNNYCDN')) return 'bunny';
  if (xCache !== undefined && xCache.toUpperCase().includes('TCP_')) return 'akamai';
  if (get('x-cache-status') !== undefined) return 'nginx';
  const via = get('via');
  if (via !== undefined && via.includes('ApacheTrafficServer')) return 'ats';
  if (get('x-varnish') !== undefined) return 'varnish';
  if (get('cache-status') !== undefined) return 'rfc9211';
  return 'generic';
}
