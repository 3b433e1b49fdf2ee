/**
 * Bounded retries for provider API calls: which answers are worth another try (429, 408 and 5xx, network
 * errors), how long to wait (exponential backoff with jitter, or the server's Retry-After up to a cap),
 * and how many tries at most. A profile may tune it (`retry:`); the defaults suit every purge API here.
 */
import { z } from 'zod';
import { parseDuration } from '../../../util/duration.js';

/** How a client retries. */
export interface RetryPolicy {
  /** Tries in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** Backoff before the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Upper bound of one backoff. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails with the server's figure in the error. */
  maxRetryAfterMs: number;
}

/** The defaults: 4 tries, 500 ms → 1 s → 2 s (each jittered), Retry-After honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'expected a duration like 500ms, 2s or 1m' });

/** The `retry:` block of a CDN profile. */
export const retryPolicySchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(10).optional(),
    baseDelay: duration.optional(),
    maxDelay: duration.optional(),
    maxRetryAfter: duration.optional(),
  })
  .optional()
  .transform((r): RetryPolicy => ({
    maxAttempts: r?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: r?.baseDelay === undefined ? DEFAULT_RETRY_POLICY.baseDelayMs : (parseDuration(r.baseDelay) ?? 0),
    maxDelayMs: r?.maxDelay === undefined ? DEFAULT_RETRY_POLICY.maxDelayMs : (parseDuration(r.maxDelay) ?? 0),
    maxRetryAfterMs: r?.maxRetryAfter === undefined ? DEFAULT_RETRY_POLICY.maxRetryAfterMs : (parseDuration(r.maxRetryAfter) ?? 0),
  }));

/** True for statuses a retry may fix: rate limited, timed out, or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * Backoff before retry number `retry` (1 = the first retry): "equal jitter" — half the exponential step
 * fixed, half random — so retries of many clients spread out but never come back at once.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return step / 2 + random() * (step / 2);
}
