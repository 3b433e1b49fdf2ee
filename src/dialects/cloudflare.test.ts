import { describe, expect, it } from 'vitest';
import { cloudflareDialect } from './cloudflare.js';
import { headerGetter, type Classification } from './dialect.js';

const classify = (h: Record<string, string | undefined>): Classification => cloudflareDialect.classify(headerGetter(h));
const RAY = '7d1c2b3a4e5f6a7b-FRA';

describe('cloudflare dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['HIT', 'HIT'],
    ['MISS', 'MISS'],
    ['EXPIRED', 'EXPIRED'],
    ['STALE', 'STALE'],
    ['UPDATING', 'UPDATING'],
    ['REVALIDATED', 'REVALIDATED'],
    ['BYPASS', 'BYPASS'],
    ['DYNAMIC', 'BYPASS'],
    ['NONE', 'UNKNOWN'],
    ['UNKNOWN', 'UNKNOWN'],
    ['NONE/UNKNOWN', 'UNKNOWN'],
    ['hit', 'HIT'],
    [' Dynamic ', 'BYPASS'],
    ['DEFERRED-SOMETHING', 'UNKNOWN'],
  ])('cf-cache-status %j → %s', (value, cache) => {
    expect(classify({ 'cf-cache-status': value, 'cf-ray': RAY })).toEqual({ cache, pop: 'FRA' });
  });

  it.each<[string, string | undefined]>([
    ['7d1c2b3a4e5f6a7b-FRA', 'FRA'],
    ['7d1c2b3a4e5f6a7b-sjc', 'SJC'],
    ['7d1c2b3a4e5f6a7b', undefined],
    ['7d1c2b3a4e5f6a7b-', undefined],
    ['', undefined],
  ])('cf-ray %j → PoP %s', (ray, pop) => {
    expect(classify({ 'cf-cache-status': 'HIT', 'cf-ray': ray }).pop).toBe(pop);
  });

  it.each([{}, { 'cf-cache-status': '' }, { 'cf-cache-status': '???' }, { 'cf-ray': RAY }])('malformed %j → UNKNOWN', (h) => {
    expect(classify(h).cache).toBe('UNKNOWN');
  });
});
