/**
 * Splits what to purge into the fewest API calls each API accepts: at most `maxItems` per call (Cloudflare
 * 100 operations, Fastly 256 surrogate keys, CloudFront 3,000 paths) and, where the API bounds the body
 * (Akamai Fast Purge: 50,000 bytes), at most `maxBodyBytes` of serialized body. Order is kept.
 */

/** Limits of one API call. */
export interface BatchLimits<T> {
  maxItems: number;
  /** Bound on the serialized body; needs `bodyBytes`. */
  maxBodyBytes?: number;
  /** Size in bytes of the body a batch would be sent as. */
  bodyBytes?: (batch: readonly T[]) => number;
}

/** The batches, in order; an item that alone exceeds the body bound is an error (no API would take it). */
export function batches<T>(items: readonly T[], limits: BatchLimits<T>): T[][] {
  if (!(limits.maxItems >= 1)) throw new RangeError('maxItems must be at least 1');
  const { maxBodyBytes, bodyBytes } = limits;
  const out: T[][] = [];
  let cur: T[] = [];
  for (const item of items) {
    const next = [...cur, item];
    const tooMany = next.length > limits.maxItems;
    const tooBig = maxBodyBytes !== undefined && bodyBytes !== undefined && bodyBytes(next) > maxBodyBytes;
    if ((tooMany || tooBig) && cur.length > 0) {
      out.push(cur);
      cur = [item];
    } else {
      cur = next;
    }
    if (maxBodyBytes !== undefined && bodyBytes !== undefined && cur.length === 1 && bodyBytes(cur) > maxBodyBytes) {
      throw new RangeError(`one item alone makes a body of ${bodyBytes(cur)} bytes, over the API's ${maxBodyBytes}`);
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
