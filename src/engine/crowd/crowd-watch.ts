/**
 * The crowd's own figures while it is released: when each listener sent, its latency from its intended
 * instant, event-loop lag and CPU over the window, memory, and from those the bottleneck it observed.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { LATE_SEND_MS, type CrowdResult } from '../../result/crowd-result.js';
import { createLatencyHistogram, recordClamped, summarizeHistogram, type Histogram } from '../../result/histogram.js';
import type { CrowdPlan } from '../../scenario/compile-crowd.js';

/** Collects a crowd's figures; `result()` turns them into the CrowdResult. */
export class CrowdWatch {
  /** performance.now() of each listener's first send; 0 while unsent. */
  readonly sentAt: Float64Array;
  private readonly latency: Histogram = createLatencyHistogram();
  private lag: IntervalHistogram | null = null;
  private cpu0: NodeJS.CpuUsage | null = null;
  private window: { from: number; to: number } | null = null;
  private cpuPercent = 0;
  connectMs: number | null = null;
  rssPerConnection: number | null = null;
  readonly connectErrors = new Map<string, number>();
  throttled = 0;

  constructor(readonly plan: CrowdPlan, readonly connections: number, readonly sources: number) {
    this.sentAt = new Float64Array(plan.listeners);
  }

  /** A warm connect that failed, by its error code. */
  connectFailed(err: Error): void {
    const code = (err as Error & { code?: unknown }).code;
    const key = typeof code === 'string' ? code : err.message;
    this.connectErrors.set(key, (this.connectErrors.get(key) ?? 0) + 1);
  }

  /** The release window starts: loop lag and CPU are watched from here. */
  startWindow(): void {
    // 10 ms resolution like the generator watch; finer would add its own load at 50,000 sends.
    this.lag = monitorEventLoopDelay({ resolution: 10 });
    this.lag.enable();
    this.cpu0 = process.cpuUsage();
    this.window = { from: performance.now(), to: 0 };
  }

  /** The last listener was released. */
  endWindow(): void {
    this.lag?.disable();
    if (this.window === null || this.cpu0 === null) return;
    this.window.to = performance.now();
    const cpu = process.cpuUsage(this.cpu0);
    const wallUs = (this.window.to - this.window.from) * 1000;
    this.cpuPercent = wallUs > 0 ? round(((cpu.user + cpu.system) / wallUs) * 100) : 0;
  }

  /** A listener's first exchange ended: latency from its intended instant. */
  answered(intended: number, endAt: number): void {
    recordClamped(this.latency, Math.max(0, Math.round((endAt - intended) * 1000)));
  }

  /** The figures, with `offsets` the listeners' intended instants (performance.now() when added to `base`). */
  result(offsets: Float64Array, base: number, windowStartedAt: number): CrowdResult {
    let first = Infinity;
    let last = -Infinity;
    let sent = 0;
    let late = 0;
    for (let i = 0; i < this.sentAt.length; i++) {
      const t = this.sentAt[i] as number;
      if (t === 0) continue;
      sent++;
      if (t < first) first = t;
      if (t > last) last = t;
      if (t - (base + (offsets[i] as number)) > LATE_SEND_MS) late++;
    }
    const lag = this.lag;
    const over = (v: number): number => (Number.isFinite(v) ? Math.max(0, v / 1e6 - 10) : 0);
    const failures = [...this.connectErrors.values()].reduce((a, b) => a + b, 0);
    const r: CrowdResult = {
      listeners: this.plan.listeners, withinMs: this.plan.withinMs, connect: this.plan.connect, protocol: this.plan.protocol,
      connections: this.connections, sourceAddresses: this.sources, connectMs: this.connectMs,
      connectFailures: failures, connectErrors: Object.fromEntries(this.connectErrors),
      sent, firstToLastSendMs: sent > 0 ? round(last - first) : null, windowStartedAt: Math.round(windowStartedAt * 1000) / 1000, lateSends: late,
      latencyFromIntended: summarizeHistogram(this.latency),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      rssPerConnectionBytes: this.rssPerConnection,
      loopLagP99Ms: round(lag !== null && lag.count > 0 ? over(lag.percentile(99)) : 0),
      loopLagMaxMs: round(lag !== null && lag.count > 0 ? over(lag.max) : 0),
      cpuPercent: this.cpuPercent,
      bottleneck: '',
    };
    r.bottleneck = bottleneck(r, this.throttled);
    return r;
  }
}

/** The one-line bottleneck: fds, ports, the generator, the rate cap, the server, or none. */
export function bottleneck(r: CrowdResult, throttled: number): string {
  const code = (c: string): number => r.connectErrors[c] ?? 0;
  if (code('EMFILE') + code('ENFILE') > 0) return `file descriptors: ${code('EMFILE') + code('ENFILE')} connections refused by the open-files limit`;
  if (code('EADDRNOTAVAIL') > 0) return `ephemeral ports: ${code('EADDRNOTAVAIL')} connections found no free source port`;
  const lateShare = r.listeners > 0 ? r.lateSends / r.listeners : 0;
  if (lateShare > 0.01) {
    if (throttled > 0) return `limits.maxRate: ${throttled} requests waited for the rate cap`;
    return `generator: ${pct(lateShare)} of sends late by > ${LATE_SEND_MS} ms (event-loop lag p99 ${r.loopLagP99Ms} ms, max ${r.loopLagMaxMs} ms; CPU ${r.cpuPercent} % of one core)`;
  }
  if (r.connectFailures > 0) return `server: ${r.connectFailures} connections refused (${Object.entries(r.connectErrors).map(([k, v]) => `${k} ${v}`).join(', ')})`;
  const p99 = r.latencyFromIntended.p99Ms;
  if (p99 !== null && p99 > 100) return `server: sends kept the schedule (${pct(lateShare)} late), answers took p99 ${p99} ms from the intended instant`;
  return 'none: sends kept the schedule and answers came back within 100 ms (p99)';
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10} %`;
const round = (v: number): number => Math.round(v * 100) / 100;
