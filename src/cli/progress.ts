/**
 * Progress while a run loads: elapsed, requests, req/s, errors, small-object p95 so far and the phase.
 * On a terminal it is one line redrawn every second; in a CI log or a pipe (stderr not a terminal) it is
 * a plain line every 10 s, as k6 does, so a long run does not look hung. --quiet and --json silence both.
 * CDNBENCH_PROGRESS_INTERVAL (a duration, e.g. 500ms) changes the log interval, for tests.
 */
import type { Recorder } from '../result/recorder.js';
import type { CompiledPhase } from '../scenario/compile-plan.js';
import { parseDuration } from '../util/duration.js';

/** How progress is shown: redrawn in place, appended as log lines, or not at all. */
export type ProgressMode = 'tty' | 'log' | 'off';

/** The log-line interval: CDNBENCH_PROGRESS_INTERVAL when it is a valid positive duration, else 10 s. */
export function logIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = env.CDNBENCH_PROGRESS_INTERVAL === undefined ? undefined : parseDuration(env.CDNBENCH_PROGRESS_INTERVAL);
  return ms !== undefined && ms > 0 ? ms : 10_000;
}

/** The name of the phase running `elapsedMs` after the load started ("drain" after the last one). */
export function phaseAt(phases: readonly CompiledPhase[], elapsedMs: number): string {
  const phase = phases.find((p) => elapsedMs < p.startMs + p.durationMs);
  return phase?.name ?? 'drain';
}

/** Draws (tty) or logs (log) the progress of the provider being loaded. */
export class ProgressLine {
  private timer: NodeJS.Timeout | null = null;
  private label = '';
  private recorder: Recorder | null = null;
  private startedAt = 0;
  private lastRequests = 0;
  private lastAt = 0;

  constructor(private readonly mode: ProgressMode, private readonly phases: readonly CompiledPhase[] = []) {}

  /** Starts (or switches) progress to a provider's recorder. */
  follow(label: string, recorder: Recorder): void {
    if (this.mode === 'off') return;
    this.label = label;
    this.recorder = recorder;
    this.startedAt = performance.now();
    this.lastAt = this.startedAt;
    recorder.resetLive();
    this.lastRequests = 0;
    this.timer ??= setInterval(() => this.draw(), this.mode === 'tty' ? 1000 : logIntervalMs());
    this.timer.unref();
  }

  private draw(): void {
    if (this.recorder === null) return;
    const s = this.recorder.liveStats();
    const now = performance.now();
    const elapsedMs = now - this.startedAt;
    const rate = ((s.requests - this.lastRequests) * 1000) / Math.max(1, now - this.lastAt);
    this.lastRequests = s.requests;
    this.lastAt = now;
    const p95 = s.smallP95Ms === null ? '—' : `${s.smallP95Ms.toFixed(1)}ms`;
    const figures = `${(elapsedMs / 1000).toFixed(0)}s  ${s.requests} req  ${rate.toFixed(0)} req/s  errors ${s.errors}  small p95 ${p95}`;
    if (this.mode === 'tty') process.stderr.write(`\r\x1b[2K${this.label}  ${figures}`);
    else process.stderr.write(`progress ${this.label}: ${figures}  phase ${phaseAt(this.phases, elapsedMs)}\n`);
  }

  /** Stops; on a terminal also removes the line. */
  stop(): void {
    if (this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
      if (this.mode === 'tty') process.stderr.write('\r\x1b[2K');
    }
  }
}
