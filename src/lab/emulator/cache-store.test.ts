import { describe, expect, it } from 'vitest';
import { CacheStore } from './cache-store.js';

describe('which fetches a purge overtakes', () => {
  it('is decided by order, not by the clock: a fetch started after a purge in the same millisecond may be stored', () => {
    const store = new CacheStore(1_000_000);
    const sameMs = 1_700_000_000_000;
    const before = store.purgeMark;
    store.purge({ kind: 'all' }, sameMs);
    const after = store.purgeMark;
    // Started before the purge: storing its answer would bring the purged object back.
    expect(store.wasPurgedSince(before, '/a', [])).toBe(true);
    // Started after it (the same millisecond by the clock): nothing overtook it.
    expect(store.wasPurgedSince(after, '/a', [])).toBe(false);
    store.purge({ kind: 'url', urls: ['/b'], prefixes: [] }, sameMs);
    expect(store.wasPurgedSince(after, '/a', [])).toBe(false);
    expect(store.wasPurgedSince(after, '/b', [])).toBe(true);
  });

  it('says "purged" when more purges came than it remembers', () => {
    const store = new CacheStore(1_000_000);
    const mark = store.purgeMark;
    for (let i = 0; i < 300; i++) store.purge({ kind: 'url', urls: [`/other-${i}`], prefixes: [] }, i);
    expect(store.wasPurgedSince(mark, '/a', [])).toBe(true);
    expect(store.wasPurgedSince(store.purgeMark, '/a', [])).toBe(false);
  });
});
