import { describe, expect, it } from 'vitest';
import { isFresh, type Pair } from './invalidation-pair.js';
import type { VersionClient, VersionObservation } from './invalidation-poll-client.js';

function pair(over: Partial<Pair>): Pair {
  return { object: '/a', pop: 'fra', client: {} as VersionClient, requestPath: (s) => s, old: 'etag:"1"', oldEtag: '"1"', primedHit: true, primeAge: 10, primeAt: 1000, ms: null, ...over };
}

function obs(over: Partial<VersionObservation>): VersionObservation {
  return { status: 200, version: 'etag:"1"', etag: '"1"', sentAt: 1500, endAt: 1501, cache: 'HIT', age: 10, ...over };
}

describe('isFresh', () => {
  it('version: only a new version token counts', () => {
    expect(isFresh(obs({ version: 'etag:"2"' }), pair({}), 'version')).toBe(true);
    expect(isFresh(obs({ cache: 'MISS', age: 0 }), pair({}), 'version')).toBe(false);
    expect(isFresh(obs({ status: 503, version: null }), pair({}), 'version')).toBe(false);
  });

  it('refetch: MISS or EXPIRED after a primed HIT, a restarted Age, or a new version', () => {
    expect(isFresh(obs({ cache: 'MISS' }), pair({}), 'refetch')).toBe(true);
    expect(isFresh(obs({ cache: 'EXPIRED' }), pair({}), 'refetch')).toBe(true);
    // Priming never saw a HIT: a MISS may just be an uncacheable object.
    expect(isFresh(obs({ cache: 'MISS' }), pair({ primedHit: false }), 'refetch')).toBe(false);
    expect(isFresh(obs({ version: 'sha256:x' }), pair({}), 'refetch')).toBe(true);
  });

  it('refetch by Age: below primeAge + whole seconds elapsed − 1', () => {
    // 5.5 s after the prime, the primed copy is at least 10 + 5 = 15 s old; 13 is the rounding allowance.
    expect(isFresh(obs({ age: 14, sentAt: 6500 }), pair({}), 'refetch')).toBe(false);
    expect(isFresh(obs({ age: 13, sentAt: 6500 }), pair({}), 'refetch')).toBe(true);
    expect(isFresh(obs({ age: 2, sentAt: 1500 }), pair({}), 'refetch')).toBe(true);
    expect(isFresh(obs({ age: 9, sentAt: 1500 }), pair({}), 'refetch')).toBe(false);
    expect(isFresh(obs({ age: null }), pair({}), 'refetch')).toBe(false);
  });
});
