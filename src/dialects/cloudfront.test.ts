import { describe, expect, it } from 'vitest';
import { cloudfrontDialect } from './cloudfront.js';
import { headerGetter, type Classification } from './dialect.js';

const classify = (h: Record<string, string | undefined>): Classification => cloudfrontDialect.classify(headerGetter(h));

describe('cloudfront dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['Hit from cloudfront', 'HIT'],
    ['Miss from cloudfront', 'MISS'],
    ['RefreshHit from cloudfront', 'REVALIDATED'],
    ['Error from cloudfront', 'UNKNOWN'],
    ['LimitExceeded from cloudfront', 'UNKNOWN'],
    ['Redirect from cloudfront', 'UNKNOWN'],
    ['HIT FROM CLOUDFRONT', 'HIT'],
    ['refreshhit from cloudfront', 'REVALIDATED'],
    ['Hit', 'HIT'],
  ])('x-cache %j → %s', (value, cache) => {
    expect(classify({ 'x-cache': value, 'x-amz-cf-pop': 'IAD79-C3' })).toEqual({ cache, pop: 'IAD79-C3' });
  });

  it.each<[string, string | undefined]>([
    ['IAD79-C3', 'IAD79-C3'],
    ['FRA56-P5', 'FRA56-P5'],
    ['IAD89-P1, FRA56-P5', 'FRA56-P5'],
    ['  ', undefined],
  ])('x-amz-cf-pop %j → %s', (value, pop) => {
    expect(classify({ 'x-cache': 'Hit from cloudfront', 'x-amz-cf-pop': value }).pop).toBe(pop);
  });

  it.each([{}, { 'x-cache': '' }, { 'x-cache': 'from cloudfront' }, { 'x-amz-cf-pop': 'IAD79-C3' }])('malformed %j → UNKNOWN', (h) => {
    expect(classify(h).cache).toBe('UNKNOWN');
  });
});
