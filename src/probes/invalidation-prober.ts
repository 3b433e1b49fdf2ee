/**
 * Invalidation propagation, CDN Planet's purge-speed method (DOMAIN.md §2, issue 4 item 2):
 *
 * 1. prime: GET every object at every PoP twice (the second normally a HIT); the old version of each
 *    (object, PoP) is the version token of the last 2xx answer (poll client: ETag, else
 *    `x-cdnbench-object-version`, else a body hash). A pair with no 2xx answer cannot be judged: its
 *    point stays null (counted as not converged);
 * 2. `await change()` (the origin now serves the new version);
 * 3. t0 = performance.now(), then `invalidate()` is called — polling starts at t0 too, *concurrently*
 *    with the call, because a slow purge API (CloudFront) may propagate before it answers. A failed
 *    receipt (ok false, or a throw) cancels polling: every point null, converged 0, the result still
 *    returned. `invalidate: null` (versioned URLs) issues nothing: t0 is the URL switch;
 * 4. each (object, PoP) is polled with plain GETs — for versioned URLs at the new path — every
 *    `intervalMs` ±20 % (seeded jitter, measured send to send; never more than one poll of a pair in
 *    flight), first polls staggered evenly over one interval, at most `maxConcurrentPolls` in flight;
 * 5. a pair converges on the first 2xx answer whose version differs from its old one; polling stops at
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
import { sleepUntil } from '../engine/sleep.js';
import type { Edge, PurgeReceipt } from '../providers/adapter.js';
import { Rng } from '../util/rng.js';
import { PollGate, VersionClient, type VersionObservation } from './invalidation-poll-client.js';
import type { StaleReadCounter } from './invalidation-stale-reads.js';
import { summarizeInvalidation } from './invalidation-summary.js';
import type { InvalidationResult, PropagationPoint } from './probe-results.js';

/** What probeInvalidation needs. */
export interface InvalidationProbeOptions {
  /** Every PoP of the provider. */
  edges: readonly Edge[];
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
}

const JITTER = 0.2;
const PRIME_GETS = 2;
const HARD_STOP_GRACE_MS = 1_000;

interface Pair {
  object: string;
  edge: Edge;
  client: VersionClient;
  /** Version token before the change; null when priming got no 2xx answer. */
  old: string | null;
  oldEtag: string | undefined;
  ms: number | null;
}

const fresh = (o: VersionObservation, old: string): boolean => o.status >= 200 && o.status < 300 && o.version !== null && o.version !== old;

