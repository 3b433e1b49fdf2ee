import { describe, expect, it } from 'vitest';
import type { CompiledPhase } from '../scenario/compile-plan.js';
import { arrivalTimes, phaseCount } from './arrivals.js';

function phase(startMs: number, durationMs: number, rateFrom: number, rateTo = rateFrom): CompiledPhase {
  return { name: 'p', startMs, durationMs, rateFrom, rateTo, vus: 0 };
}

// A small deterministic LCG so the test does not depend on the catalog's RNG.
function lcg(seed: number): { next(): number } {
  let s = seed >>> 0;
  return { next: () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) };
}

describe('arrivalTimes', () => {
  it('spaces constant arrivals evenly, first at the phase start', () => {
    const t = [...arrivalTimes([phase(0, 1000, 10)], 'constant', lcg(1))];
    expect(t).toHaveLength(10);
    t.forEach((v, i) => expect(v).toBeCloseTo(i * 100, 6));
  });

  it('chains phases at their absolute start', () => {
    const t = [...arrivalTimes([phase(0, 1000, 2), phase(1000, 1000, 4)], 'constant', lcg(1))];
    expect(t).toEqual([0, 500, 1000, 1250, 1500, 1750]);
  });

  it('ramps linearly: arrivals in each half match the integral of the rate', () => {
    // 0 → 100/s over 10 s: 500 arrivals; the first half of the time holds a quarter of them.
    const p = phase(0, 10_000, 0, 100);
    const t = [...arrivalTimes([p], 'constant', lcg(1))];
    expect(t.length).toBe(Math.round(phaseCount(p)));
    expect(t.filter((v) => v < 5000).length).toBe(125);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThanOrEqual(t[i - 1]!);
  });

  it('draws a Poisson process with the right mean count and exponential gaps', () => {
    const t = [...arrivalTimes([phase(0, 1_000_000, 20)], 'poisson', lcg(7))];
    // 20,000 expected; Poisson sd ≈ 141, so ±3% is > 4 sd.
    expect(t.length).toBeGreaterThan(19_400);
    expect(t.length).toBeLessThan(20_600);
    const gaps = t.slice(1).map((v, i) => v - t[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const cv = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length) / mean;
    expect(mean).toBeCloseTo(50, -0.5);
    expect(cv).toBeGreaterThan(0.95); // exponential gaps: coefficient of variation 1 (constant would be 0)
    expect(cv).toBeLessThan(1.05);
  });
});
