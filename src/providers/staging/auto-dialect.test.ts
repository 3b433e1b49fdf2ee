import { describe, expect, it } from 'vitest';
import { headerGetter } from '../../dialects/dialect.js';
import { AutoDialect } from './auto-dialect.js';

describe('AutoDialect', () => {
  it('locks onto the first vendor fingerprint and reads with it from the first response on', () => {
    const chosen: string[] = [];
    const d = new AutoDialect(20, (id) => chosen.push(id));
    expect(d.id).toBe('generic');
    expect(d.headers).toEqual(expect.arrayContaining(['cf-ray', 'cf-cache-status', 'x-served-by', 'x-amz-cf-pop', 'server']));
    const first = d.classify(headerGetter({ 'cf-cache-status': 'HIT', 'cf-ray': '8f2c-FRA' }));
    expect(first).toMatchObject({ cache: 'HIT', pop: 'FRA' });
    expect(d.id).toBe('cloudflare');
    // Once chosen, a response that would suggest another dialect is still read as Cloudflare's.
    d.classify(headerGetter({ 'x-cache': 'Hit from cloudfront', 'x-amz-cf-pop': 'IAD50-C1' }));
    expect(d.id).toBe('cloudflare');
    expect(chosen).toEqual(['cloudflare']);
  });

  it('keeps generic after N responses without a fingerprint, reading RFC 9211 meanwhile', () => {
    const chosen: string[] = [];
    const d = new AutoDialect(3, (id) => chosen.push(id));
    const h = headerGetter({ 'cache-status': 'edge; hit' });
    expect(d.classify(h).cache).toBe('HIT');
    expect(d.id).toBe('rfc9211');
    const plain = new AutoDialect(3, (id) => chosen.push(id));
    for (let i = 0; i < 2; i++) plain.classify(headerGetter({}));
    expect(plain.decided).toBe(false);
    plain.classify(headerGetter({}));
    expect(plain.decided).toBe(true);
    expect(plain.id).toBe('generic');
  });
});
