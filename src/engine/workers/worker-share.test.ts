import { describe, expect, it } from 'vitest';
import { countShare, defaultWorkers, ownedIn, owns, rateShare } from './worker-share.js';

describe('worker shares', () => {
  it('give every session number to exactly one worker', () => {
    for (const workers of [1, 2, 3, 7]) {
      for (let k = 0; k < 100; k++) {
        const owners = Array.from({ length: workers }, (_, index) => index).filter((index) => owns({ index, workers }, k));
        expect(owners).toEqual([k % workers]);
      }
    }
  });

  it('split integer budgets into parts that sum to the whole, at least the minimum each', () => {
    for (const workers of [1, 2, 3, 5]) {
      for (const total of [0, 1, 2, 16, 17, 1001]) {
        const parts = Array.from({ length: workers }, (_, index) => countShare(total, { index, workers }));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }
    }
    expect(countShare(1, { index: 1, workers: 2 }, 1)).toBe(1);
    expect(countShare(Number.POSITIVE_INFINITY, { index: 0, workers: 4 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('split a rate evenly and leave an unlimited rate unlimited', () => {
    expect(rateShare(100, { index: 0, workers: 4 })).toBe(25);
    expect(rateShare(Number.POSITIVE_INFINITY, { index: 0, workers: 4 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('count the owned indices of a range like enumerating them', () => {
    for (const workers of [1, 2, 3, 4]) {
      for (let index = 0; index < workers; index++) {
        for (let from = 0; from < 12; from++) {
          for (let to = from; to < 20; to++) {
            let n = 0;
            for (let k = from; k < to; k++) if (k % workers === index) n++;
            expect(ownedIn(from, to, { index, workers })).toBe(n);
          }
        }
      }
    }
  });

  it('default to the cores, one fewer beside a lab process, never below one', () => {
    expect(defaultWorkers(8, false)).toBe(8);
    expect(defaultWorkers(8, true)).toBe(7);
    expect(defaultWorkers(1, true)).toBe(1);
  });
});
