import { describe, expect, it } from 'vitest';
import type { CompiledPhase } from '../scenario/compile-plan.js';
import { arrivalTimes, phaseCount } from './arrivals.js';
import { arrivalsAfter, constantArrivals } from './remaining-arrivals.js';

function phase(startMs: number, durationMs: number, rateFrom: number, rateTo = rateFrom): CompiledPhase {
  return { name: 'p', startMs, durationMs, rateFrom, rateTo, vus: 0 };
}

function chain(specs: readonly [number, number, number?][]): CompiledPhase[] {
  let start = 0;
  return specs.map(([d, r, to]) => {
    const p = phase(start, d, r, to ?? r);
    start += d;
    return p;
  });
}

const fixedRng = { next: () => 0.5 };

describe('arrivalsAfter', () => {
  const plans: [string, CompiledPhase[]][] = [
    ['constant rate', chain([[1000, 10]])],
    ['a fractional count', chain([[1000, 10.5]])],
    ['two phases', chain([[1000, 2], [1000, 4]])],
    ['a ramp up and a ramp down', chain([[10_000, 0, 100], [3000, 7, 0.5]])],
    ['an odd rate', chain([[7300, 3.3], [1, 1000]])],
  ];
  it.each(plans)('counts exactly what the constant schedule still holds after every arrival: %s', (_, phases) => {
    const all = [...arrivalTimes(phases, 'constant', fixedRng)];
    expect(phases.reduce((a, p) => a + constantArrivals(p), 0)).toBe(all.length);
    all.forEach((t, i) => expect(arrivalsAfter(phases, 'constant', t), `after arrival ${i} at ${t} ms`).toBe(all.length - i - 1));
  });

  it('gives the expected remainder for Poisson arrivals, without drawing them', () => {
    const phases = chain([[1000, 100], [1000, 100, 300]]);
    expect(arrivalsAfter(phases, 'poisson', 500)).toBe(50 + 200);
    expect(arrivalsAfter(phases, 'poisson', -1)).toBe(Math.round(phaseCount(phases[0]!) + phaseCount(phases[1]!)));
  });

  it('handles a plan of 10¹² arrivals at once', () => {
    const phases = chain([[1e9 * 1000, 1000]]);
    const t0 = performance.now();
    expect(arrivalsAfter(phases, 'constant', 1000)).toBe(1e12 - 1001);
    expect(performance.now() - t0).toBeLessThan(1000); // arithmetic, not one by one (which takes hours)
  });
});
