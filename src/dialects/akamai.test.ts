import { describe, expect, it } from 'vitest';
import { akamaiDialect } from './akamai.js';
import { headerGetter, type Classification } from './dialect.js';

const classify = (h: Record<string, string | undefined>): Classification => akamaiDialect.classify(headerGetter(h));
const HOST = 'a23-45-67-89.deploy.akamaitechnologies.com';
const xCache = (code: string): string => `${code} from ${HOST} (AkamaiGHost/11.4.3-53288234) (-)`;

describe('akamai dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['TCP_HIT', 'HIT'],
    ['TCP_MEM_HIT', 'HIT'],
    ['TCP_IMS_HIT', 'HIT'],
    ['TCP_NEGATIVE_HIT', 'HIT'],
    ['TCP_MISS', 'MISS'],
    ['TCP_IMS_MISS', 'MISS'],
    ['TCP_REFRESH_HIT', 'REVALIDATED'],
    ['TCP_REFRESH_MISS', 'MISS'],
    ['TCP_REFRESH_FAIL_HIT', 'STALE'],
    ['TCP_DENIED', 'BYPASS'],
    ['TCP_COOKIE_DENY', 'BYPASS'],
    ['TCP_FUTURE_HIT', 'HIT'],
    ['TCP_FUTURE_MISS', 'MISS'],
    ['tcp_mem_hit', 'HIT'],
    ['TCP_WHATEVER', 'UNKNOWN'],
  ])('%s → %s', (code, cache) => {
    expect(classify({ 'x-cache': xCache(code) })).toEqual({ cache, pop: HOST });
  });

  it('uses the last entry when several X-Cache values are joined', () => {
    expect(classify({ 'x-cache': `${xCache('TCP_MISS')}, TCP_HIT from a1-2-3-4.deploy.akamaitechnologies.com (AkamaiGHost/x) (-)` })).toEqual({
      cache: 'HIT',
      pop: 'a1-2-3-4.deploy.akamaitechnologies.com',
    });
  });

  it('reads a bare code without a host', () => {
    expect(classify({ 'x-cache': 'TCP_HIT' })).toEqual({ cache: 'HIT' });
  });

  it.each([{}, { 'x-cache': '' }, { 'x-cache': 'from nowhere' }, { 'x-cache': 'Hit from cloudfront' }])('malformed %j → UNKNOWN, no PoP', (h) => {
    expect(classify(h)).toEqual({ cache: 'UNKNOWN' });
  });
});
