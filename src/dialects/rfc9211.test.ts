import { describe, expect, it } from 'vitest';
import { headerGetter, type Classification } from './dialect.js';
import { rfc9211Dialect } from './rfc9211.js';

const classify = (value: string | undefined): Classification =>
  rfc9211Dialect.classify(headerGetter(value === undefined ? {} : { 'cache-status': value }));

describe('rfc9211 dialect', () => {
  it.each<[string, Classification]>([
    ['ExampleCache; hit', { cache: 'HIT', pop: 'ExampleCache' }],
    ['ExampleCache; hit; ttl=376', { cache: 'HIT', pop: 'ExampleCache' }],
    ['ExampleCache; hit; ttl=-412', { cache: 'STALE', pop: 'ExampleCache' }],
    ['ExampleCache; hit=?1', { cache: 'HIT', pop: 'ExampleCache' }],
    ['ExampleCache; hit=?0; fwd=miss', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=miss; fwd-status=200; ttl=300; stored', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=uri-miss', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=vary-miss', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=partial', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=some-extension', { cache: 'MISS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=bypass', { cache: 'BYPASS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=method', { cache: 'BYPASS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=request', { cache: 'BYPASS', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=stale; fwd-status=304', { cache: 'REVALIDATED', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=stale; fwd-status=200', { cache: 'EXPIRED', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=stale', { cache: 'EXPIRED', pop: 'ExampleCache' }],
    ['ExampleCache; fwd=miss; collapsed', { cache: 'MISS', pop: 'ExampleCache', collapsed: true }],
    ['ExampleCache; fwd=miss; collapsed=?0', { cache: 'MISS', pop: 'ExampleCache' }],
    ['"fra-edge 7"; hit', { cache: 'HIT', pop: 'fra-edge 7' }],
    ['"say \\"hi\\""; hit', { cache: 'HIT', pop: 'say "hi"' }],
    ['ExampleCache; stored', { cache: 'UNKNOWN', pop: 'ExampleCache' }],
    ['ExampleCache', { cache: 'UNKNOWN', pop: 'ExampleCache' }],
  ])('%s', (value, expected) => {
    expect(classify(value)).toEqual(expected);
  });

  it.each<[string, Classification]>([
    ['OriginCache; hit; ttl=1100, "CDN Company Here"; hit; ttl=545', { cache: 'HIT', pop: 'CDN Company Here' }],
    ['OriginCache; hit, fra-edge; fwd=miss; stored', { cache: 'MISS', pop: 'fra-edge' }],
    ['shield; fwd=miss; key="a,b;c"; detail="x, y", edge; fwd=stale; fwd-status=304', { cache: 'REVALIDATED', pop: 'edge' }],
    ['edge; fwd=miss; key="/p?a=1,2"', { cache: 'MISS', pop: 'edge' }],
    ['edge;fwd=miss;fwd-status=200', { cache: 'MISS', pop: 'edge' }],
  ])('multi-hop / quoting: %s', (value, expected) => {
    expect(classify(value)).toEqual(expected);
  });

  it.each(['ExampleCache; HIT', 'ExampleCache; FWD=MISS', 'ExampleCache; fwd=Bypass'])('is lenient about case: %s', (v) => {
    expect(classify(v).cache).not.toBe('UNKNOWN');
  });

  it.each([undefined, '', '   ', ',', 'a; hit,', '; hit', '"unterminated; hit', 'x;;;', 'x; =5', 'x; ttl=abc', '\u0000\uffff'])(
    'malformed %j gives UNKNOWN without throwing',
    (v) => {
      expect(classify(v).cache).toBe('UNKNOWN');
    },
  );

  it('declares only cache-status', () => {
    expect(rfc9211Dialect.headers).toEqual(['cache-status']);
  });
});
