/**
 * Open-model arrival times. The cumulative expected count N(t) = ∫ rate is piecewise quadratic over the
 * phases (constant or linearly ramping rate); arrival k happens where N(t) reaches u_k, with u_k = k for
 * evenly spaced arrivals and a sum of Exp(1) draws for a Poisson process (time-rescaling theorem).
 * A generator, so a long run never holds its whole schedule in memory.
 */
import type { CompiledPhase } from '../scenario/compile-plan.js';

/** Source of uniform [0,1) numbers (the seeded Rng satisfies it). */
export interface UniformSource {
  next(): number;
}

/** Time (ms from phase start) at which a phase's cumulative count reaches `n`, or null if it never does. */
export function timeForCount(phase: CompiledPhase, n: number): number | null {
  const d = phase.durationMs / 1000;
  const r0 = phase.rateFrom;
  const slope = (phase.rateTo - r0) / d; // sessions per s²
  const total = r0 * d + (slope * d * d) / 2;
  if (n > total + 1e-9) return null;
  let t: number;
  if (Math.abs(slope) < 1e-12) t = r0 === 0 ? 0 : n / r0;
  else {
    // slope/2 · t² + r0 · t − n = 0, the root inside [0, d].
    const disc = Math.max(0, r0 * r0 + 2 * slope * n);
    t = (-r0 + Math.sqrt(disc)) / slope;
  }
  return Math.min(Math.max(t, 0), d) * 1000;
}

/** Expected number of arrivals of a phase. */
export function phaseCount(phase: CompiledPhase): number {
  const d = phase.durationMs / 1000;
  return ((phase.rateFrom + phase.rateTo) / 2) * d;
}

/**
 * Yields arrival offsets (ms from run start), ascending. `constant` spaces arrivals evenly
 * (first at 0); `poisson` draws exponential gaps in cumulative-count space.
 */
export function* arrivalTimes(phases: readonly CompiledPhase[], arrival: 'constant' | 'poisson', rng: UniformSource): Generator<number> {
  for (const phase of phases) {
    let u = arrival === 'poisson' ? -Math.log(1 - rng.next()) : 0;
    for (;;) {
      const t = timeForCount(phase, u);
      if (t === null || t >= phase.durationMs) break;
      yield phase.startMs + t;
      u += arrival === 'poisson' ? -Math.log(1 - rng.next()) : 1;
    }
  }
}
