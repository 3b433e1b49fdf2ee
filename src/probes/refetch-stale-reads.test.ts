import { describe, expect, it } from 'vitest';
import type { Sample } from '../result/sample.js';
import { RefetchStaleReads } from './refetch-stale-reads.js';

function sample(over: Partial<Sample>): Sample {
  return { provider: 's', pop: 'fra', objectClass: 'metadata', path: '/a', status: 200, cache: 'HIT', bytes: 1, bodyBytes: 1, ttfbUs: 1000, totalUs: 3000, serviceUs: 1000, startedAt: 0, ...over };
}

describe('RefetchStaleReads', () => {
  it('takes a reader\'s MISS sent after t0 as the refetch, by socket-write time', () => {
    const r = new RefetchStaleReads();
    r.watch('/a', 'fra');
    r.startAt(1000);
    r.add(sample({ cache: 'MISS', startedAt: 990, totalUs: 3000, serviceUs: 1000 })); // sent at 992: before t0
    expect(r.readerRefetchAt('/a', 'fra')).toBeUndefined();
    r.add(sample({ cache: 'MISS', pop: 'iad', startedAt: 1100 })); // another PoP
    r.add(sample({ cache: 'MISS', path: '/b', startedAt: 1100 })); // another object
    r.add(sample({ cache: 'MISS', status: 500, startedAt: 1100 }));
    expect(r.readerRefetchAt('/a', 'fra')).toBeUndefined();
    r.add(sample({ cache: 'MISS', startedAt: 1200, totalUs: 5000, serviceUs: 1000 }));
    r.add(sample({ cache: 'MISS', startedAt: 1300 }));
    expect(r.readerRefetchAt('/a', 'fra')).toBe(1204);
  });

  it('counts cached answers started after the acknowledgement and sent before the convergence', () => {
    const r = new RefetchStaleReads();
    r.watch('/a', 'fra');
    r.startAt(1000);
    r.add(sample({ startedAt: 1010 })); // before the ack
    r.ackAt(1050);
    r.add(sample({ startedAt: 1060 }));
    r.add(sample({ startedAt: 1070, cache: 'STALE' }));
    r.add(sample({ startedAt: 1080, cache: 'MISS' }));
    r.converged('/a', 'fra', 1100);
    r.add(sample({ startedAt: 1150 })); // the new copy
    expect(r.staleReads).toBe(2);
  });
});
