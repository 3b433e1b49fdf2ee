import { describe, expect, it } from 'vitest';
import { cachePolicy, parseDirectives } from './cache-policy.js';

const NOW = Date.UTC(2025, 0, 1);
const policy = (headers: string[], status = 200, authorized = false) => cachePolicy(status, headers, NOW, authorized);

describe('cachePolicy', () => {
  it('parses directives, first occurrence wins, quotes removed', () => {
    expect([...parseDirectives('Max-Age=5, max-age=9, private="set-cookie", no-cache')]).toEqual([['max-age', '5'], ['private', 'set-cookie'], ['no-cache', '']]);
  });

  it.each<[string, string[], number, Partial<ReturnType<typeof cachePolicy>>]>([
    ['s-maxage over max-age', ['cache-control', 'max-age=5, s-maxage=50'], 200, { storable: true, freshMs: 50_000 }],
    ['swr and sie', ['cache-control', 'max-age=5, stale-while-revalidate=7, stale-if-error=9'], 200, { swrMs: 7000, sieMs: 9000 }],
    ['must-revalidate disables stale', ['cache-control', 'max-age=5, must-revalidate, stale-if-error=9'], 200, { storable: true, sieMs: 0 }],
    ['no-cache: stored, lifetime 0', ['cache-control', 'no-cache, max-age=60', 'etag', '"a"'], 200, { storable: true, freshMs: 0 }],
    ['validator only: stored, lifetime 0', ['etag', '"a"'], 200, { storable: true, freshMs: 0 }],
    ['nothing: not stored', ['content-type', 'text/plain'], 200, { storable: false }],
    ['Vary: * not stored', ['cache-control', 'max-age=60', 'vary', '*'], 200, { storable: false }],
    ['Surrogate-Control gives the lifetime', ['cache-control', 'max-age=5', 'surrogate-control', 'max-age=500'], 200, { freshMs: 500_000 }],
    ['Surrogate-Control does not override private', ['cache-control', 'private', 'surrogate-control', 'max-age=500'], 200, { storable: false }],
    ['CDN-Cache-Control replaces Cache-Control', ['cache-control', 'private', 'cdn-cache-control', 'max-age=30'], 200, { storable: true, freshMs: 30_000 }],
    ['206 never stored', ['cache-control', 'max-age=60'], 206, { storable: false }],
    ['503 never stored', ['cache-control', 'max-age=60'], 503, { storable: false }],
    ['301 with max-age stored', ['cache-control', 'max-age=60'], 301, { storable: true }],
    ['404 with only a validator not stored', ['etag', '"a"'], 404, { storable: false }],
  ])('%s', (_name, headers, status, want) => {
    expect(policy(headers, status)).toMatchObject(want);
  });

  it('Authorization needs public, s-maxage or must-revalidate (RFC 9111 §3.5)', () => {
    expect(policy(['cache-control', 'max-age=60'], 200, true).storable).toBe(false);
    expect(policy(['cache-control', 'public, max-age=60'], 200, true).storable).toBe(true);
    expect(policy(['cache-control', 's-maxage=60'], 200, true).storable).toBe(true);
  });

  it('Expires is measured from Date, else from arrival', () => {
    const date = new Date(NOW - 10_000).toUTCString();
    const expires = new Date(NOW + 50_000).toUTCString();
    expect(policy(['date', date, 'expires', expires]).freshMs).toBe(60_000);
    expect(policy(['expires', expires]).freshMs).toBe(50_000);
  });
});
