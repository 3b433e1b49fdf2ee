/**
 * The hard caps every load loop obeys: a maximum number of requests and a maximum request rate
 * (token bucket, one second of burst). When the budget is spent the gate closes for good, which is
 * how every session and executor learns to stop by itself.
 */

/** Decides whether (and when) the next request may go. */
export class RequestGate {
  private issued = 0;
  private tokens: number;
  private readonly capacity: number;
  private refilledAt: number;
  private closedReason: 'max-requests' | 'stopped' | null = null;
  /** Requests that had to wait for the rate cap. */
  throttled = 0;

  constructor(
    private readonly maxRequests: number,
    private readonly maxRate: number,
    now: number,
  ) {
    // At least one whole token of burst, or a cap below 1/s could never let a request through.
    this.capacity = Math.max(1, maxRate);
    this.tokens = this.capacity;
    this.refilledAt = now;
  }

  /** Requests let through so far. */
  get count(): number {
    return this.issued;
  }

  /** Why the gate closed, or null while open. */
  get closed(): 'max-requests' | 'stopped' | null {
    return this.closedReason;
  }

  /** Closes the gate: no request passes afterwards. */
  close(reason: 'max-requests' | 'stopped'): void {
    this.closedReason ??= reason;
  }

  /**
   * Takes one request slot at `now` (performance.now ms). Returns 0 to send now, a positive number of
   * ms to wait before asking again (rate cap), or -1 when the gate is closed.
   */
  take(now: number): number {
    if (this.closedReason !== null) return -1;
    if (this.issued >= this.maxRequests) {
      this.close('max-requests');
      return -1;
    }
    const elapsed = now - this.refilledAt;
    if (elapsed > 0) {
      this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.maxRate) / 1000);
      this.refilledAt = now;
    }
    if (this.tokens < 1) return Math.max(1, ((1 - this.tokens) * 1000) / this.maxRate);
    this.tokens -= 1;
    this.issued++;
    return 0;
  }
}
