/**
 * One timer per connection pool enforcing whole-request deadlines (`load.timeout`): a periodic sweep
 * over the requests in flight instead of a timer per request, which would cost a timer allocation and
 * cancellation on the engine's hot path at tens of thousands of requests per second.
 */

/** Sweep period for a timeout: a deadline fires at most ~5% (and never more than 250 ms) late. */
export function sweepPeriodMs(timeoutMs: number): number {
  return Math.min(250, Math.max(10, timeoutMs / 20));
}

/** A lazily started, unref'd interval calling `tick(performance.now())`. */
export class DeadlineSweep {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly periodMs: number,
    private readonly tick: (now: number) => void,
  ) {}

  /** Starts the sweep if it is not running (cheap enough to call on every request). */
  ensure(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.tick(performance.now()), this.periodMs);
    // Requests in flight keep the process alive through their sockets; the sweep alone must not.
    this.timer.unref();
  }

  /** Stops the sweep (the pool is closing). */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
