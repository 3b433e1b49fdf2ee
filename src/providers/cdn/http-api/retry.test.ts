import { describe, expect, it } from 'vitest';
import { batches } from './batcher.js';
import { Redactor } from '../../../util/redact.js';
import { retryAfterMs } from './retry-after.js';
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, retryPolicySchema } from './retry-policy.js';

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP-dates; rejects the rest', () => {
    const now = Date.parse('Sun, 23 Nov 2026 10:00:00 GMT');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Sun, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('1.5', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

describe('retry policy', () => {
  it('retries 429, 408 and 5xx only', () => {
    expect([200, 400, 401, 403, 404, 408, 429, 500, 503].map(isRetryableStatus)).toEqual([false, false, false, false, false, true, true, true, true]);
  });

  it('backs off exponentially with equal jitter, capped', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 350 };
    expect([1, 2, 3, 4].map((k) => backoffMs(p, k, () => 0))).toEqual([50, 100, 175, 175]);
    expect([1, 2, 3, 4].map((k) => backoffMs(p, k, () => 1))).toEqual([100, 200, 350, 350]);
  });

  it('a profile block overrides the defaults', () => {
    expect(retryPolicySchema.parse(undefined)).toEqual(DEFAULT_RETRY_POLICY);
    expect(retryPolicySchema.parse({ maxAttempts: 2, maxRetryAfter: '2m' })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2, maxRetryAfterMs: 120_000 });
    expect(retryPolicySchema.safeParse({ maxAttempts: 0 }).success).toBe(false);
  });
});

describe('batches', () => {
  it('splits by count, keeping order', () => {
    expect(batches([1, 2, 3, 4, 5], { maxItems: 2 })).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], { maxItems: 2 })).toEqual([]);
  });

  it('splits by serialized body size', () => {
    const items = ['a'.repeat(10), 'b'.repeat(10), 'c'.repeat(10)];
    const size = (b: readonly string[]): number => JSON.stringify({ objects: b }).length; // 14 + 13 per item
    const out = batches(items, { maxItems: 100, maxBodyBytes: 40, bodyBytes: size });
    expect(out).toEqual([[items[0], items[1]], [items[2]]]);
    for (const b of out) expect(size(b)).toBeLessThanOrEqual(40);
    expect(() => batches(['x'.repeat(50)], { maxItems: 1, maxBodyBytes: 40, bodyBytes: size })).toThrow(/over the API's 40/);
  });
});

describe('Redactor', () => {
  it('removes secrets in plain, base64 and URL-encoded form', () => {
    const r = new Redactor();
    r.add('s3cr3t/value+1');
    r.add('abc'); // too short to be a secret: ignored
    const b64 = Buffer.from('s3cr3t/value+1').toString('base64');
    expect(r.redact(`a s3cr3t/value+1 b ${b64} c s3cr3t%2Fvalue%2B1 abc`)).toBe('a [redacted] b [redacted] c [redacted] abc');
  });
});
