import { describe, expect, it } from 'vitest';
import { OriginCounters, OVERFLOW_KEY } from './counters.js';

describe('OriginCounters', () => {
  it('aggregates per path and edge, filters by prefix and resets', () => {
    const c = new OriginCounters();
    c.record('/maps/a', 'fra', 100, false);
    c.record('/maps/a', 'fra', 0, true);
    c.record('/audio/x', 'iad', 5, false);
    expect(c.stats('/maps/')).toEqual({
      fetches: 2, bytes: 100, revalidations: 1,
      byEdge: { fra: { fetches: 2, bytes: 100, revalidations: 1 } },
      objects: { '/maps/a': { fra: { fetches: 2, bytes: 100, revalidations: 1 } } },
    });
    expect(c.stats().fetches).toBe(3);
    c.reset();
    expect(c.stats().objects).toEqual({});
  });

  it('counts pairs beyond its bound under the overflow key, and keeps counting known pairs', () => {
    const c = new OriginCounters(2);
    c.record('/a', 'e', 1, false);
    c.record('/b', 'e', 1, false);
    c.record('/c', 'e', 1, false);
    c.record('/a', 'e', 1, false);
    c.record('/a', 'other', 1, false);
    const s = c.stats();
    expect(s.objects['/a']).toEqual({ e: { fetches: 2, bytes: 2, revalidations: 0 } });
    expect(s.objects[OVERFLOW_KEY]).toEqual({ [OVERFLOW_KEY]: { fetches: 2, bytes: 2, revalidations: 0 } });
    expect(s.fetches).toBe(5);
  });
});
