/**
 * Per-PoP injected latency: a seeded stream of delays drawn from the PoP's distribution, so two runs with
 * one seed inject the same sequence. A zero distribution is flagged so the hot path skips timers entirely.
 */
import { type DistributionSpec, makeDistribution, distributionSchema } from '../../util/distribution.js';
import type { Rng } from '../../util/rng.js';

/** A PoP's delay source. */
export interface DelaySource {
  /** True when every draw is 0: responses are written synchronously, without a timer. */
  readonly zero: boolean;
  /** Next delay, ms. */
  next(): number;
}

/** A delay source for `spec` drawing from `rng`. */
export function delaySource(spec: DistributionSpec, rng: Rng): DelaySource {
  const dist = makeDistribution(distributionSchema.parse(spec));
  const uniform = (): number => rng.next();
  return { zero: dist.p95 <= 0, next: () => dist.sample(uniform) };
}

/**
 * Runs `fn` once `delayMs` have passed since `sinceMs` (a performance.now() reading). Node timers fire on
 * whole milliseconds of the loop's clock and never early against it, i.e. on average ~0.5–1 ms late;
 * the timer is therefore armed for the remaining time rounded to the nearest ms, which centres the error
 * on zero instead of biasing every delay upward.
 */
export function runAfter(delayMs: number, sinceMs: number, fn: () => void): void {
  const remaining = delayMs - (performance.now() - sinceMs);
  if (remaining < 0.5) fn();
  else setTimeout(fn, Math.max(1, Math.round(remaining - TIMER_BIAS_MS)));
}

/** Measured mean lateness of a Node timer beyond its rounded timeout on an idle loop. */
const TIMER_BIAS_MS = 0.5;
