/**
 * How many arrivals a schedule still holds after a given one, computed per phase from the cumulative
 * count N(t) instead of drawing them one by one: a run stopped early counts its unreached arrivals as
 * dropped, and a plan of 10⁸ sessions stopped after a second must not block the event loop doing so.
 */
import type { CompiledPhase } from '../scenario/compile-plan.js';
import { phaseCount, timeForCount } from './arrivals.js';

/** Cumulative expected count of a phase `t` ms after its start. */
function countAt(phase: CompiledPhase, t: number): number {
  const s = Math.min(Math.max(t, 0), phase.durationMs) / 1000;
  const slope = (phase.rateTo - phase.rateFrom) / (phase.durationMs / 1000);
  return phase.rateFrom * s + (slope * s * s) / 2;
}

/** Exactly how many constant (evenly spaced) arrivals arrivalTimes yields for a phase. */
export function constantArrivals(phase: CompiledPhase): number {
  const inside = (k: number): boolean => {
    const t = timeForCount(phase, k);
    return t !== null && t < phase.durationMs;
  };
  // N(t) is monotonic, so the count is within a step or two of the expected total; the generator's own
  // test (inside) settles it exactly.
  let k = Math.max(0, Math.floor(phaseCount(phase)) - 2);
  while (k > 0 && !inside(k - 1)) k--;
  while (inside(k)) k++;
  return k;
}

/**
 * Arrivals after the one at `afterMs` (ms from run start; that one is not included): exact for constant
 * arrivals, the expected count (rounded) for Poisson ones.
 */
export function arrivalsAfter(phases: readonly CompiledPhase[], arrival: 'constant' | 'poisson', afterMs: number): number {
  let remaining = 0;
  for (const p of phases) {
    if (p.startMs + p.durationMs <= afterMs) continue;
    const whole = arrival === 'constant' ? constantArrivals(p) : phaseCount(p);
    if (afterMs < p.startMs) {
      remaining += whole;
      continue;
    }
    // The phase holding the given arrival: constant arrival k sits where N(t) = k.
    const done = countAt(p, afterMs - p.startMs);
    remaining += arrival === 'constant' ? Math.max(0, whole - (Math.round(done) + 1)) : Math.max(0, whole - done);
  }
  return Math.round(remaining);
}
