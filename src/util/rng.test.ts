import { describe, expect, it } from 'vitest';
import { hashString, Rng } from './rng.js';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('hashString', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes and returns unsigned 32-bit integers', () => {
    const h = hashString('é');
    expect(h).toBeGreaterThanOrEqual(0);
    expect(h).toBeLessThan(2 ** 32);
    expect(h).not.toBe(hashString('e'));
  });
});

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(draws(new Rng(42), 100)).toEqual(draws(new Rng(42), 100));
    expect(draws(new Rng(42), 100)).not.toEqual(draws(new Rng(43), 100));
  });

  it('reduces seeds with ToUint32 and rejects non-finite seeds', () => {
    expect(draws(new Rng(-1), 5)).toEqual(draws(new Rng(4294967295), 5));
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
    expect(() => new Rng(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('keeps next, int and float inside their bounds', () => {
    const rng = new Rng(7);
    const seenInts = new Set<number>();
    let [minX, maxX, minF, maxF] = [1, 0, 4, 2.5];
    let allIntegers = true;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      const n = rng.int(-3, 3);
      allIntegers &&= Number.isInteger(n);
      seenInts.add(n);
      const f = rng.float(2.5, 4);
      minF = Math.min(minF, f);
      maxF = Math.max(maxF, f);
    }
    expect(minX).toBeGreaterThanOrEqual(0);
    expect(maxX).toBeLessThan(1);
    expect(minF).toBeGreaterThanOrEqual(2.5);
    expect(maxF).toBeLessThan(4);
    expect(allIntegers).toBe(true);
    expect([...seenInts].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('rejects invalid ranges', () => {
    const rng = new Rng(1);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
    expect(() => rng.int(0, 2 ** 33)).toThrow(RangeError);
    expect(() => rng.float(1, 0)).toThrow(RangeError);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.exponential(-1)).toThrow(RangeError);
  });

  it('is roughly uniform (10 buckets over 100k draws within 5%)', () => {
    const rng = new Rng(2024);
    const buckets = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const b = Math.floor(rng.next() * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan((n / 10) * 0.05);
  });

  it('picks every element and honours chance extremes', () => {
    const rng = new Rng(3);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(items));
    expect(seen.size).toBe(3);
    for (let i = 0; i < 100; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (rng.chance(0.3)) hits++;
    expect(hits / 100_000).toBeCloseTo(0.3, 2);
  });

  it('draws exponential values with the requested mean (within 5% over 100k)', () => {
    const rng = new Rng(99);
    const n = 100_000;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(250);
      min = Math.min(min, x);
      sum += x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(Math.abs(sum / n - 250) / 250).toBeLessThan(0.05);
    expect(rng.exponential(0)).toBe(0);
  });
});

describe('Rng.fork', () => {
  it('depends on the seed and label only, not on what the parent drew', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    draws(b, 1000);
    b.fork('other').next();
    expect(draws(a.fork('session:17'), 50)).toEqual(draws(b.fork('session:17'), 50));
    expect(draws(a.fork(17), 10)).toEqual(draws(a.fork('17'), 10));
  });

  it('gives different streams for different labels, seeds and for the parent', () => {
    const rng = new Rng(42);
    const parent = draws(new Rng(42), 20);
    const x = draws(rng.fork('a'), 20);
    const y = draws(rng.fork('b'), 20);
    expect(x).not.toEqual(y);
    expect(x).not.toEqual(parent);
    expect(draws(new Rng(43).fork('a'), 20)).not.toEqual(x);
    expect(draws(rng.fork('a').fork('a'), 20)).not.toEqual(x);
  });

  it('gives uncorrelated streams for neighbouring labels', () => {
    const rng = new Rng(5);
    const n = 20_000;
    const xs = draws(rng.fork(1), n);
    const ys = draws(rng.fork(2), n);
    const mean = (v: number[]): number => v.reduce((s, t) => s + t, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    let cov = 0;
    let vx = 0;
    let vy = 0;
    for (let i = 0; i < n; i++) {
      const dx = (xs[i] ?? 0) - mx;
      const dy = (ys[i] ?? 0) - my;
      cov += dx * dy;
      vx += dx * dx;
      vy += dy * dy;
    }
    expect(Math.abs(cov / Math.sqrt(vx * vy))).toBeLessThan(0.03);
  });
});