/** Measures invalidation propagation; rejects only on bad options or when `change()` rejects. */
export async function probeInvalidation(o: InvalidationProbeOptions): Promise<InvalidationResult> {
  const intervalMs = o.intervalMs ?? 50;
  const timeoutMs = o.timeoutMs ?? 30_000;
  if (!(intervalMs > 0) || !(timeoutMs > 0)) throw new RangeError('intervalMs and timeoutMs must be > 0');
  if (o.edges.length === 0 || o.paths.length === 0) throw new RangeError('probeInvalidation needs at least one edge and one path');
  if (Array.isArray(o.newPaths) && o.newPaths.length !== o.paths.length) throw new RangeError(`newPaths has ${o.newPaths.length} entries, paths ${o.paths.length}`);
  const gate = new PollGate(o.maxConcurrentPolls ?? 32);
  const connections = Math.min(o.maxConcurrentPolls ?? 32, o.paths.length);
  const clients = o.edges.map((e) => new VersionClient(e, connections, Math.max(timeoutMs, 5_000) + HARD_STOP_GRACE_MS));
  const pairs: Pair[] = o.paths.flatMap((object) => clients.map((client) => ({ object, edge: client.edge, client, old: null, oldEtag: undefined, ms: null })));
  const stop = new AbortController();
  const signal = o.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, o.signal]);
  let purgeApiMs: number | null = null;
  let pollPaths: readonly string[] = o.paths;
  let hardStop: NodeJS.Timeout | undefined;
  try {
    await Promise.all(pairs.map((p) => prime(p, gate, signal)));
    if (signal.aborted) return summarize(o, pairs, pollPaths, null);
    await o.change();
    pollPaths = resolveNewPaths(o);
    const watched = pairs.map((p, i) => ({ pair: p, path: pollPaths[Math.floor(i / clients.length)] ?? p.object }));
    for (const w of watched) if (w.pair.oldEtag !== undefined) o.staleReads?.watch(w.path, w.pair.oldEtag);
    const t0 = performance.now();
    if (o.invalidate === null) o.staleReads?.ackAt(Date.now());
    const rng = new Rng(o.seed ?? 1).fork('invalidation-poll');
    const ctx: PollContext = { t0, intervalMs, timeoutMs, gate, signal };
    // A poll sent before the deadline gets HARD_STOP_GRACE_MS to answer; then the pools are torn down.
    hardStop = setTimeout(() => void Promise.all(clients.map((c) => c.close())), timeoutMs + HARD_STOP_GRACE_MS);
    const polling = Promise.all(watched.map((w, i) => poll(w.pair, w.path, i / watched.length, rng.fork(`${w.pair.edge.id} ${w.path}`), ctx)));
    if (o.invalidate !== null) {
      const receipt = await callInvalidate(o.invalidate, t0);
      purgeApiMs = receipt.apiMs;
      if (receipt.ok) o.staleReads?.ackAt(Date.now());
      else stop.abort();
    }
    await polling;
    if (stop.signal.aborted) for (const p of pairs) p.ms = null;
  } finally {
    clearTimeout(hardStop);
    stop.abort();
    await Promise.all(clients.map((c) => c.close()));
  }
  return summarize(o, pairs, pollPaths, purgeApiMs);
}

function summarize(o: InvalidationProbeOptions, pairs: readonly Pair[], pollPaths: readonly string[], purgeApiMs: number | null): InvalidationResult {
  const perObject = o.edges.length;
  const points: PropagationPoint[] = pairs.map((p, i) => ({ object: pollPaths[Math.floor(i / perObject)] ?? p.object, pop: p.edge.id, ms: p.ms }));
  return { ...summarizeInvalidation({ points, objects: o.paths.length, pops: o.edges.length, purgeApiMs, staleReads: o.staleReads?.staleReads ?? null, strategy: o.strategy }), windowMs: o.timeoutMs ?? 30_000, intervalMs: o.intervalMs ?? 50 };
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

async function prime(p: Pair, gate: PollGate, signal: AbortSignal): Promise<void> {
  for (let i = 0; i < PRIME_GETS && !signal.aborted; i++) {
    const obs = await gate.run(() => p.client.get(p.object));
    if (obs.version !== null) {
      p.old = obs.version;
      p.oldEtag = obs.etag;
    }
  }
}

interface PollContext {
  t0: number;
  intervalMs: number;
  timeoutMs: number;
  gate: PollGate;
  signal: AbortSignal;
}

/** Polls one pair until fresh, timeout or abort; sets `p.ms`. */
async function poll(p: Pair, path: string, phase: number, rng: Rng, c: PollContext): Promise<void> {
  const old = p.old;
  if (old === null) return;
  const deadline = c.t0 + c.timeoutMs;
  const maxPolls = Math.ceil(c.timeoutMs / (c.intervalMs * (1 - JITTER))) + 2;
  let next = c.t0 + phase * c.intervalMs;
  for (let k = 0; k < maxPolls; k++) {
    if (!(await sleepUntil(next, c.signal)) || performance.now() > deadline) return;
    const obs = await c.gate.run(() => p.client.get(path));
    if (c.signal.aborted) return;
    if (fresh(obs, old)) {
      const ms = obs.sentAt - c.t0;
      if (ms <= c.timeoutMs) p.ms = Math.round(ms * 10) / 10;
      return;
    }
    next = obs.sentAt + c.intervalMs * (1 + JITTER * (2 * rng.next() - 1));
  }
}
