import { describe, expect, it } from 'vitest';
import { headerGetter, type Classification } from './dialect.js';
import { fastlyDialect } from './fastly.js';

const classify = (h: Record<string, string | undefined>): Classification => fastlyDialect.classify(headerGetter(h));

describe('fastly dialect', () => {
  it.each<[Record<string, string>, Classification]>([
    [{ 'x-cache': 'HIT', 'x-served-by': 'cache-fra19127-FRA' }, { cache: 'HIT', pop: 'FRA' }],
    [{ 'x-cache': 'MISS', 'x-served-by': 'cache-fra19127-FRA' }, { cache: 'MISS', pop: 'FRA' }],
    // Shield first, edge last: the edge's verdict and PoP are what the client saw.
    [{ 'x-cache': 'HIT, MISS', 'x-served-by': 'cache-iad-kiad7000025-IAD, cache-fra19127-FRA' }, { cache: 'MISS', pop: 'FRA' }],
    [{ 'x-cache': 'MISS, HIT', 'x-served-by': 'cache-jfk1041-JFK, cache-ord1720-ORD' }, { cache: 'HIT', pop: 'ORD' }],
    [{ 'x-cache': 'HIT, HIT', 'x-served-by': 'cache-jfk1041-JFK, cache-ord1720-ORD' }, { cache: 'HIT', pop: 'ORD' }],
    [{ 'x-cache': 'hit', 'x-served-by': 'cache-fra19127-fra' }, { cache: 'HIT', pop: 'FRA' }],
    [{ 'x-cache': 'PASS', 'x-served-by': 'cache-fra19127-FRA' }, { cache: 'BYPASS', pop: 'FRA' }],
    [{ 'x-cache': 'HIT-STALE', 'x-served-by': 'cache-fra19127-FRA' }, { cache: 'STALE', pop: 'FRA' }],
    [{ 'x-cache': 'HIT-CLUSTER', 'x-served-by': 'cache-fra19127-FRA' }, { cache: 'HIT', pop: 'FRA' }],
    [{ 'x-cache': 'MISS-CLUSTER' }, { cache: 'MISS' }],
    [{ 'x-cache': 'HIT' }, { cache: 'HIT' }],
  ])('%j', (h, expected) => {
    expect(classify(h)).toEqual(expected);
  });

  it.each([{}, { 'x-cache': '' }, { 'x-cache': 'WAT' }, { 'x-cache': ', ' }, { 'x-served-by': 'cache-fra19127-FRA' }])(
    'malformed %j → UNKNOWN',
    (h) => {
      expect(classify(h).cache).toBe('UNKNOWN');
    },
  );

  it('has no PoP for an X-Served-By without a suffix', () => {
    expect(classify({ 'x-cache': 'HIT', 'x-served-by': 'cachenode' }).pop).toBeUndefined();
  });
});
