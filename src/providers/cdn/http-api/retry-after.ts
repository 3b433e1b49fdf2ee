/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. Rate-limited purge APIs send
 * it with 429 (and some with 503); honouring it is cheaper than guessing with backoff.
 */

/** Milliseconds to wait as a Retry-After value says; null when absent or unreadable. A past date is 0. */
export function retryAfterMs(value: string | undefined, nowMs: number = Date.now()): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return null; // "1.5" or "-3" are neither form
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
