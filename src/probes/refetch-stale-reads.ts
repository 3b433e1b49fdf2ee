/**
 * What ordinary readers show of a purge without a content change (DOMAIN.md §2). The version does not
 * change, so readers are judged by time and cache status, per watched (object, PoP):
 *
 * - **refetch seen by a reader**: while the load runs, a reader often asks for a purged object before
 *   the prober's next poll, takes the MISS itself and leaves the poll a HIT of the new copy. So the first
 *   reader answer with a MISS/EXPIRED status *sent* at or after t0 (intended start + the time it waited
 *   to be sent, i.e. the socket write) counts as the PoP's refetch as well; the prober takes the earlier
 *   of that and its own polls;
 * - **stale read**: a reader answer started after the purge was acknowledged and sent before the pair's
 *   refetch was seen, that the cache answered from its old copy (HIT or STALE). A pair that never
 *   converged counts such reads until the end of the run.
 */
import type { Sample, SampleSink } from '../result/sample.js';

interface Watched {
  /** Epoch ms the refetch was seen (by the prober or a reader); Infinity until then. */
  convergedAt: number;
  /** Epoch ms a reader's request that saw a refetch was sent; undefined until one did. */
  readerRefetchAt: number | undefined;
}

/** A SampleSink watching readers' answers for purged (object, PoP) pairs. */
export class RefetchStaleReads implements SampleSink {
  private readonly pairs = new Map<string, Watched>();
  private start: number | null = null;
  private ack: number | null = null;
  private count = 0;

  /** Watches reads of `path` at `pop`. */
  watch(path: string, pop: string): void {
    this.pairs.set(`${pop} ${path}`, { convergedAt: Number.POSITIVE_INFINITY, readerRefetchAt: undefined });
  }

  /** Marks t0, the purge call (Unix epoch ms): refetches sent from then on count. */
  startAt(epochMs: number): void {
    this.start = epochMs;
  }

  /** Marks when the purge was acknowledged (Unix epoch ms). */
  ackAt(epochMs: number): void {
    this.ack = epochMs;
  }

  /** The pair converged at `epochMs`: later reads there are fresh. */
  converged(path: string, pop: string, epochMs: number): void {
    const w = this.pairs.get(`${pop} ${path}`);
    if (w !== undefined) w.convergedAt = Math.min(w.convergedAt, epochMs);
  }

  /** When a reader's request that saw `path` refetched at `pop` was sent (epoch ms), if one did. */
  readerRefetchAt(path: string, pop: string): number | undefined {
    return this.pairs.get(`${pop} ${path}`)?.readerRefetchAt;
  }

  add(sample: Sample): void {
    if (this.start === null || sample.error !== undefined) return;
    const w = this.pairs.get(`${sample.pop} ${sample.path}`);
    if (w === undefined) return;
    // Intended start plus the wait before the socket write (open model: coordinated-omission lag).
    const sentAt = sample.startedAt + Math.max(0, sample.totalUs - sample.serviceUs) / 1000;
    const ok = sample.status >= 200 && sample.status < 300;
    if (ok && (sample.cache === 'MISS' || sample.cache === 'EXPIRED') && sentAt >= this.start && w.readerRefetchAt === undefined) w.readerRefetchAt = sentAt;
    if (this.ack !== null && sample.startedAt >= this.ack && (sample.cache === 'HIT' || sample.cache === 'STALE') && sentAt < w.convergedAt) this.count++;
  }

  /** Stale reads counted so far. */
  get staleReads(): number {
    return this.count;
  }

  /** True once something is watched. */
  get watching(): boolean {
    return this.pairs.size > 0;
  }
}
