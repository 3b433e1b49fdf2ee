/** Bearer-token check of the control API, in constant time so response timing leaks nothing about the token. */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** True when `authorization` is `Bearer <token>` (scheme case-insensitive, RFC 9110 §11.1). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined) return false;
  const m = /^Bearer +(\S+)\s*$/i.exec(authorization);
  // Comparing fixed-length digests keeps the comparison constant-time whatever the lengths are.
  const presented = m?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token)) && m !== null;
}
