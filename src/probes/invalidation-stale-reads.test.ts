import { describe, expect, it } from 'vitest';
import type { Sample } from '../result/sample.js';
import { StaleReadCounter } from './invalidation-stale-reads.js';
import { nearestRank, summarizeInvalidation } from '../result/invalidation-summary.js';

const ACK = 1_700_000_000_000;

function sample(patch: Partial<Sample>): Sample {
  return {
    provider: 'p', pop: 'fra', objectClass: 'mapping-tile', path: '/a', status: 200, cache: 'HIT', bytes: 100, bodyBytes: 80,
    ttfbUs: 1, totalUs: 2, serviceUs: 2, startedAt: ACK, etag: '"old"', ...patch,
  };
}

describe('StaleReadCounter', () => {
  it('counts watched paths carrying the old ETag from the acknowledgement on', () => {
    const c = new StaleReadCounter(new Map([['/a', '"old"'], ['/b', '"b1"']]));
    c.add(sample({})); // before ackAt: not counted
    c.ackAt(ACK);
    c.add(sample({ startedAt: ACK - 1 })); // started before the ack
    c.add(sample({})); // stale, at the ack
    c.add(sample({ startedAt: ACK + 500, pop: 'iad', etag: 'W/"old"' })); // weakened by the CDN: still the old object
    c.add(sample({ etag: '"new"' })); // fresh
    c.add(sample({ etag: undefined })); // no ETag: cannot tell, not counted
    c.add(sample({ path: '/c' })); // not watched
    c.add(sample({ status: 0, error: 'reset', etag: '"old"' })); // failed exchange
    c.add(sample({ path: '/b', etag: '"b1"', startedAt: ACK + 1 }));
    expect(c.staleReads).toBe(3);
    expect(Object.fromEntries(c.staleReadsByPop)).toEqual({ fra: 2, iad: 1 });
    expect(c.ackedAt).toBe(ACK);
  });

  it('versioned URLs: readers fetch the new path, which never carries the old ETag, so nothing counts', () => {
    const c = new StaleReadCounter();
    c.watch('/maps/x/e2/en/1-10.json', '"tile-e1-v1"');
    c.ackAt(ACK);
    c.add(sample({ path: '/maps/x/e2/en/1-10.json', etag: '"tile-e2-v2"', startedAt: ACK + 5 }));
    c.add(sample({ path: '/maps/x/e1/en/1-10.json', etag: '"tile-e1-v1"', startedAt: ACK + 5 })); // the old URL still means the old object
    expect(c.staleReads).toBe(0);
  });
});

describe('invalidation summary', () => {
  it('nearest-rank percentiles over converged points only', () => {
    expect(nearestRank([], 50)).toBeUndefined();
    expect(nearestRank([10], 95)).toBe(10);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(nearestRank(twenty, 50)).toBe(10);
    expect(nearestRank(twenty, 95)).toBe(19);
    expect(nearestRank(twenty, 100)).toBe(20);
    const r = summarizeInvalidation({
      points: [{ object: '/a', pop: 'fra', ms: 120 }, { object: '/a', pop: 'iad', ms: 80 }, { object: '/a', pop: 'sin', ms: null }, { object: '/a', pop: 'gru', ms: 300 }],
      objects: 1, pops: 4, purgeApiMs: 42, staleReads: 0, strategy: 'purge-url',
    });
    expect(r).toMatchObject({ t50Ms: 120, t95Ms: 300, maxMs: 300, converged: 0.75 });
    const none = summarizeInvalidation({ points: [{ object: '/a', pop: 'fra', ms: null }], objects: 1, pops: 1, purgeApiMs: null, staleReads: 0, strategy: 'versioned-url' });
    expect(none).toMatchObject({ t50Ms: null, t95Ms: null, maxMs: null, converged: 0 });
  });
});
