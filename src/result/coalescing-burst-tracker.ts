/**
 * Watches the client side of coalescing bursts (DOMAIN.md §2, issue 4 item 3): per (path, PoP), how many
 * client requests were sent for objects that were uncached when the burst began, and, for the estimate
 * used when the origin is not cdnbench's own, how many of them the cache says went forward on their own.
 *
 * The tracker does not decide what is uncached: the caller names the burst's objects with `watch()` before
 * sending the burst (typically fresh, never-requested URLs or objects it has just purged). Samples of other
 * paths are ignored, so the tracker can sit on the engine's sample stream next to the recorder.
 */
import type { CacheStatus, Sample, SampleSink } from './sample.js';

/**
 * Cache states counted as an origin fetch in the estimate, unless the response is `collapsed`: the cache
 * had no usable copy and forwarded the request (MISS), or had a stale one and fetched a new response
 * (EXPIRED). HIT, STALE and UPDATING are served from cache; REVALIDATED (a conditional 304) and BYPASS
 * (the cache was not allowed to answer) say nothing about collapsing a miss and are left out.
 */
export const FETCHING_STATUSES: ReadonlySet<CacheStatus> = new Set<CacheStatus>(['MISS', 'EXPIRED']);

/** The counts of one (path, PoP) pair. */
export interface BurstPairCounts {
  /** Client requests sent (every sample, failed ones included: the burst size is what the client sent). */
  requests: number;
  /** Responses whose cache status is in FETCHING_STATUSES and that are not `collapsed`. */
  estimatedFetches: number;
  /** Responses that said `collapsed` (joined another request's fetch). */
  collapsed: number;
  /** Samples whose cache status said nothing (UNKNOWN, network errors included): the estimate cannot see them. */
  unclassified: number;
  /** Samples that failed at the network level (`error` set). */
  failed: number;
}

const zero = (): BurstPairCounts => ({ requests: 0, estimatedFetches: 0, collapsed: 0, unclassified: 0, failed: 0 });

/** Totals over every watched pair. */
export interface BurstTotals extends BurstPairCounts {
  /** (path, PoP) pairs with at least one request: the ideal fetch count without a shield. */
  pairs: number;
  /** Watched paths with at least one request: the ideal fetch count behind a shield. */
  objects: number;
}

/** A SampleSink counting, per (path, PoP), the requests of watched (uncached-at-burst-start) objects. */
export class CoalescingBurstTracker implements SampleSink {
  /** path → PoP → counts; a path is watched once it has an entry. */
  private readonly byPath = new Map<string, Map<string, BurstPairCounts>>();

  /** Starts counting requests for `paths` (exact request paths, query included, as in Sample.path). */
  watch(paths: Iterable<string>): void {
    for (const p of paths) if (!this.byPath.has(p)) this.byPath.set(p, new Map());
  }

  /** The watched paths, in the order they were first watched. */
  watched(): string[] {
    return [...this.byPath.keys()];
  }

  /** Records one sample; cheap for unwatched paths (one map lookup). */
  add(sample: Sample): void {
    const pops = this.byPath.get(sample.path);
    if (pops === undefined) return;
    let c = pops.get(sample.pop);
    if (c === undefined) {
      c = zero();
      pops.set(sample.pop, c);
    }
    c.requests += 1;
    if (sample.error !== undefined) c.failed += 1;
    if (sample.collapsed === true) c.collapsed += 1;
    else if (FETCHING_STATUSES.has(sample.cache)) c.estimatedFetches += 1;
    if (sample.cache === 'UNKNOWN') c.unclassified += 1;
  }

  /** Counts of one pair, zeros when nothing was recorded for it. */
  pair(path: string, pop: string): BurstPairCounts {
    const c = this.byPath.get(path)?.get(pop);
    return c === undefined ? zero() : { ...c };
  }

  /** PoP → path → client requests, the shape `exactCoalescing` takes; pairs without requests are absent. */
  clientRequestsByPop(): Map<string, Map<string, number>> {
    return this.pivot((c) => c.requests);
  }

  /** PoP → path → estimated origin fetches (fetches leaving the client-facing PoP, see FETCHING_STATUSES). */
  estimatedFetchesByPop(): Map<string, Map<string, number>> {
    return this.pivot((c) => c.estimatedFetches);
  }

  /** Sums over every watched pair. */
  totals(): BurstTotals {
    const t: BurstTotals = { ...zero(), pairs: 0, objects: 0 };
    for (const pops of this.byPath.values()) {
      let requested = false;
      for (const c of pops.values()) {
        if (c.requests === 0) continue;
        requested = true;
        t.pairs += 1;
        t.requests += c.requests;
        t.estimatedFetches += c.estimatedFetches;
        t.collapsed += c.collapsed;
        t.unclassified += c.unclassified;
        t.failed += c.failed;
      }
      if (requested) t.objects += 1;
    }
    return t;
  }

  /** Forgets every count and every watched path (between bursts). */
  reset(): void {
    this.byPath.clear();
  }

  private pivot(pick: (c: BurstPairCounts) => number): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const [path, pops] of this.byPath) {
      for (const [pop, c] of pops) {
        if (c.requests === 0) continue;
        let paths = out.get(pop);
        if (paths === undefined) {
          paths = new Map();
          out.set(pop, paths);
        }
        paths.set(path, pick(c));
      }
    }
    return out;
  }
}
