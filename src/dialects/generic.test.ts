import { describe, expect, it } from 'vitest';
import { headerGetter, type Classification } from './dialect.js';
import { genericDialect } from './generic.js';

const classify = (h: Record<string, string | undefined>): Classification => genericDialect.classify(headerGetter(h));

describe('generic dialect', () => {
  it.each<[Record<string, string>, Classification]>([
    [{ 'cache-status': 'edge-1; hit' }, { cache: 'HIT', pop: 'edge-1' }],
    [{ 'cache-status': 'edge-1; fwd=miss', 'x-cdnbench-pop': 'lab' }, { cache: 'MISS', pop: 'lab' }],
    [{ 'cache-status': 'edge-1; fwd=miss; collapsed' }, { cache: 'MISS', pop: 'edge-1', collapsed: true }],
    [{ 'cf-cache-status': 'DYNAMIC', 'cf-ray': 'abc-AMS' }, { cache: 'BYPASS', pop: 'AMS' }],
    [{ 'x-cache-status': 'UPDATING' }, { cache: 'UPDATING' }],
    [{ 'cdn-cache': 'EXPIRED', server: 'BunnyCDN-DE1-1078' }, { cache: 'EXPIRED', pop: 'DE1' }],
    [{ 'x-cache': 'HIT, MISS', 'x-served-by': 'cache-a-IAD, cache-b-FRA' }, { cache: 'MISS', pop: 'FRA' }],
    [{ 'x-cache': 'RefreshHit from cloudfront', 'x-amz-cf-pop': 'IAD79-C3' }, { cache: 'REVALIDATED', pop: 'IAD79-C3' }],
    [{ 'x-cache': 'Hit from cloudfront' }, { cache: 'HIT' }],
    [{ 'x-cache': 'TCP_MEM_HIT from a1.deploy.akamaitechnologies.com (AkamaiGHost/1) (-)' }, { cache: 'HIT', pop: 'a1.deploy.akamaitechnologies.com' }],
    [{ 'x-cache': 'tcp_refresh_hit from a1 (x)' }, { cache: 'REVALIDATED', pop: 'a1' }],
    [{ 'x-cache': 'cache miss' }, { cache: 'MISS' }],
    [{ 'x-cache': 'HIT from squid-3' }, { cache: 'HIT' }],
    [{ 'x-varnish': '12 10' }, { cache: 'HIT' }],
    [{ 'x-varnish': '12' }, { cache: 'MISS' }],
    // First verdict wins: an unreadable Cache-Status does not hide a readable vendor header.
    [{ 'cache-status': 'edge; stored', 'cf-cache-status': 'HIT', 'cf-ray': 'x-FRA' }, { cache: 'HIT', pop: 'FRA' }],
    [{ 'cf-cache-status': 'garbage', 'x-cache-status': 'HIT' }, { cache: 'HIT' }],
  ])('%j', (h, expected) => {
    expect(classify(h)).toEqual(expected);
  });

  it.each([{}, { 'x-cache': '' }, { 'x-cache': 'wat' }, { 'cache-status': '' }, { 'x-varnish': 'x y' }, { server: 'nginx' }])(
    'malformed %j → UNKNOWN',
    (h) => {
      expect(classify(h).cache).toBe('UNKNOWN');
    },
  );
});
