/**
 * Invalidation propagation, CDN Planet's purge-speed method (DOMAIN.md §2, issue 4 item 2):
 *
 * 1. prime: GET every object at every PoP twice (the second normally a HIT; up to four times until a HIT
 *    with the `refetch` method); the old version of each (object, PoP) is the version token of the last
 *    2xx answer (poll client: ETag, else `x-cdnbench-object-version`, else a body hash). A pair with no
 *    2xx answer cannot be judged: its point stays null (counted as not converged);
 * 2. `await change()` (the origin now serves the new version; a no-op for a plain purge);
 * 3. t0 = performance.now(), then `invalidate()` is called — polling starts at t0 too, *concurrently*
 *    with the call, because a slow purge API (CloudFront) may propagate before it answers. A failed
 *    receipt (ok false, or a throw) cancels polling: every point null, converged 0, the result still
 *    returned. `invalidate: null` (versioned URLs) issues nothing: t0 is the URL switch;
 * 4. each (object, PoP) is polled with plain GETs — for versioned URLs at the new path — every
 *    `intervalMs` ±20 % (seeded jitter, measured send to send; never more than one poll of a pair in
 *    flight), first polls staggered evenly over one interval, at most `maxConcurrentPolls` in flight;
 * 5. a pair converges on its first fresh answer (invalidation-pair.ts: a new version, or with the
 *    `refetch` method also a MISS/EXPIRED or a restarted Age) — with `refetch`, also on an ordinary
 *    reader's MISS sent after t0 (refetch-stale-reads.ts), whichever was sent first; polling stops at
 *    convergence or `timeoutMs` after t0 (later pairs: ms null).
 *
 * **point.ms = sentAt(first fresh response) − t0**, where sentAt is when undici started writing that
 * request on its socket. A PoP answers from the state its cache is in when the request arrives, which on
 * a keep-alive connection is the send time plus transit, so the send time is the earliest moment the
 * new version was observable: it never precedes the true propagation delay D (beyond transit) and lies
 * in [D, D + gap), gap = the jittered interval (≤ 1.2 · intervalMs) or the previous poll's response time
 * when that is longer. The receive time would add the fresh response's own latency — a MISS, i.e. an
 * origin fetch — a bias unrelated to propagation. The remaining quantisation error is ≤ one gap, on the
 * late side only (mean ≈ gap / 2).
 */
import type { Edge, PurgeReceipt } from '../providers/adapter.js';
import type { ProbeTarget } from '../providers/probe-targets.js';
import { Rng } from '../util/rng.js';
import { pollPair, primePair, type ConvergenceMethod, type Pair, type PollContext } from './invalidation-pair.js';
import { PollGate, VersionClient } from './invalidation-poll-client.js';
import type { StaleReadCounter } from './invalidation-stale-reads.js';
import { summarizeInvalidation } from '../result/invalidation-summary.js';
import type { InvalidationMeasurement, InvalidationResult, PropagationPoint } from '../result/probe-results.js';
import type { RefetchStaleReads } from './refetch-stale-reads.js';

