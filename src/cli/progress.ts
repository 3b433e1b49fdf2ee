/**
 * The live progress line on a terminal: elapsed, sessions, req/s, errors and small-object p95 so far.
 * Drawn on stderr once a second; absent when stderr is redirected or with --quiet.
 */
import type { Recorder } from '../metrics/recorder.js';

/** Draws and clears the live line. */
export class ProgressLine {
  private timer: NodeJS.Timeout | null = null;
  private label = '';
  private recorder: Recorder | null = null;
  private startedAt = 0;
  private lastRequests = 0;
  private lastAt = 0;

  constructor(private readonly enabled: boolean) {}

  /** Starts (or switches) the line to a provider's recorder. */
  follow(label: string, recorder: Recorder): void {
    if (!this.enabled) return;
    this.label = label;
    this.recorder = recorder;
    this.startedAt = performance.now();
    this.lastAt = this.startedAt;
    this.lastRequests = recorder.liveStats().requests;
    this.timer ??= setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  private draw(): void {
    if (this.recorder === null) return;
    const s = this.recorder.liveStats();
    const now = performance.now();
    const rate = ((s.requests - this.lastRequests) * 1000) / Math.max(1, now - this.lastAt);
    this.lastRequests = s.requests;
    this.lastAt = now;
    const p95 = s.smallP95Ms === null ? '—' : `${s.smallP95Ms.toFixed(1)}ms`;
    const line = `${this.label}  ${((now - this.startedAt) / 1000).toFixed(0)}s  ${s.requests} req  ${rate.toFixed(0)} req/s  errors ${s.errors}  small p95 ${p95}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  }

  /** Removes the line. */
  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
      process.stderr.write('\r\x1b[2K');
    }
  }
}
