/**
 * Which invalidation measurement a scenario event asks for, on this provider: the lab's edition rollout
 * (cdnbench's origin), a content change through a publish hook (the user's origin), or a measured purge
 * (any purger). Null for an event that measures nothing (fired as it is).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { StaleReadCounter } from '../probes/invalidation-stale-reads.js';
import type { InvalidationResult } from '../result/probe-results.js';
import type { RefetchStaleReads } from '../probes/refetch-stale-reads.js';
import { isOriginControlled, isPurger, type ProviderAdapter } from '../providers/adapter.js';
import { isContentPublisher } from '../providers/content-publisher.js';
import type { ScenarioEvent } from '../scenario/schema.js';
import { measureHookRollout } from './hook-rollout.js';
import { isMeasuredPurge, measurePurge } from './purge-probe.js';
import type { PurgeFiller } from './purge-targets.js';
import { isRolloutEvent, measureRollout } from './rollout-probe.js';

/** What the measurements need from the run. */
export interface MeasureContext {
  catalog: Catalog;
  staleReads: StaleReadCounter;
  refetchReads: RefetchStaleReads;
  filler: PurgeFiller;
  signal: AbortSignal;
  seed: number;
}

/** Runs the measurement the event asks for; null when it asks for none. Throws when it cannot be made. */
export async function measureInvalidationEvent(
  provider: ProviderAdapter,
  event: ScenarioEvent,
  ctx: MeasureContext,
): Promise<{ result: InvalidationResult; invalidationPaths: number } | null> {
  if (isRolloutEvent(event)) {
    if (isOriginControlled(provider)) return measureRollout(provider, event, ctx);
    if (isContentPublisher(provider) && isPurger(provider)) return measureHookRollout(provider, event, ctx);
    throw new Error(`provider ${provider.id} can neither change content at cdnbench's origin nor through a publish hook`);
  }
  if (isMeasuredPurge(event)) {
    if (!isPurger(provider)) throw new Error(`provider ${provider.id} has no invalidation API`);
    return measurePurge(provider, event, ctx);
  }
  return null;
}