/** What probeInvalidation needs. */
export interface InvalidationProbeOptions {
  /** Every PoP of the provider (ignored when `targets` is given). */
  edges: readonly Edge[];
  /** The PoPs with their path rewriting, poll headers and dialect (probe-targets.ts); default `edges` as they are. */
  targets?: readonly ProbeTarget[];
  /** The changed objects (paths, with query). */
  paths: readonly string[];
  /** Changes the objects at the origin; resolves when done (the lab origin's publish, or a user hook). */
  change(): Promise<void>;
  /** Issues the invalidation; null for versioned URLs (no purge). Returns the receipt (apiMs, ok). */
  invalidate: (() => Promise<PurgeReceipt>) | null;
  /**
   * For versioned URLs: the new paths to poll instead, same order as `paths`. A function is called once
   * `change()` has resolved (new URLs are often known only after the publish).
   */
  newPaths?: readonly string[] | (() => readonly string[]);
  /** Poll interval, ms; default 50, each poll jittered ±20 % (seeded). */
  intervalMs?: number;
  /** Polling stops this long after t0, ms; default 30 000. */
  timeoutMs?: number;
  /** Polls in flight at most; default 32. */
  maxConcurrentPolls?: number;
  /** purge-url | purge-tag | purge-all | versioned-url. */
  strategy: string;
  /** What counts as converged (invalidation-pair.ts); default version. */
  method?: ConvergenceMethod;
  /** When given, the result records the measurement (method, interval, window, t0, this). */
  purged?: InvalidationMeasurement['purged'];
  /** Recorded with the measurement: the paths a publish hook changed. */
  published?: string[];
  /** Aborts priming and polling; unfinished points are null. */
  signal?: AbortSignal;
  /** Seed of the poll jitter; default 1. */
  seed?: number;
  /**
   * Readers' stale-read counter: the prober registers each watched path with its old ETag, acknowledges
   * it when the receipt comes back ok (versioned URLs: at t0), and copies its count into the result.
   * The count keeps growing while readers run; read it again at the end of the run.
   */
  staleReads?: StaleReadCounter;
  /** The `refetch` method's stale-read counter: told each pair, the acknowledgement and each convergence. */
  refetchReads?: RefetchStaleReads;
}

const PRIME_GETS = 2;
const MAX_PRIME_GETS = 4;
const HARD_STOP_GRACE_MS = 1_000;

/** A PoP to poll; without a dialect (the lab's edges) only versions are compared. */
type PollTarget = Omit<ProbeTarget, 'dialect'> & { dialect?: ProbeTarget['dialect'] };

function targetsOf(o: InvalidationProbeOptions): readonly PollTarget[] {
  return o.targets ?? o.edges.map((edge): PollTarget => ({ edge, path: (s: string) => s, headers: {} }));
}

/** Measures invalidation propagation; rejects only on bad options or when `change()` rejects. */
export async function probeInvalidation(o: InvalidationProbeOptions): Promise<InvalidationResult> {
  const intervalMs = o.intervalMs ?? 50;
  const timeoutMs = o.timeoutMs ?? 30_000;
  const method = o.method ?? 'version';
  const targets = targetsOf(o);
  if (!(intervalMs > 0) || !(timeoutMs > 0)) throw new RangeError('intervalMs and timeoutMs must be > 0');
  if (targets.length === 0 || o.paths.length === 0) throw new RangeError('probeInvalidation needs at least one edge and one path');
  if (Array.isArray(o.newPaths) && o.newPaths.length !== o.paths.length) throw new RangeError(`newPaths has ${o.newPaths.length} entries, paths ${o.paths.length}`);
  const gate = new PollGate(o.maxConcurrentPolls ?? 32);
  const connections = Math.min(o.maxConcurrentPolls ?? 32, o.paths.length);
  const clients = targets.map((t) => new VersionClient(t.edge, connections, Math.max(timeoutMs, 5_000) + HARD_STOP_GRACE_MS, { ...(t.dialect === undefined ? {} : { dialect: t.dialect }), headers: t.headers }));
  const pairs: Pair[] = o.paths.flatMap((object) => clients.map((client, k) => ({
    object, pop: client.edge.id, client, requestPath: (targets[k] as PollTarget).path, old: null, oldEtag: undefined, primedHit: false, primeAge: null, primeAt: 0, ms: null,
  })));
  const stop = new AbortController();
  const signal = o.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, o.signal]);
  const run: RunState = { purgeApiMs: null, startedAt: null, pollPaths: o.paths };
  let hardStop: NodeJS.Timeout | undefined;
  // The run's hard stop ends polls in flight at once, not after their timeout.
  const closeAll = (): void => void Promise.all(clients.map((c) => c.close()));
  o.signal?.addEventListener('abort', closeAll, { once: true });
  try {
    await Promise.all(pairs.map((p) => primePair(p, gate, signal, PRIME_GETS, method === 'refetch' ? MAX_PRIME_GETS : PRIME_GETS)));
    if (signal.aborted) return summarize(o, pairs, run, intervalMs, timeoutMs);
    await o.change();
    run.pollPaths = resolveNewPaths(o);
    const watched = pairs.map((p, i) => ({ pair: p, path: run.pollPaths[Math.floor(i / clients.length)] ?? p.object }));
    for (const w of watched) {
      if (w.pair.oldEtag !== undefined) o.staleReads?.watch(w.path, w.pair.oldEtag);
      o.refetchReads?.watch(w.path, w.pair.pop);
    }
    const t0 = performance.now();
    run.startedAt = Date.now();
    o.refetchReads?.startAt(run.startedAt);
    if (o.invalidate === null) o.staleReads?.ackAt(Date.now());
    const rng = new Rng(o.seed ?? 1).fork('invalidation-poll');
    const ctx: PollContext = { t0, t0Epoch: run.startedAt, intervalMs, timeoutMs, gate, signal, method, ...(o.refetchReads === undefined ? {} : { refetchReads: o.refetchReads }) };
    // A poll sent before the deadline gets HARD_STOP_GRACE_MS to answer; then the pools are torn down.
    hardStop = setTimeout(() => void Promise.all(clients.map((c) => c.close())), timeoutMs + HARD_STOP_GRACE_MS);
    const polling = Promise.all(watched.map((w, i) => pollPair(w.pair, w.path, i / watched.length, rng.fork(`${w.pair.pop} ${w.path}`), ctx)));
    if (o.invalidate !== null) {
      const receipt = await callInvalidate(o.invalidate, t0);
      run.purgeApiMs = receipt.apiMs;
      if (receipt.ok) {
        o.staleReads?.ackAt(Date.now());
        o.refetchReads?.ackAt(Date.now());
      } else stop.abort();
    }
    await polling;
    if (stop.signal.aborted) for (const p of pairs) p.ms = null;
  } finally {
    clearTimeout(hardStop);
    o.signal?.removeEventListener('abort', closeAll);
    stop.abort();
    await Promise.all(clients.map((c) => c.close()));
  }
  return summarize(o, pairs, run, intervalMs, timeoutMs);
}

