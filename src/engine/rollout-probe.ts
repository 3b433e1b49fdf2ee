/**
 * The edition-rollout measurement: a `publish` event that names a strategy becomes an invalidation probe
 * (CDN Planet's purge-speed method). The origin previews which tiles the publish will change, the prober
 * primes exactly those at every PoP, the publish happens, and the strategy invalidates them — by URL, by
 * tag, everything, or not at all (versioned URLs: readers switch to the new edition hash).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { StaleReadCounter } from '../probes/invalidation-stale-reads.js';
import type { InvalidationResult } from '../result/probe-results.js';
import { isOriginControlled, isPurger, type ProviderAdapter, type PurgeReceipt } from '../providers/adapter.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { probeTiming, runProbe } from './probe-timing.js';

/** A publish event that measures propagation. */
export type RolloutEvent = Extract<ScenarioEvent, { action: 'publish' }> & { strategy: NonNullable<Extract<ScenarioEvent, { action: 'publish' }>['strategy']> };

/** True when a scenario event asks for the rollout measurement. */
export function isRolloutEvent(e: ScenarioEvent): e is RolloutEvent {
  return e.action === 'publish' && e.strategy !== undefined;
}

/** The purge kind a strategy needs, or null for versioned URLs. */
export function purgeKindOf(strategy: RolloutEvent['strategy']): 'url' | 'tag' | 'all' | null {
  return strategy === 'purge-url' ? 'url' : strategy === 'purge-tag' ? 'tag' : strategy === 'purge-all' ? 'all' : null;
}

/** What the measurement needs from the run. */
export interface RolloutContext {
  /** The engine's catalog: readers learn the new edition hash from it (versioned URLs). */
  catalog: Catalog;
  staleReads: StaleReadCounter;
  signal: AbortSignal;
  seed: number;
}

/** What a rollout measured, and the URL paths it invalidated (for path-priced APIs). */
export interface RolloutOutcome {
  result: InvalidationResult;
  invalidationPaths: number;
}

/** Runs the rollout; throws only when the provider cannot do it (checked before the run). */
export async function measureRollout(provider: ProviderAdapter, event: RolloutEvent, ctx: RolloutContext): Promise<RolloutOutcome> {
  if (!isOriginControlled(provider)) throw new Error(`provider ${provider.id} has no origin cdnbench controls`);
  const versioned = event.strategy === 'versioned-url';
  const book = typeof event.book === 'number' ? { rank: event.book } : { isbn: event.book };
  const req = { ...book, changePercent: event.changePercent, mode: versioned ? 'new-edition' as const : 'in-place' as const };
  const preview = await provider.originPublish({ ...req, preview: true });
  // Versioned URLs: readers were on the old edition's URLs; the new ones are the preview's paths.
  const oldPaths = versioned ? preview.changedPaths.map((p) => p.replace(`/${preview.edition.hash}/`, `/${preview.previousEdition.hash}/`)) : preview.changedPaths;
  let invalidationPaths = 0;
  const invalidate = versioned
    ? null
    : async (): Promise<PurgeReceipt> => {
        if (!isPurger(provider)) return { ok: false, apiMs: 0, error: 'no invalidation API' };
        const kind = purgeKindOf(event.strategy);
        const r = await provider.purge(kind === 'url' ? { urls: preview.changedPaths } : kind === 'tag' ? { tags: preview.tags } : { all: true });
        if (r.ok) invalidationPaths = kind === 'url' ? preview.changedPaths.length : kind === 'all' ? 1 : 0;
        return r;
      };
  const result = await runProbe({
    edges: provider.edges(),
    paths: oldPaths,
    change: async () => {
      await provider.originPublish(req);
      const b = ctx.catalog.book(preview.isbn);
      // Readers learn the new edition the way a client would from fresh metadata.
      if (versioned && b !== undefined) ctx.catalog.addEdition(b);
    },
    invalidate,
    ...(versioned ? { newPaths: preview.changedPaths } : {}),
    ...probeTiming(event.probe, provider),
    strategy: event.strategy,
    signal: ctx.signal,
    seed: ctx.seed,
    staleReads: ctx.staleReads,
  });
  return { result, invalidationPaths };
}
