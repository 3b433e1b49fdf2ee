/**
 * Timing and running of every measured invalidation (lab rollouts, measured purges, publish hooks):
 * the scenario's figures, else 50 ms and a window long enough for the provider's own configured delays, so
 * the window rather than the CDN never decides.
 */
import { describeError } from '../errors.js';
import { probeInvalidation } from '../probes/invalidation-prober.js';
import type { InvalidationResult } from '../result/probe-results.js';
import type { ProviderAdapter } from '../providers/adapter.js';
import { parseDuration } from '../util/duration.js';

/** Bounds of the default probe window, ms. */
export const PROBE_WINDOW_MIN_MS = 30_000;
export const PROBE_WINDOW_MAX_MS = 600_000;

/** A provider that knows how long its own invalidations take (an emulated profile's configured p95). */
export interface InvalidationHint {
  invalidationP95Ms(): number;
}

/** True when the provider can say how long its invalidations take. */
export function hasInvalidationHint(p: ProviderAdapter): p is ProviderAdapter & InvalidationHint {
  return typeof (p as Partial<InvalidationHint>).invalidationP95Ms === 'function';
}

/**
 * The probe window when the scenario sets none: 1.5 × the provider's configured invalidation p95, at least
 * 30 s, at most 10 min. The prober stops as soon as every pair converged, so a long window costs time only
 * when it is needed.
 */
export function defaultProbeWindowMs(provider: ProviderAdapter): number {
  const want = hasInvalidationHint(provider) ? Math.ceil(1.5 * provider.invalidationP95Ms()) : PROBE_WINDOW_MIN_MS;
  return Math.min(PROBE_WINDOW_MAX_MS, Math.max(PROBE_WINDOW_MIN_MS, want));
}

/** The interval and window of one measured event's polling, ms. */
export function probeTiming(probe: { interval?: string | undefined; timeout?: string | undefined }, provider: ProviderAdapter): { intervalMs: number; timeoutMs: number } {
  const timeout = probe.timeout === undefined ? undefined : parseDuration(probe.timeout);
  return {
    intervalMs: (probe.interval === undefined ? undefined : parseDuration(probe.interval)) ?? 50,
    timeoutMs: timeout ?? defaultProbeWindowMs(provider),
  };
}

/** Runs the prober; a failure reads as the probe's, whichever path (rollout, measured purge, publish hook) asked. */
export function runProbe(options: Parameters<typeof probeInvalidation>[0]): Promise<InvalidationResult> {
  return probeInvalidation(options).catch((err: unknown) => {
    throw new Error(`invalidation probe failed: ${describeError(err)}`);
  });
}
