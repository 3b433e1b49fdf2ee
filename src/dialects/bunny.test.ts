import { describe, expect, it } from 'vitest';
import { bunnyDialect } from './bunny.js';
import { headerGetter, type Classification } from './dialect.js';

const classify = (h: Record<string, string | undefined>): Classification => bunnyDialect.classify(headerGetter(h));

describe('bunny dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['HIT', 'HIT'],
    ['MISS', 'MISS'],
    ['EXPIRED', 'EXPIRED'],
    ['STALE', 'STALE'],
    ['BYPASS', 'BYPASS'],
    ['UPDATING', 'UPDATING'],
    ['REVALIDATED', 'REVALIDATED'],
    ['hit', 'HIT'],
    ['Miss ', 'MISS'],
    ['NOPE', 'UNKNOWN'],
  ])('cdn-cache %j → %s', (value, cache) => {
    expect(classify({ 'cdn-cache': value, server: 'BunnyCDN-DE1-1078' })).toEqual({ cache, pop: 'DE1' });
  });

  it.each<[string, string | undefined]>([
    ['BunnyCDN-DE1-1078', 'DE1'],
    ['BunnyCDN-NY-920', 'NY'],
    ['bunnycdn-uk1-12', 'UK1'],
    ['BunnyCDN-SG1', 'SG1'],
    ['BunnyCDN-', undefined],
    ['nginx/1.22.1', undefined],
  ])('server %j → PoP %s', (server, pop) => {
    expect(classify({ 'cdn-cache': 'HIT', server }).pop).toBe(pop);
  });

  it.each([{}, { 'cdn-cache': '' }, { server: 'BunnyCDN-DE1-1078' }])('malformed %j → UNKNOWN', (h) => {
    expect(classify(h).cache).toBe('UNKNOWN');
  });
});
