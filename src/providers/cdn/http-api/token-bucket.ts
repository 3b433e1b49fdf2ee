/**
 * A token bucket, the model every CDN purge API publishes its limits in (Cloudflare, Akamai, Bunny):
 * `capacity` tokens (the burst), refilled continuously at `refillPerSecond`. Callers queue FIFO, so a
 * big batch is not starved by a stream of small ones, and the client never sends what the API would
 * answer with 429.
 */
import { sleepUntil } from '../../../util/sleep.js';

const NEVER = new AbortController().signal;

/** A client-side token bucket. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** Most tokens the bucket holds (the published burst). */
    readonly capacity: number,
    /** Tokens added per second (the published sustained rate). */
    readonly refillPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(capacity > 0) || !(refillPerSecond > 0)) throw new RangeError(`a token bucket needs a positive capacity and rate (got ${capacity}, ${refillPerSecond}/s)`);
    this.tokens = capacity;
    this.last = now();
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Milliseconds until `n` tokens are available; 0 when they are now. */
  delayFor(n: number): number {
    this.refill();
    return this.tokens >= n ? 0 : ((n - this.tokens) / this.refillPerSecond) * 1000;
  }

  /** Takes `n` tokens if they are there; false (and nothing taken) otherwise. */
  tryTake(n: number): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /**
   * Waits in line until `n` tokens are available and takes them; resolves with the milliseconds waited,
   * or null when `signal` aborted first. More than `capacity` at once could never be granted: RangeError.
   */
  take(n: number, signal: AbortSignal = NEVER): Promise<number | null> {
    if (n > this.capacity) return Promise.reject(new RangeError(`${n} tokens exceed the bucket's capacity of ${this.capacity}`));
    const started = this.now();
    const turn = this.queue.then(async () => {
      for (;;) {
        if (signal.aborted) return null;
        if (this.tryTake(n)) return this.now() - started;
        if (!(await sleepUntil(performance.now() + this.delayFor(n), signal))) return null;
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Empties the bucket: the API said 429, so our count of its tokens was too optimistic. */
  drain(): void {
    this.refill();
    this.tokens = 0;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.refillPerSecond);
    this.last = t;
  }
}
