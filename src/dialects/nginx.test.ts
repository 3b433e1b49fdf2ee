import { describe, expect, it } from 'vitest';
import { headerGetter, type Classification } from './dialect.js';
import { nginxDialect } from './nginx.js';

const classify = (h: Record<string, string | undefined>): Classification => nginxDialect.classify(headerGetter(h));

describe('nginx dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['MISS', 'MISS'],
    ['BYPASS', 'BYPASS'],
    ['EXPIRED', 'EXPIRED'],
    ['STALE', 'STALE'],
    ['UPDATING', 'UPDATING'],
    ['REVALIDATED', 'REVALIDATED'],
    ['HIT', 'HIT'],
    ['hit', 'HIT'],
    [' Revalidated ', 'REVALIDATED'],
    ['SCARCE', 'UNKNOWN'],
  ])('x-cache-status %j → %s', (value, cache) => {
    expect(classify({ 'x-cache-status': value, 'x-cdnbench-pop': 'nginx-1' })).toEqual({ cache, pop: 'nginx-1' });
  });

  it('uses the last value when two proxies each add the header', () => {
    expect(classify({ 'x-cache-status': 'MISS, HIT' }).cache).toBe('HIT');
  });

  it.each([{}, { 'x-cache-status': '' }, { 'x-cache-status': '-' }, { 'x-cdnbench-pop': '' }])('malformed %j → UNKNOWN', (h) => {
    expect(classify(h)).toEqual({ cache: 'UNKNOWN' });
  });
});
