import { describe, expect, it } from 'vitest';
import { headerGetter, type Classification } from './dialect.js';
import { varnishDialect } from './varnish.js';

const classify = (h: Record<string, string | undefined>): Classification => varnishDialect.classify(headerGetter(h));

describe('varnish dialect', () => {
  it.each<[Record<string, string>, Classification['cache']]>([
    [{ 'x-varnish': '32770' }, 'MISS'],
    [{ 'x-varnish': '32773 32771' }, 'HIT'],
    [{ 'x-varnish': '  32773   32771 ' }, 'HIT'],
    [{ 'x-varnish': '5 3, 32770' }, 'MISS'],
    [{ 'x-cache': 'HIT', 'x-varnish': '32770' }, 'HIT'],
    [{ 'x-cache': 'MISS', 'x-varnish': '32773 32771' }, 'MISS'],
    [{ 'x-cache': 'hit' }, 'HIT'],
    [{ 'x-cache': 'Miss' }, 'MISS'],
    [{ 'x-cache': 'PASS' }, 'BYPASS'],
    [{ 'x-cache': 'STALE' }, 'STALE'],
    [{ 'x-cache': 'garbage', 'x-varnish': '32773 32771' }, 'HIT'],
    [{ 'x-varnish': '32770', age: '120' }, 'MISS'],
  ])('%j → %s', (h, cache) => {
    expect(classify(h).cache).toBe(cache);
  });

  it('takes the PoP from X-Cdnbench-Pop', () => {
    expect(classify({ 'x-varnish': '1 2', 'x-cdnbench-pop': 'lab-fra' })).toEqual({ cache: 'HIT', pop: 'lab-fra' });
  });

  it.each([{}, { 'x-varnish': '' }, { 'x-varnish': 'abc' }, { 'x-varnish': '1 2 3' }, { 'x-cache': 'garbage' }, { age: '10' }])(
    'malformed %j → UNKNOWN',
    (h) => {
      expect(classify(h).cache).toBe('UNKNOWN');
    },
  );

  it('does not read Age', () => {
    expect(varnishDialect.headers).not.toContain('age');
  });
});
