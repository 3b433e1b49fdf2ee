/**
 * A content change on a provider whose origin is the user's (issue 14): a `publish` event with a purge
 * strategy on a provider with a publish hook (a staging profile's `publish:` webhook or command). The
 * objects are the event's URLs, template variables filled from the objects the sessions used; each is
 * primed at every PoP, the hook changes them at the origin, the strategy purges them, and each
 * (object, PoP) converges on its first answer with a new validator or body (method `version`).
 */
import type { StaleReadCounter } from '../probes/invalidation-stale-reads.js';
import type { InvalidationResult } from '../result/probe-results.js';
import type { ProviderAdapter, Purger, PurgeReceipt, PurgeRequest } from '../providers/adapter.js';
import type { ContentPublisher } from '../providers/content-publisher.js';
import { probeTargetsOf } from '../providers/probe-targets.js';
import { probeTiming, runProbe } from './probe-timing.js';
import type { PurgeFiller } from './purge-targets.js';
import type { RolloutEvent } from './rollout-probe.js';

/** What a hook rollout needs from the run. */
export interface HookRolloutContext {
  filler: PurgeFiller;
  staleReads: StaleReadCounter;
  signal: AbortSignal;
  seed: number;
}

/** Measures a content change through the provider's publish hook; throws when it cannot be carried out. */
export async function measureHookRollout(
  provider: ProviderAdapter & Purger & ContentPublisher,
  event: RolloutEvent,
  ctx: HookRolloutContext,
): Promise<{ result: InvalidationResult; invalidationPaths: number }> {
  const filled = ctx.filler.fill({ urls: event.urls, tags: event.tags, all: event.strategy === 'purge-all', objects: event.objects });
  if ('error' in filled) throw new Error(`publish not made: ${filled.error}`);
  const req: PurgeRequest = event.strategy === 'purge-url' ? { urls: filled.urls } : event.strategy === 'purge-tag' ? { tags: filled.tags } : { all: true };
  let invalidationPaths = 0;
  const invalidate = async (): Promise<PurgeReceipt> => {
    const r = await provider.purge(req);
    if (r.ok) invalidationPaths = (req.urls?.length ?? 0) + (req.all === true ? 1 : 0);
    return r;
  };
  const result = await runProbe({
    edges: [],
    targets: probeTargetsOf(provider),
    paths: filled.urls,
    change: async () => {
      const r = await provider.publishContent({ paths: filled.urls, tags: filled.tags });
      if (!r.ok) throw new Error(`the publish hook failed: ${r.error ?? 'unknown error'}`);
    },
    invalidate,
    ...probeTiming(event.probe, provider),
    strategy: event.strategy,
    method: 'version',
    purged: { urls: req.urls ?? [], tags: req.tags ?? [], all: req.all === true },
    published: filled.urls,
    signal: ctx.signal,
    seed: ctx.seed,
    staleReads: ctx.staleReads,
  });
  return { result, invalidationPaths };
}
