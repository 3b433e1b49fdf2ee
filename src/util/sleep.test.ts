import { describe, expect, it } from 'vitest';
import { sleepUntil } from './sleep.js';

describe('sleepUntil', () => {
  it('never resolves before its deadline, for whole and fractional delays', async () => {
    const signal = new AbortController().signal;
    const early: number[] = [];
    // Deadlines from 0.05 ms to ~12 ms, fractional: the cases where a lone setTimeout fires early.
    const waits = Array.from({ length: 120 }, (_, i) => 0.05 + (i % 40) * 0.3);
    await Promise.all(waits.map(async (ms) => {
      const deadline = performance.now() + ms;
      const ok = await sleepUntil(deadline, signal);
      expect(ok).toBe(true);
      const now = performance.now();
      if (now < deadline) early.push(deadline - now);
    }));
    expect(early).toEqual([]);
  });

  it('resolves at once for a deadline already past', async () => {
    expect(await sleepUntil(performance.now() - 5, new AbortController().signal)).toBe(true);
  });

  it('resolves false when aborted before or while waiting', async () => {
    const before = new AbortController();
    before.abort();
    expect(await sleepUntil(performance.now() + 10_000, before.signal)).toBe(false);
    const during = new AbortController();
    const p = sleepUntil(performance.now() + 10_000, during.signal);
    setTimeout(() => during.abort(), 5);
    expect(await p).toBe(false);
  });
});
