/**
 * Watches the load generator itself while it runs: event-loop lag (perf_hooks' delay histogram),
 * process CPU and late session starts. When the generator, not the target, was the bottleneck, the
 * latencies it recorded are its own queueing; k6 and Gatling warn in the same situation, and so does
 * cdnbench (stderr and the report).
 */
import { availableParallelism, loadavg } from 'node:os';
import { generatorWarnings } from '../result/generator-summary.js';
import type { GeneratorHealth } from '../result/result-model.js';
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

/** A running watch; `stop` returns the figures of the watched span. */
export interface GeneratorWatch {
  stop(sessions: { started: number; late: number }): GeneratorHealth;
}

/** Starts watching the event loop and CPU until `stop`. */
export function watchGenerator(): GeneratorWatch {
  // 10 ms sampling: fine enough to see a 100 ms stall, cheap enough to leave on in every run.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  // process.cpuUsage counts every thread of the process; a load worker reports its own thread's busy share
  // (event-loop utilisation), so the busiest of N workers is what the result shows.
  const elu0 = perf.eventLoopUtilization();
  const t0 = performance.now();
  return {
    stop: (sessions) => {
      lag.disable();
      const wallUs = (performance.now() - t0) * 1000;
      const cpu = process.cpuUsage(cpu0);
      const ns = (v: number): number => (Number.isFinite(v) ? v : 0);
      // The histogram counts the resolution itself as delay; what is above it is lag.
      const over = (v: number): number => Math.max(0, ns(v) / 1e6 - 10);
      const health: GeneratorHealth = {
        loopLagMaxMs: round(over(lag.count > 0 ? lag.max : 0)),
        loopLagP99Ms: round(over(lag.count > 0 ? lag.percentile(99) : 0)),
        cpuPercent: !isMainThread ? round(perf.eventLoopUtilization(elu0).utilization * 100) : wallUs > 0 ? round(((cpu.user + cpu.system) / wallUs) * 100) : 0,
        lateSessions: sessions.late,
        startedSessions: sessions.started,
        loadAverage: round(loadavg()[0] ?? 0),
        cores: availableParallelism(),
        warnings: [],
      };
      health.warnings = generatorWarnings(health);
      return health;
    },
  };
}

const round = (v: number): number => Math.round(v * 100) / 100;
