/**
 * Reading the load generator's own figures: when it was the bottleneck (a lagging event loop, a
 * saturated core, sessions starting late), the latencies it recorded include its own queueing, and
 * the result says so. Also combines the figures of several loads (providers of a run, agents of a merge).
 */
import type { GeneratorHealth } from './result-model.js';

/** Loop lag p99 above this (ms) means timers and sends ran late because the loop was busy. */
export const LAG_P99_WARN_MS = 20;
/** A single stall above this (ms) means something blocked the loop (cdnbench's own code never should). */
export const LAG_MAX_WARN_MS = 100;
/** Process CPU above this share of one core (%): the generator had no headroom left. */
export const CPU_WARN_PERCENT = 90;
/** Late session starts above this share of started sessions (%). */
export const LATE_WARN_PERCENT = 1;

/** The warnings a generator's figures call for (empty when it kept up). */
export function generatorWarnings(h: Omit<GeneratorHealth, 'warnings'>): string[] {
  const w: string[] = [];
  if (h.loopLagMaxMs > LAG_MAX_WARN_MS || h.loopLagP99Ms > LAG_P99_WARN_MS) {
    w.push(`the load generator's event loop lagged (p99 ${h.loopLagP99Ms} ms, max ${h.loopLagMaxMs} ms): sends and timings ran late`);
  }
  if (h.cpuPercent > CPU_WARN_PERCENT) w.push(`the load generator used ${h.cpuPercent}% of a core: it may have been the bottleneck`);
  if (h.startedSessions > 0 && (h.lateSessions / h.startedSessions) * 100 > LATE_WARN_PERCENT) {
    w.push(`${h.lateSessions} of ${h.startedSessions} sessions started late: the generator could not keep the schedule`);
  }
  // Lag with little CPU of our own means other processes took the cores: say so, it is not the target's fault.
  if (w.length > 0 && h.loadAverage > h.cores) w.push(`the machine was overloaded (load average ${h.loadAverage} on ${h.cores} cores)`);
  return w;
}

/**
 * The worst of each figure and the sum of the session counts, with the warnings those call for: one
 * lagging load (or agent) taints the latencies it recorded, so an average would hide it. Undefined
 * when nothing was measured.
 */
export function combineGeneratorHealth(all: readonly GeneratorHealth[]): GeneratorHealth | undefined {
  if (all.length === 0) return undefined;
  const h = {
    loopLagMaxMs: Math.max(...all.map((x) => x.loopLagMaxMs)),
    loopLagP99Ms: Math.max(...all.map((x) => x.loopLagP99Ms)),
    cpuPercent: Math.max(...all.map((x) => x.cpuPercent)),
    lateSessions: all.reduce((a, x) => a + x.lateSessions, 0),
    startedSessions: all.reduce((a, x) => a + x.startedSessions, 0),
    loadAverage: Math.max(...all.map((x) => x.loadAverage)),
    cores: Math.max(...all.map((x) => x.cores)),
  };
  return { ...h, warnings: generatorWarnings(h) };
}
