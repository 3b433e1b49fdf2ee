/**
 * Stale reads after a purge without a content change (DOMAIN.md §2): the version does not change, so a
 * stale read is told by time and cache status — an ordinary reader's response for a watched path at a
 * watched PoP, started after the purge was acknowledged and before the prober saw that (object, PoP)
 * refetched, that the cache answered from its old copy (HIT or STALE). A pair that never converged
 * counts such reads until the end of the run.
 */
import type { Sample, SampleSink } from '../metrics/sample.js';

/** A SampleSink counting readers' cached answers for purged-but-not-yet-refetched pairs. */
export class RefetchStaleReads implements SampleSink {
  /** `${pop} ${path}` → epoch ms the pair was seen refetched (Infinity until then). */
  private readonly pairs = new Map<string, number>();
  private ack: number | null = null;
  private count = 0;

  /** Watches reads of `path` at `pop`. */
  watch(path: string, pop: string): void {
    this.pairs.set(`${pop} ${path}`, Number.POSITIVE_INFINITY);
  }

  /** The prober saw the pair refetched at `epochMs`: later reads there are fresh. */
  converged(path: string, pop: string, epochMs: number): void {
    if (this.pairs.has(`${pop} ${path}`)) this.pairs.set(`${pop} ${path}`, epochMs);
  }

  /** Marks when the purge was acknowledged (Unix epoch ms). */
  ackAt(epochMs: number): void {
    this.ack = epochMs;
  }

  add(sample: Sample): void {
    if (this.ack === null || sample.startedAt < this.ack || sample.error !== undefined) return;
    if (sample.cache !== 'HIT' && sample.cache !== 'STALE') return;
    const until = this.pairs.get(`${sample.pop} ${sample.path}`);
    if (until !== undefined && sample.startedAt < until) this.count++;
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
