/**
 * Latency (and delay) distributions as profiles declare them: a fixed value, a uniform range, or a
 * log-normal fitted to a median and a 95th percentile — the shape real network latency has, so an
 * archetype's configured p50/p95 are what a run measures.
 */
import { z } from 'zod';
import { parseDuration } from './duration.js';

const ms = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 20ms' });

/** The profile syntax: `20ms`, `{ min: 5ms, max: 15ms }` or `{ p50: 20ms, p95: 45ms }`. */
export const distributionSchema = z.union([
  ms,
  z.strictObject({ min: ms, max: ms }),
  z.strictObject({ p50: ms, p95: ms, max: ms.optional() }),
]);

/** A distribution as written in a profile. */
export type DistributionSpec = z.input<typeof distributionSchema>;

/** Draws values in milliseconds. */
export interface Distribution {
  /** One draw, ms, never negative. */
  sample(uniform: () => number): number;
  /** The configured median and p95 (for reports and tests). */
  readonly p50: number;
  readonly p95: number;
}

const Z95 = 1.6448536269514722;

function d(text: string): number {
  return parseDuration(text) ?? 0;
}

/** Builds a sampler from a validated spec. */
export function makeDistribution(spec: z.output<typeof distributionSchema>): Distribution {
  if (typeof spec === 'string') {
    const v = d(spec);
    return { sample: () => v, p50: v, p95: v };
  }
  if ('min' in spec) {
    const lo = d(spec.min);
    const hi = Math.max(lo, d(spec.max));
    return { sample: (u) => lo + (hi - lo) * u(), p50: (lo + hi) / 2, p95: lo + 0.95 * (hi - lo) };
  }
  const p50 = d(spec.p50);
  const p95 = Math.max(p50, d(spec.p95));
  const cap = spec.max === undefined ? p95 * 10 : d(spec.max);
  if (p50 <= 0) return { sample: () => 0, p50: 0, p95: 0 };
  const mu = Math.log(p50);
  const sigma = (Math.log(p95) - mu) / Z95;
  return {
    p50,
    p95,
    sample: (u) => {
      // Box–Muller; u() is in [0,1), so 1 − u() is in (0,1] and the log is finite.
      const z = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
      return Math.min(cap, Math.exp(mu + sigma * z));
    },
  };
}
