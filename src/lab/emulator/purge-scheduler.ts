/**
 * Applies invalidations the way a CDN propagates them: the shield at once (so an edge that refetches
 * after its own purge gets the new object), each PoP after its own delay drawn independently from the
 * profile's `invalidation` distribution (a seeded stream per PoP). Until its delay has passed a PoP keeps
 * serving what it has.
 *
 * The log of every purge with its per-PoP delays and applied times is ground truth for tests and lab
 * diagnostics only (GET /__cdnbench/purges); the purge API's own answer never reveals it.
 */
import type { CacheNode } from './cache-node.js';
import type { PurgeMatcher } from './cache-store.js';
import type { DelaySource } from './latency.js';

/** One PoP's part of a purge. */
export interface PopPurgeState {
  /** Drawn propagation delay, ms. */
  readonly delayMs: number;
  /** Epoch ms the purge is due at this PoP. */
  readonly scheduledAt: number;
  /** Epoch ms it was applied (null while pending). */
  appliedAt: number | null;
  /** Entries it removed (null while pending). */
  removed: number | null;
}

/** One purge as logged. */
export interface PurgeLogEntry {
  readonly id: string;
  readonly matchers: readonly PurgeMatcher[];
  /** Epoch ms the purge call was received. */
  readonly receivedAt: number;
  readonly pops: Record<string, PopPurgeState>;
  /** Entries removed at the shield (applied on receipt); null without a shield. */
  readonly shieldRemoved: number | null;
}

/** A PoP as the scheduler sees it. */
export interface PurgeTarget {
  readonly id: string;
  readonly node: CacheNode;
  /** Seeded per-PoP stream of propagation delays. */
  readonly delay: DelaySource;
}

/** Log entries kept; older ones are dropped (a long lab session purges often). */
const LOG_LIMIT = 1000;

/** Schedules purges across PoPs. */
export class PurgeScheduler {
  private readonly entries: PurgeLogEntry[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly pops: readonly PurgeTarget[],
    private readonly shield: CacheNode | null,
  ) {}

  /** Starts a purge; returns its log entry (whose per-PoP states fill in as delays pass). */
  schedule(id: string, matchers: readonly PurgeMatcher[]): PurgeLogEntry {
    const receivedAt = Date.now();
    let shieldRemoved: number | null = null;
    if (this.shield !== null) {
      shieldRemoved = 0;
      for (const m of matchers) shieldRemoved += this.shield.store.purge(m, receivedAt);
    }
    const pops: Record<string, PopPurgeState> = {};
    const entry: PurgeLogEntry = { id, matchers, receivedAt, pops, shieldRemoved };
    for (const pop of this.pops) {
      const delayMs = Math.max(0, pop.delay.next());
      const state: PopPurgeState = { delayMs, scheduledAt: receivedAt + delayMs, appliedAt: null, removed: null };
      pops[pop.id] = state;
      const apply = (): void => {
        const now = Date.now();
        let removed = 0;
        for (const m of matchers) removed += pop.node.store.purge(m, now);
        state.appliedAt = now;
        state.removed = removed;
      };
      if (delayMs === 0) apply();
      else {
        const t = setTimeout(() => {
          this.timers.delete(t);
          apply();
        }, delayMs);
        this.timers.add(t);
      }
    }
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.shift();
    return entry;
  }

  /** Every logged purge, oldest first. */
  log(): readonly PurgeLogEntry[] {
    return this.entries;
  }

  /** Cancels pending propagation (on shutdown). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
