/**
 * The compiled crowd: its window in milliseconds, and the one phase that stands for it in the plan, so
 * everything reading phases (progress line, timeline, default maxDuration, k6 export) sees the crowd's
 * window and its mean arrival rate.
 */
import { parseDuration } from '../util/duration.js';
import type { CompiledPhase } from './compile-plan.js';
import type { CrowdInput } from './crowd-schema.js';

/** A crowd ready to run (crowd-schema.ts). */
export interface CrowdPlan {
  listeners: number;
  withinMs: number;
  connect: 'warm' | 'cold';
  protocol: 'http1' | 'http2';
  streamsPerConnection: number;
}

/** The crowd of a scenario, or null when it has none. */
export function compileCrowd(crowd: CrowdInput | undefined): CrowdPlan | null {
  if (crowd === undefined) return null;
  return {
    listeners: crowd.listeners,
    withinMs: parseDuration(crowd.within) ?? 0,
    connect: crowd.connect,
    protocol: crowd.protocol,
    streamsPerConnection: crowd.streamsPerConnection,
  };
}

/** The phase a crowd stands for: its window, at its mean rate. */
export function crowdPhase(crowd: CrowdPlan): CompiledPhase {
  const rate = (crowd.listeners * 1000) / crowd.withinMs;
  return { name: 'crowd', startMs: 0, durationMs: crowd.withinMs, rateFrom: rate, rateTo: rate, vus: 0 };
}
