/**
 * Quantiles of invalidation times when some (object, PoP) pairs had not converged when the probe stopped
 * watching: right-censored data. Every unconverged pair is censored at the same time, the end of the probe
 * window, after every observed time; the Kaplan–Meier estimate of the CDF is then the share of all pairs
 * converged by t (no pair leaves the risk set before the window), so its q-quantile is the nearest-rank
 * time over all pairs when at least q of them converged, and otherwise only known to be beyond the window:
 * a lower bound "> window", never a zero and never "infinitely slow".
 */
import type { InvalidationResult } from '../result/probe-results.js';

/** A quantile that is exact, or a lower bound when `censored`. */
export interface CensoredQuantile {
  value: number;
  censored: boolean;
}

/** The probe window of results written before the window was recorded: the scenario default then. */
export const LEGACY_WINDOW_MS = 30_000;

/**
 * The window a result's unconverged pairs are censored at: the recorded one; for older results the default
 * 30 s window, or the slowest observed time when that is later (the window was evidently longer).
 */
export function censorWindowMs(inv: InvalidationResult): number {
  if (inv.windowMs !== undefined) return inv.windowMs;
  let max = LEGACY_WINDOW_MS;
  for (const p of inv.points) if (p.ms !== null && p.ms > max) max = p.ms;
  return max;
}

/** The Kaplan–Meier q-quantile (0..1) of a result's propagation times; null without pairs. */
export function censoredQuantile(inv: InvalidationResult, q: number): CensoredQuantile | null {
  const n = inv.points.length;
  if (n === 0) return null;
  const converged = inv.points.flatMap((p) => (p.ms === null ? [] : [p.ms])).sort((a, b) => a - b);
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  const v = converged[rank - 1];
  return v === undefined ? { value: censorWindowMs(inv), censored: true } : { value: v, censored: false };
}
