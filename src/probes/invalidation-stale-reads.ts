/**
 * Stale reads seen by ordinary readers (DOMAIN.md §2): engine samples for a watched path, whose intended
 * start is at or after the moment the invalidation was acknowledged, that still carry the old ETag.
 *
 * Watched pairs are (the path readers fetch, the ETag it must no longer carry). For purge strategies that
 * is the purged path and its old ETag; for versioned URLs the *new* path and the old object's ETag (the
 * old URL keeps meaning the old object: reading it is not stale, and readers stop asking for it after the
 * switch), so a correct versioned rollout counts 0 by construction. ETags compare without a weak `W/` prefix.
 */
import type { Sample, SampleSink } from '../result/sample.js';

function strong(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag;
}

/** A SampleSink counting stale reads after an acknowledged invalidation; cheap on the engine's hot path. */
export class StaleReadCounter implements SampleSink {
  private readonly watched = new Map<string, string>();
  private ack: number | null = null;
  private count = 0;
  private readonly pops = new Map<string, number>();

  /** @param watched path → ETag of the old version (more can be added with `watch`). */
  constructor(watched: ReadonlyMap<string, string> = new Map()) {
    for (const [path, etag] of watched) this.watch(path, etag);
  }

  /** Watches `path` for responses still carrying `oldEtag`. */
  watch(path: string, oldEtag: string): void {
    this.watched.set(path, strong(oldEtag));
  }

  /** Marks when the invalidation was acknowledged (Unix epoch ms); samples started earlier are not counted. */
  ackAt(epochMs: number): void {
    this.ack = epochMs;
  }

  /** Counts `sample` when it is a stale read. */
  add(sample: Sample): void {
    if (this.ack === null || sample.startedAt < this.ack || sample.etag === undefined || sample.error !== undefined) return;
    const old = this.watched.get(sample.path);
    if (old === undefined || strong(sample.etag) !== old) return;
    this.count++;
    this.pops.set(sample.pop, (this.pops.get(sample.pop) ?? 0) + 1);
  }

  /** Stale reads counted so far. */
  get staleReads(): number {
    return this.count;
  }

  /** Stale reads per PoP (PoP id → count). */
  get staleReadsByPop(): ReadonlyMap<string, number> {
    return this.pops;
  }

  /** The acknowledgement time, null before `ackAt`. */
  get ackedAt(): number | null {
    return this.ack;
  }

  /** The watched paths and old ETags. */
  get watchedPaths(): ReadonlyMap<string, string> {
    return this.watched;
  }
}