interface RunState {
  purgeApiMs: number | null;
  startedAt: number | null;
  pollPaths: readonly string[];
}

function summarize(o: InvalidationProbeOptions, pairs: readonly Pair[], run: RunState, intervalMs: number, timeoutMs: number): InvalidationResult {
  const perObject = targetsOf(o).length;
  const points: PropagationPoint[] = pairs.map((p, i) => ({ object: run.pollPaths[Math.floor(i / perObject)] ?? p.object, pop: p.pop, ms: p.ms }));
  const measurement: InvalidationMeasurement | undefined = o.purged === undefined
    ? undefined
    : { method: o.method ?? 'version', intervalMs, timeoutMs, startedAt: run.startedAt, purged: o.purged, ...(o.published === undefined ? {} : { published: o.published }) };
  const stale = o.refetchReads?.staleReads ?? o.staleReads?.staleReads ?? null;
  const summary = summarizeInvalidation({ points, objects: o.paths.length, pops: perObject, purgeApiMs: run.purgeApiMs, staleReads: stale, strategy: o.strategy, ...(measurement === undefined ? {} : { measurement }) });
  // The window unconverged pairs are censored at (the report's Kaplan–Meier t95), also without `measurement`.
  return { ...summary, windowMs: timeoutMs, intervalMs };
}

function resolveNewPaths(o: InvalidationProbeOptions): readonly string[] {
  const given = typeof o.newPaths === 'function' ? o.newPaths() : o.newPaths;
  if (given === undefined) return o.paths;
  if (given.length !== o.paths.length) throw new RangeError(`newPaths has ${given.length} entries, paths ${o.paths.length}`);
  return given;
}

async function callInvalidate(invalidate: () => Promise<PurgeReceipt>, t0: number): Promise<PurgeReceipt> {
  try {
    return await invalidate();
  } catch (err) {
    return { ok: false, apiMs: performance.now() - t0, error: err instanceof Error ? err.message : String(err) };
  }
}
