import { describe, expect, it } from 'vitest';
import { CACHE_STATUSES } from '../result/sample.js';
import { DIALECT_IDS, headerGetter } from './dialect.js';
import { DIALECTS, getDialect, isDialectId } from './registry.js';

describe('dialect registry', () => {
  it('registers every id under its own name', () => {
    expect(Object.keys(DIALECTS).sort()).toEqual([...DIALECT_IDS].sort());
    for (const id of DIALECT_IDS) expect(getDialect(id).id).toBe(id);
  });

  it('rejects unknown ids, naming the known ones', () => {
    expect(() => getDialect('akamai2')).toThrowError(/Unknown header dialect "akamai2".*cloudflare.*generic/);
    expect(isDialectId('toString')).toBe(false);
    expect(() => getDialect('constructor')).toThrowError(Error);
  });

  it.each(DIALECT_IDS)('%s declares lowercase headers including cache-status, no duplicates', (id) => {
    const { headers } = getDialect(id);
    expect(headers).toContain('cache-status');
    for (const h of headers) expect(h).toBe(h.toLowerCase());
    expect(new Set(headers).size).toBe(headers.length);
  });

  it.each(DIALECT_IDS)('%s falls back to RFC 9211 Cache-Status when its own header is absent', (id) => {
    const dialect = getDialect(id);
    expect(dialect.classify(headerGetter({ 'cache-status': 'edge; fwd=stale; fwd-status=304; collapsed' }))).toMatchObject({
      cache: 'REVALIDATED',
      collapsed: true,
    });
    expect(dialect.classify(headerGetter({ 'cache-status': 'edge; hit' })).cache).toBe('HIT');
  });

  it.each(DIALECT_IDS)('%s never throws and returns a known status on hostile input', (id) => {
    const dialect = getDialect(id);
    const hostile = ['', ',', ';', '"', '[', '\\', '\u0000', 'x'.repeat(10_000), ' , ; = " ] [ : '];
    for (const value of hostile) {
      const result = dialect.classify(() => value);
      expect(CACHE_STATUSES).toContain(result.cache);
    }
    const throwing = dialect.classify(() => {
      throw new Error('boom');
    });
    expect(throwing.cache).toBe('UNKNOWN');
  });

  it('headerGetter joins repeated headers with ", "', () => {
    const get = headerGetter({ 'x-cache': ['HIT', 'MISS'], empty: [] });
    expect(get('x-cache')).toBe('HIT, MISS');
    expect(get('empty')).toBeUndefined();
    expect(get('absent')).toBeUndefined();
  });
});
