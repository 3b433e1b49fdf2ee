/**
 * One watched (object, PoP) pair of the invalidation prober: what priming saw, how it is polled, and when a poll counts as
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
import { sleepUntil } from '../util/sleep.js';
import type { Rng } from '../util/rng.js';
import type { PollGate, VersionClient, VersionObservation } from './invalidation-poll-client.js';
import type { RefetchStaleReads } from './refetch-stale-reads.js';

/** Poll jitter: each interval is drawn within ±20 %. */
const JITTER = 0.2;

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

/** What polling needs from the probe. */
export interface PollContext {
  t0: number;
  /** t0 as Unix epoch ms (readers' samples are timed on that clock). */
  t0Epoch: number;
  intervalMs: number;
  timeoutMs: number;
  gate: PollGate;
  signal: AbortSignal;
  method: ConvergenceMethod;
  refetchReads?: RefetchStaleReads;
}

/** Polls one pair until fresh, timeout or abort; sets `p.ms`. */
export async function pollPair(p: Pair, path: string, phase: number, rng: Rng, c: PollContext): Promise<void> {
  if (p.old === null) return;
  const deadline = c.t0 + c.timeoutMs;
  const maxPolls = Math.ceil(c.timeoutMs / (c.intervalMs * (1 - JITTER))) + 2;
  let next = c.t0 + phase * c.intervalMs;
  for (let k = 0; k < maxPolls; k++) {
    if (!(await sleepUntil(next, c.signal)) || performance.now() > deadline) return;
    const obs = await c.gate.run(() => p.client.get(p.requestPath(path)));
    if (c.signal.aborted) return;
    // A reader may have taken the refetch (its MISS) before this poll: the earlier observation counts.
    const reader = c.method === 'refetch' && p.primedHit ? c.refetchReads?.readerRefetchAt(path, p.pop) : undefined;
    const polled = isFresh(obs, p, c.method) ? obs.sentAt - c.t0 : Number.POSITIVE_INFINITY;
    const ms = Math.min(polled, reader === undefined ? Number.POSITIVE_INFINITY : reader - c.t0Epoch);
    if (ms !== Number.POSITIVE_INFINITY) {
      if (ms <= c.timeoutMs) p.ms = Math.round(Math.max(0, ms) * 10) / 10;
      c.refetchReads?.converged(path, p.pop, c.t0Epoch + ms);
      return;
    }
    next = obs.sentAt + c.intervalMs * (1 + JITTER * (2 * rng.next() - 1));
  }
}
