/**
 * A measured purge (`action: purge` with `probe:`), on any provider that can purge — staging hooks, the
 * vendor CDN adapters, multi-CDN, the lab — without needing cdnbench's origin: CDN Planet's prime →
 * purge → poll, per PoP. Nothing changes at the origin, so an (object, PoP) converges when the PoP shows
 * it refetched (invalidation-pair.ts, method `refetch`). Polls go through the prober's own clients, never
 * through the load's sink, so they are not counted in load figures.
 */
import type { InvalidationResult } from '../result/probe-results.js';
import type { RefetchStaleReads } from '../probes/refetch-stale-reads.js';
import type { ProviderAdapter, Purger, PurgeReceipt } from '../providers/adapter.js';
import { probeTargetsOf } from '../providers/probe-targets.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { probeTiming, runProbe } from './probe-timing.js';
import { purgeRequestOf, type FilledPurge, type PurgeFiller } from './purge-targets.js';

/** A purge event that measures propagation. */
export type MeasuredPurgeEvent = Extract<ScenarioEvent, { action: 'purge' }> & { probe: NonNullable<Extract<ScenarioEvent, { action: 'purge' }>['probe']> };

/** True when a scenario event is a measured purge. */
export function isMeasuredPurge(e: ScenarioEvent): e is MeasuredPurgeEvent {
  return e.action === 'purge' && e.probe !== undefined;
}

/** What a measured purge needs from the run. */
export interface PurgeProbeContext {
  filler: PurgeFiller;
  refetchReads: RefetchStaleReads;
  signal: AbortSignal;
  seed: number;
}

/** The strategy label of a purge: which kinds it used. */
export function purgeStrategy(f: FilledPurge): string {
  return [f.urls.length > 0 ? 'purge-url' : '', f.tags.length > 0 ? 'purge-tag' : '', f.all ? 'purge-all' : ''].filter((s) => s !== '').join('+');
}

/** Measures one purge; throws when its templates cannot be filled or the probe cannot run. */
export async function measurePurge(provider: ProviderAdapter & Purger, event: MeasuredPurgeEvent, ctx: PurgeProbeContext): Promise<{ result: InvalidationResult; invalidationPaths: number }> {
  const filled = ctx.filler.fill({ urls: event.urls, tags: event.tags, all: event.all, objects: event.objects, watch: event.probe.paths });
  if ('error' in filled) throw new Error(`purge not sent: ${filled.error}`);
  let invalidationPaths = 0;
  const invalidate = async (): Promise<PurgeReceipt> => {
    const r = await provider.purge(purgeRequestOf(filled));
    if (r.ok) invalidationPaths = filled.urls.length + (filled.all ? 1 : 0);
    return r;
  };
  const result = await runProbe({
    edges: [],
    targets: probeTargetsOf(provider),
    paths: filled.watch,
    change: () => Promise.resolve(),
    invalidate,
    ...probeTiming(event.probe, provider),
    strategy: purgeStrategy(filled),
    method: 'refetch',
    purged: { urls: filled.urls, tags: filled.tags, all: filled.all },
    signal: ctx.signal,
    seed: ctx.seed,
    refetchReads: ctx.refetchReads,
  });
  return { result, invalidationPaths };
}
