/**
 * limits.maxErrorRate: a sink that watches every sample of a provider's load and, once enough requests
 * were sent to judge, stops the load when the failed share (status >= 400 or no response, as the
 * summary counts errors) exceeds the bound. A run against the wrong paths then ends early with exit 1
 * and says why, instead of exiting 0 after minutes of 404s.
 */
import type { Sample, SampleSink } from '../result/sample.js';

/** Requests before the error rate is judged, so a few early failures do not stop a run. */
export const ERROR_RATE_MIN_REQUESTS = 100;

/** Counts failures and calls `stop` once when the bound is exceeded. */
export class ErrorRateGuard implements SampleSink {
  private requests = 0;
  private errors = 0;
  /** Why the load was stopped; null while it was not. */
  reason: string | null = null;

  constructor(
    private readonly maxErrorRate: number,
    private readonly stop: () => void,
    private readonly minRequests = ERROR_RATE_MIN_REQUESTS,
  ) {}

  add(s: Sample): void {
    this.requests++;
    if (s.error !== undefined || s.status >= 400) this.errors++;
    if (this.reason !== null || this.maxErrorRate >= 1 || this.requests < this.minRequests) return;
    const rate = this.errors / this.requests;
    if (rate <= this.maxErrorRate) return;
    this.reason = `error rate ${(rate * 100).toFixed(1)}% after ${this.requests} requests exceeds limits.maxErrorRate ${(this.maxErrorRate * 100).toFixed(0)}%; stopped early`;
    this.stop();
  }
}
