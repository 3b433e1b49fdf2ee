import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('starts full, refills at the rate, never beyond capacity (controlled clock)', () => {
    let t = 0;
    const b = new TokenBucket(5, 2, () => t);
    expect(b.tryTake(5)).toBe(true);
    expect(b.tryTake(1)).toBe(false);
    expect(b.delayFor(1)).toBe(500);
    t = 1000;
    expect(b.available()).toBeCloseTo(2);
    t = 60_000;
    expect(b.available()).toBe(5);
    b.drain();
    expect(b.available()).toBe(0);
  });

  it('take() waits for tokens, first come first served', async () => {
    const b = new TokenBucket(2, 20); // one token per 50 ms
    const order: number[] = [];
    const t0 = performance.now();
    await Promise.all([1, 2, 3, 4].map((i) => b.take(1).then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3, 4]);
    // two were there; two more took ≥ 2 × 50 ms to refill
    expect(performance.now() - t0).toBeGreaterThanOrEqual(95);
  });

  it('refuses a request larger than the burst, and gives up when aborted', async () => {
    const b = new TokenBucket(3, 0.001);
    await expect(b.take(4)).rejects.toThrow(/exceed the bucket's capacity of 3/);
    b.drain();
    const ac = new AbortController();
    const waiting = b.take(1, ac.signal);
    ac.abort();
    expect(await waiting).toBeNull();
  });
});
