import { describe, expect, it } from 'vitest';
import { detectDialect } from './detect.js';
import { headerGetter, type DialectId } from './dialect.js';

describe('detectDialect', () => {
  it.each<[Record<string, string>, DialectId]>([
    [{ 'cf-ray': '7d1c2b3a4e5f6a7b-FRA' }, 'cloudflare'],
    [{ 'cf-cache-status': 'HIT', 'cache-status': 'cloudflare; hit' }, 'cloudflare'],
    [{ 'x-amz-cf-pop': 'IAD79-C3', 'x-cache': 'Hit from cloudfront' }, 'cloudfront'],
    [{ 'x-cache': 'Miss from cloudfront' }, 'cloudfront'],
    [{ 'x-cache': 'HIT, MISS', 'x-served-by': 'cache-iad-1-IAD, cache-fra19127-FRA', 'x-varnish': '1 2' }, 'fastly'],
    [{ server: 'BunnyCDN-DE1-1078', 'cdn-cache': 'HIT' }, 'bunny'],
    [{ 'x-cache': 'TCP_HIT from a23-45-67-89.deploy.akamaitechnologies.com (AkamaiGHost/1) (-)' }, 'akamai'],
    [{ 'x-cache-status': 'HIT', server: 'nginx/1.22.1' }, 'nginx'],
    [{ via: 'http/1.1 pop1 (ApacheTrafficServer/9.2.0 [cHs f ])' }, 'ats'],
    [{ 'x-varnish': '32770', via: '1.1 varnish (Varnish/7.1)' }, 'varnish'],
    [{ 'cache-status': 'ExampleCache; hit' }, 'rfc9211'],
    [{ 'x-cache': 'HIT' }, 'generic'],
    [{ 'x-served-by': 'cache-fra19127-FRA' }, 'generic'],
    [{}, 'generic'],
  ])('%j → %s', (h, id) => {
    expect(detectDialect(headerGetter(h))).toBe(id);
  });
});
