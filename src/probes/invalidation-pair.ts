/**
 * One watched (object, PoP) pair of the invalidation prober: what priming saw, and when a poll counts as
 * fresh. Two criteria (result field `measurement.method`):
 *
 * - `version` (a content change: the lab's publish, a staging publish hook): the first 2xx answer whose
 *   version token (ETag, object-version header, body hash) differs from the primed one;
 * - `refetch` (a purge without a content change): the first 2xx answer that shows the PoP went back to
 *   the origin — a changed version token; a MISS or EXPIRED cache status when priming ended on a HIT
 *   (so a MISS cannot be the object never having been cached); or an `Age` that restarted, i.e. smaller
 *   than the primed copy would have by now: a copy kept since the prime answers with
 *   Age ≥ primeAge + ⌊elapsed s⌋, so anything below that minus 1 s (the caches' own rounding) is a new copy.
 */
import type { VersionClient, VersionObservation } from './invalidation-poll-client.js';
import type { PollGate } from './invalidation-poll-client.js';

/** What counts as converged. */
export type ConvergenceMethod = 'version' | 'refetch';

/** A watched pair; `ms` is filled by the poller. */
export interface Pair {
  object: string;
  pop: string;
  client: VersionClient;
  /** The request path of the object at this PoP (a staging run's namespace applied). */
  requestPath(object: string): string;
  /** Version token before the change; null when priming got no 2xx answer. */
  old: string | null;
  oldEtag: string | undefined;
  /** Priming's last answer was a HIT. */
  primedHit: boolean;
  /** Age of priming's last answer, s; null without one. */
  primeAge: number | null;
  /** When priming's last GET was sent (performance.now() ms). */
  primeAt: number;
  ms: number | null;
}

/** GETs a pair until its last answer is a HIT or `gets` are spent (at least `minGets`), recording what it saw. */
export async function primePair(p: Pair, gate: PollGate, signal: AbortSignal, minGets: number, gets: number): Promise<void> {
  for (let i = 0; i < gets && !signal.aborted; i++) {
    const obs = await gate.run(() => p.client.get(p.requestPath(p.object)));
    if (obs.version !== null) {
      p.old = obs.version;
      p.oldEtag = obs.etag;
      p.primedHit = obs.cache === 'HIT';
      p.primeAge = obs.age;
      p.primeAt = obs.sentAt;
    }
    if (i + 1 >= minGets && p.primedHit) return;
  }
}

/** True when `o` is the first fresh answer of the pair under `method`. */
export function isFresh(o: VersionObservation, p: Pair, method: ConvergenceMethod): boolean {
  if (o.status < 200 || o.status >= 300 || o.version === null || p.old === null) return false;
  if (o.version !== p.old) return true;
  if (method === 'version') return false;
  if (p.primedHit && (o.cache === 'MISS' || o.cache === 'EXPIRED')) return true;
  return p.primeAge !== null && o.age !== null && o.age < p.primeAge + Math.floor((o.sentAt - p.primeAt) / 1000) - 1;
}
