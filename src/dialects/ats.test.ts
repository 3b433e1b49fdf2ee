import { describe, expect, it } from 'vitest';
import { atsDialect } from './ats.js';
import { headerGetter, type Classification } from './dialect.js';

const classify = (h: Record<string, string | undefined>): Classification => atsDialect.classify(headerGetter(h));
const long = (codes: string): string => `http/1.1 pop1 (ApacheTrafficServer/9.2.0 [${codes}])`;

describe('ats dialect', () => {
  it.each<[string, Classification['cache']]>([
    ['uScHs f p eN:t cCHi p s ', 'HIT'],
    ['uScRs f p eN:t cCHi p s ', 'HIT'],
    ['uScMsSfWpSeN:t cCMi p sS', 'MISS'],
    ['uScMsSf pSeN:t cCMi p sS', 'MISS'],
    ['uScAsSfWpSeN:t cCMi p sS', 'MISS'],
    ['uScSsNfUpReN:t cCSi p sS', 'REVALIDATED'],
    ['uIcSsSfUpSeN:t cCSi p sS', 'EXPIRED'],
    ['uSc sSf pSeN:tMc  p sS', 'BYPASS'],
    ['uSc sSf pSeN:t c  p sS', 'UNKNOWN'],
    ['uScMsEf p eC:t cCMp sF', 'MISS'],
  ])('long form [%s] → %s', (codes, cache) => {
    expect(classify({ via: long(codes) })).toEqual({ cache, pop: 'pop1' });
  });

  it.each<[string, Classification['cache']]>([
    ['[cHs f ]', 'HIT'],
    ['[cRs f ]', 'HIT'],
    ['[cWs f ]', 'HIT'], // read-while-writer, as ATS 9.2.9 sends it to the 199 collapsed requests of a burst
    ['[cMsSfW]', 'MISS'],
    ['[cSsNfU]', 'REVALIDATED'],
    ['[cSsSfU]', 'EXPIRED'],
    ['[c s f ]', 'UNKNOWN'],
  ])('short form %s → %s', (via, cache) => {
    expect(classify({ via })).toEqual({ cache });
  });

  it('uses the last Via entry with codes (closest to the client) for status and PoP', () => {
    const via = `${long('uScMsSfWpSeN:t cCMi p sS')}, https/1.1 edge-fra (ApacheTrafficServer/9.2.0 [uScHs f p eN:t cCHi p s ])`;
    expect(classify({ via })).toEqual({ cache: 'HIT', pop: 'edge-fra' });
  });

  it('ignores a non-ATS hop after the ATS entry', () => {
    expect(classify({ via: `${long('uScHs f p eN:t cCHi p s ')}, 1.1 varnish (Varnish/7.1)` })).toEqual({ cache: 'HIT', pop: 'pop1' });
  });

  it('prefers X-Cdnbench-Pop over the Via host', () => {
    expect(classify({ via: long('uScHs f p eN:t cCHi p s '), 'x-cdnbench-pop': 'lab-ats' }).pop).toBe('lab-ats');
  });

  it.each([{}, { via: '' }, { via: '1.1 varnish' }, { via: '[' }, { via: '[]' }, { via: '[c' }, { via: '[cZ]' }, { via: 'x [uS' }])(
    'malformed %j → UNKNOWN',
    (h) => {
      expect(classify(h).cache).toBe('UNKNOWN');
    },
  );
});
